import { pruneJobHistory } from '@keel/db/queries/jobs';
import type { JobContext, JobResult } from '../types.ts';

const DAY_MS = 86_400_000;

/** Retention of run history; idempotent (a second run finds nothing older than the cut-off). */
export async function run(ctx: JobContext<{ retentionDays: number }>): Promise<JobResult> {
  const before = new Date(ctx.deps.clock.now().getTime() - ctx.payload.retentionDays * DAY_MS);
  const deleted = await pruneJobHistory(ctx.db, ctx.scope, before);
  if (deleted.jobRuns === 0 && deleted.workerRuns === 0) {
    return { status: 'skipped', reason: `no history older than ${ctx.payload.retentionDays} days` };
  }
  return { status: 'succeeded', summary: { ...deleted, before: before.toISOString() } };
}

import { buildProjectSnapshot } from '@keel/intelligence/kag/snapshots/build';
import type { JobContext, JobResult } from '../types.ts';
import { NO_HISTORY_RETRY_MS } from './kag-daily-pipeline.ts';

/**
 * project_snapshots_refresh: the snapshot step alone (today's row from the last refresh, missing
 * past days backfilled, closed windows labelled) — for when the daily pipeline is paused.
 * Idempotent: a second run the same day upserts the same rows and labels nothing twice.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await buildProjectSnapshot(ctx.db, ctx.scope, { clock, bus });
  const summary = { snapshots: r.snapshots, backfilled: r.backfilled, outcomes: r.outcomes, today: r.today };
  if (r.skipped) return { status: 'skipped', reason: r.skipped, summary, retryAfterMs: NO_HISTORY_RETRY_MS };
  return { status: 'succeeded', summary };
}

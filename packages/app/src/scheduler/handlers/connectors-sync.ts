import { runConnectorSync } from '@keel/connectors/connector-sync';
import { type ConnectorRunResult, SYNC_CONNECTORS, type SyncConnector } from '@keel/connectors/types';
import { scheduleAfterSync } from '../follow-ups.ts';
import type { JobContext, JobResult } from '../types.ts';
import { syncDepsFor } from './sync-deps.ts';

/**
 * connectors_sync_cycle: every connector of the project by watermark. A connector that is not
 * configured or bound is skipped with its reason; a failed one fails the job (backoff, then
 * dead when credentials stay wrong); failed pages of a partial run are in the DLQ already.
 * Whatever it wrote brings the project's scoring and embedding jobs forward to the next tick.
 */
export async function run(ctx: JobContext<{ connectors?: SyncConnector[] | undefined }>): Promise<JobResult> {
  const names = ctx.payload.connectors ?? [...SYNC_CONNECTORS];
  const deps = syncDepsFor(ctx);
  const results: ConnectorRunResult[] = [];
  for (const [i, name] of names.entries()) {
    results.push(await runConnectorSync(ctx.db, ctx.scope, name, deps));
    await ctx.heartbeat((i + 1) / names.length, `${name} done`);
  }
  const followUps = await scheduleAfterSync(ctx.db, ctx.scope, results, ctx.deps.clock.now());
  const summary: Record<string, unknown> = Object.fromEntries(
    results.map((r) => [r.connector, r.reason ? `${r.status}: ${r.reason}` : r.status]),
  );
  if (followUps.length > 0) summary.followUps = followUps;
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    throw new Error(
      failed.map((r) => `${r.connector} sync failed${r.reason ? `: ${r.reason}` : ''}`).join('; '),
    );
  }
  if (results.every((r) => r.status === 'skipped' || r.status === 'busy')) {
    return {
      status: 'skipped',
      reason: results.map((r) => `${r.connector}: ${r.reason ?? r.status}`).join('; '),
      summary,
    };
  }
  return { status: 'succeeded', summary };
}

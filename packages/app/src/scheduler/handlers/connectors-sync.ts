import { DEFAULT_SYNC_LEASE_MS } from '@keel/connectors/connector-state';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { SYNC_CONNECTORS, type SyncConnector } from '@keel/connectors/types';
import type { JobContext, JobResult } from '../types.ts';
import { syncDepsFor } from './sync-deps.ts';

/**
 * connectors_sync_cycle: every connector of the project by watermark. A connector that is not
 * configured or bound is skipped with its reason; a failed one fails the job (backoff, then
 * dead when credentials stay wrong); failed pages of a partial run are in the DLQ already.
 * Whatever it wrote brings the project's scoring and embedding jobs forward to the next tick.
 * A connector whose sync lease another live run holds is `busy`: the run says so (its reason)
 * and the job is due again a lease later, not a cadence later.
 */
export async function run(ctx: JobContext<{ connectors?: SyncConnector[] | undefined }>): Promise<JobResult> {
  const names = ctx.payload.connectors ?? [...SYNC_CONNECTORS];
  let followUps: string[] = [];
  // The follow-ups run inside the orchestration (connector-sync.ts); we only list them.
  const deps = syncDepsFor(ctx, (moved) => {
    followUps = moved;
  });
  const results = await runAllConnectorsSync(ctx.db, ctx.scope, deps, {
    connectors: names,
    onResult: (r, i) => ctx.heartbeat((i + 1) / names.length, `${r.connector} done`),
  });
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
  // Busy: another live owner holds the lease. Its sync ends within about a lease; then ours runs,
  // so the job is due again a lease later instead of a whole cadence.
  const busy = results.filter((r) => r.status === 'busy');
  const retry = busy.length > 0 ? { retryAfterMs: ctx.leaseMs ?? DEFAULT_SYNC_LEASE_MS } : {};
  if (busy.length > 0) summary.busy = busy.map((r) => r.connector);
  if (results.every((r) => r.status === 'skipped' || r.status === 'busy')) {
    return {
      status: 'skipped',
      reason: results.map((r) => `${r.connector}: ${r.reason ?? r.status}`).join('; '),
      summary,
      ...retry,
    };
  }
  if (busy.length > 0) {
    return {
      status: 'succeeded',
      reason: `not synced, retried soon: ${busy.map((r) => `${r.connector}: busy (${r.reason ?? 'lease held'})`).join('; ')}`,
      summary,
      ...retry,
    };
  }
  return { status: 'succeeded', summary };
}

import { retryDueConnectorErrors } from '@keel/connectors/connector-sync';
import type { JobContext, JobResult } from '../types.ts';
import { syncDepsFor } from './sync-deps.ts';

/** connector_errors_retry: the DLQ entries whose retry time has come, one run per connector. */
export async function run(ctx: JobContext<{ limit: number }>): Promise<JobResult> {
  const retried = await retryDueConnectorErrors(ctx.db, ctx.scope, syncDepsFor(ctx), {
    limit: ctx.payload.limit,
  });
  if (retried.length === 0) return { status: 'skipped', reason: 'no connector errors are due for retry' };
  return {
    status: 'succeeded',
    summary: Object.fromEntries(
      retried.map((r) => [r.connector, { units: r.units.length, status: r.result.status }]),
    ),
  };
}

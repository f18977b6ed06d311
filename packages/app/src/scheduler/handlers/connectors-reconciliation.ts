import { runReconciliation } from '@keel/connectors/reconciliation';
import type { JobContext, JobResult } from '../types.ts';
import { syncDepsFor } from './sync-deps.ts';

/** connectors_reconciliation: compares the sources with the mirrored rows; differences are reported, not fixed. */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const report = await runReconciliation(ctx.db, ctx.scope, syncDepsFor(ctx));
  const summary = {
    differences: report.differences,
    connectors: Object.fromEntries(
      report.connectors.map((c) => [c.connector, c.error ? `${c.status}: ${c.error}` : c.status]),
    ),
  };
  if (report.connectors.every((c) => c.status === 'skipped')) {
    return { status: 'skipped', reason: 'no connector is configured and bound for this project', summary };
  }
  return { status: 'succeeded', summary };
}

import { rebuildCaseSignatures } from '@keel/intelligence/kag/similarity/rebuild';
import type { JobContext, JobResult } from '../types.ts';

/**
 * case_signatures_refresh (weekly): every signature of the project rewritten with the current
 * SIGNATURE_VERSION and older versions dropped — the daily pipeline only adds the new days'.
 * Idempotent (an upsert per snapshot and version).
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const r = await rebuildCaseSignatures(ctx.db, ctx.scope, { rebuild: true });
  if (r.snapshots === 0)
    return {
      status: 'skipped',
      reason: 'no snapshots yet: the daily pipeline builds them first',
      summary: r,
    };
  return { status: 'succeeded', summary: r };
}

import { runSignalsAndNba } from '../../services/legacy-signals.ts';
import type { JobContext, JobResult } from '../types.ts';

/**
 * legacy_signals_extract: the seed's legacy signals and next best actions re-projected from the
 * current kag signals, then the evidence index caught up with what they cite. Upserts by dedupe
 * key and never touches a status, so reruns are idempotent. Audited as the system when it changed something.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await runSignalsAndNba({ db: ctx.db, clock, bus }, ctx.scope, {
    kind: 'system',
    accountScopeId: ctx.scope.accountScopeId,
  });
  const summary = {
    signals: r.signals,
    created: r.created,
    resolved: r.resolved,
    actions: r.actions,
    evidenceItems: r.evidence.items,
    evidenceInserted: r.evidence.inserted,
  };
  return { status: 'succeeded', summary };
}

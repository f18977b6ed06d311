import { refreshRiskAndHealth } from '@keel/intelligence/analytics/risk-refresh';
import type { JobContext, JobResult } from '../types.ts';

/**
 * risk_health_refresh: the risk radar rebuilt from the stored signals, health, 30-day forecast and
 * revenue at risk (the pipeline runs it too, after analytics). Upserts by dedupe key and closes
 * cleared items, so reruns are idempotent.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await refreshRiskAndHealth(ctx.db, ctx.scope, { clock, bus });
  const summary = {
    open: r.open,
    opened: r.opened.length,
    closed: r.closed.length,
    health: r.health?.score ?? null,
  };
  if (!r.health)
    return { status: 'skipped', reason: 'no health score yet: the kag refresh has not run', summary };
  return { status: 'succeeded', summary };
}

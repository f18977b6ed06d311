import { refreshRiskForecasts } from '@keel/intelligence/kag/forecast/refresh';
import type { JobContext, JobResult } from '../types.ts';

/**
 * risk_forecasts_refresh: the forecast step alone, from the stored snapshots and signatures (the
 * daily pipeline runs it too). Replaces the day's rows, so reruns are idempotent.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await refreshRiskForecasts(ctx.db, ctx.scope, { clock, bus });
  const h14 = r.forecasts.find((f) => f.horizonDays === 14);
  return {
    status: 'succeeded',
    summary: {
      asOf: r.asOf,
      historyDays: r.historyDays,
      similarCases: r.similarCases,
      probability14d: h14?.dataSufficient ? h14.probability : null,
      insufficient: h14?.insufficiencyReason ?? null,
    },
  };
}

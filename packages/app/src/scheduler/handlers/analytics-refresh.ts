import { refreshAnalytics } from '@keel/intelligence/analytics/refresh';
import type { JobContext, JobResult } from '../types.ts';

/**
 * analytics_refresh: today's analytics snapshots (and missing past days) recomputed from the
 * mirror and the stored forecasts. Replaces each written day whole, so reruns are idempotent.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await refreshAnalytics(ctx.db, ctx.scope, { clock, bus });
  const summary = { date: r.date, days: r.days, backfilled: r.backfilled, ...r.rows };
  if (r.days === 0)
    return { status: 'skipped', reason: 'no synced history yet: nothing to summarise', summary };
  return { status: 'succeeded', summary };
}

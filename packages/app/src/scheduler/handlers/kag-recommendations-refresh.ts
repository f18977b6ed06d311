import { runKagRecommendationRefresh } from '@keel/intelligence/kag/refresh';
import type { JobContext, JobResult } from '../types.ts';

/** kag_recommendations_refresh: the incremental v1 pipeline for one project. */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await runKagRecommendationRefresh(ctx.db, ctx.scope, { clock, bus });
  return {
    status: 'succeeded',
    summary: {
      eventsInserted: r.events.inserted,
      signals: r.signals.active,
      health: r.health,
      recommendationsCreated: r.recommendations.created,
    },
  };
}

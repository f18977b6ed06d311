import { runKagRecommendationRefresh } from '@keel/intelligence/kag/refresh';
import { refreshRecommendationsV2 } from '../../services/recommendations-v2.ts';
import type { JobContext, JobResult } from '../types.ts';

/** kag_recommendations_refresh: the incremental pipeline for one project (v1, then recommendations v2). */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await runKagRecommendationRefresh(ctx.db, ctx.scope, { clock, bus });
  // Recommendations v2 read the signals just written; closures are audited as the system.
  const v2 = await refreshRecommendationsV2({ db: ctx.db, clock, bus }, ctx.scope, {
    kind: 'system',
    accountScopeId: ctx.scope.accountScopeId,
  });
  return {
    status: 'succeeded',
    summary: {
      eventsInserted: r.events.inserted,
      signals: r.signals.active,
      health: r.health,
      recommendationsCreated: r.recommendations.created,
      recommendationsV2Published: v2.published,
      recommendationsV2Created: v2.created,
    },
  };
}

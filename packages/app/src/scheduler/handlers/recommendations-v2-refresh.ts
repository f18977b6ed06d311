import { refreshRecommendationsV2 } from '../../services/recommendations-v2.ts';
import type { JobContext, JobResult } from '../types.ts';

/**
 * recommendations_v2_refresh (seed: recommendations-v2.js): regenerates the project's
 * evidence-gated recommendations from the stored signals, scores and forecasts. The 15-minute
 * kag_recommendations_refresh also runs this as its last step; this job is the step alone (a
 * snooze that ran out, a forecast refreshed since), idempotent — a rerun upserts the same rows
 * and announces nothing new.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await refreshRecommendationsV2({ db: ctx.db, clock, bus }, ctx.scope, {
    kind: 'system',
    accountScopeId: ctx.scope.accountScopeId,
  });
  return {
    status: 'succeeded',
    summary: { published: r.published, created: r.created, closed: r.closed, held: r.held },
  };
}

import { hasProjectDigest } from '@keel/db/queries/digests';
import { bringJobsForward } from '@keel/db/queries/scheduler';
import { utcDay, weekStartOf } from '@keel/intelligence/digests/period';
import { runKagRecommendationRefresh } from '@keel/intelligence/kag/refresh';
import { runSignalsAndNba } from '../../services/legacy-signals.ts';
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
  // The legacy projection reads the v2 suggestions just written; the evidence index follows both.
  const legacy = await runSignalsAndNba({ db: ctx.db, clock, bus }, ctx.scope, {
    kind: 'system',
    accountScopeId: ctx.scope.accountScopeId,
  });
  await bringFirstDigestsForward(ctx);
  return {
    status: 'succeeded',
    summary: {
      eventsInserted: r.events.inserted,
      signals: r.signals.active,
      health: r.health,
      recommendationsCreated: r.recommendations.created,
      recommendationsV2Published: v2.published,
      recommendationsV2Created: v2.created,
      legacySignals: legacy.signals,
      evidenceItems: legacy.evidence.items,
    },
  };
}

/**
 * A project scored for the first time this period gets its digests at the next tick instead of
 * whenever their cadence falls (a new install, or the embedded demo, shows a digest within minutes).
 */
async function bringFirstDigestsForward(ctx: JobContext<Record<string, unknown>>): Promise<void> {
  const now = ctx.deps.clock.now();
  const due = [];
  if (!(await hasProjectDigest(ctx.db, ctx.scope, 'daily', utcDay(now)))) due.push('daily_digest');
  if (!(await hasProjectDigest(ctx.db, ctx.scope, 'weekly', weekStartOf(now)))) due.push('weekly_digest');
  if (due.length > 0) await bringJobsForward(ctx.db, ctx.scope, due, now);
}

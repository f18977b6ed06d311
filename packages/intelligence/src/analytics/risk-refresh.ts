import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import { latestRevenueSnapshots } from '@keel/db/queries/analytics';
import { listLatestForecasts } from '@keel/db/queries/kag-forecasts';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { latestProjectHealth, listRadarSignals, syncRiskRadarItems } from '@keel/db/queries/risk-radar';
import { isoDate } from '../kag/history/day.ts';
import type { KagRefreshContext } from '../kag/refresh.ts';
import { ANALYTICS_CONFIG } from './config.ts';
import { buildRiskRadarItems, type Exposure } from './risk-radar.ts';

/**
 * The seed's intelligence.js `refreshRiskAndHealth` for one project. Health itself is written by
 * the kag refresh (health_scores, in the transaction that stores kag_scores); this rebuilds the
 * risk radar from the stored signals, that health row, the 30-day forecast and today's revenue
 * at risk — nothing is recomputed, so the radar can never disagree with the project page.
 * Items whose signals cleared are closed; an item that fires again is reopened.
 */
export type RiskRefreshResult = {
  asOf: string;
  health: { score: number; band: string; asOf: string; configVersion: string } | null;
  open: number;
  opened: string[];
  closed: string[];
};

export async function refreshRiskAndHealth(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  ctx: KagRefreshContext,
): Promise<RiskRefreshResult> {
  const now = ctx.clock.now();
  const run = await startProcessRun(db, scope, 'risk.refresh', { now });
  try {
    const [signals, health, forecasts, revenue] = await Promise.all([
      listRadarSignals(db, scope),
      latestProjectHealth(db, scope),
      listLatestForecasts(db, scope),
      latestRevenueSnapshots(db, [scope], isoDate(now), ANALYTICS_CONFIG.riskHorizonDays),
    ]);
    const f30 = forecasts.find((f) => f.horizonDays === ANALYTICS_CONFIG.riskHorizonDays);
    const exposures: Exposure[] = revenue.map((r) => ({
      currency: r.currency,
      amountMinor: r.revenueAtRiskMinor,
    }));
    const items = buildRiskRadarItems({
      signals,
      health: health
        ? {
            score: health.score,
            band: health.band,
            topContributors: health.topContributors,
            configVersion: health.configVersion,
            asOf: health.asOf,
          }
        : null,
      probability: f30?.dataSufficient ? f30.probability : null,
      exposures,
    });
    const synced = await syncRiskRadarItems(
      db,
      scope,
      items.map(({ exposures: _e, ...i }) => i),
      now,
    );
    await finishProcessRun(db, run, {
      now: ctx.clock.now(),
      counts: { open: synced.open, opened: synced.opened.length, closed: synced.closed.length },
    });
    await ctx.bus.publish(
      makeEvent(
        'risk.refreshed',
        scope,
        { open: synced.open, opened: synced.opened.length, closed: synced.closed.length },
        now,
      ),
    );
    return {
      asOf: now.toISOString(),
      health: health
        ? {
            score: health.score,
            band: health.band,
            asOf: health.asOf.toISOString(),
            configVersion: health.configVersion,
          }
        : null,
      ...synced,
    };
  } catch (error) {
    await failProcessRun(db, run, error instanceof Error ? error.message : String(error), {
      now: ctx.clock.now(),
    });
    throw error;
  }
}

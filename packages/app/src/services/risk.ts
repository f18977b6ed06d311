import type { ProjectScope } from '@keel/core/scope';
import { latestRevenueSnapshots } from '@keel/db/queries/analytics';
import { listLatestForecasts } from '@keel/db/queries/kag-forecasts';
import { latestProjectHealth, listRiskRadarItems, type RiskRadarRow } from '@keel/db/queries/risk-radar';
import { ANALYTICS_CONFIG } from '@keel/intelligence/analytics/config';
import { refreshRiskAndHealth } from '@keel/intelligence/analytics/risk-refresh';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Risk and health as the API serves them (seed: intelligence.js `refreshRiskAndHealth`,
 * `getRiskOverview`): health_scores as the kag refresh wrote it, the risk radar built from the
 * same signals, and the exposure per currency from the analytics revenue snapshot.
 */
export async function refreshProjectRisk(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  const { db, clock, bus } = actor.deps;
  const r = await refreshRiskAndHealth(db, scope, { clock, bus });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'risk.refresh',
    payload: { open: r.open, opened: r.opened, closed: r.closed },
  });
  return r;
}

const itemView = (i: RiskRadarRow) => ({
  id: i.id,
  dedupeKey: i.dedupeKey,
  riskType: i.riskType,
  title: i.title,
  description: i.description,
  severity: i.severity,
  probability: i.probability,
  exposureMinor: i.exposureMinor,
  currency: i.currency,
  mitigation: i.mitigation,
  status: i.status,
  signalKeys: i.signalKeys,
  evidence: i.evidence,
  configVersion: i.configVersion,
  asOf: i.asOf.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

/** GET /risk/overview: health, the open radar items, recently closed ones and the exposure per currency. */
export async function getRiskOverview(deps: Pick<AppDeps, 'db' | 'clock'>, scope: ProjectScope) {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const [health, open, all, forecasts, revenue] = await Promise.all([
    latestProjectHealth(deps.db, scope),
    listRiskRadarItems(deps.db, [scope], { status: 'open' }),
    listRiskRadarItems(deps.db, [scope], { status: 'closed', limit: 20 }),
    listLatestForecasts(deps.db, scope),
    latestRevenueSnapshots(deps.db, [scope], today, ANALYTICS_CONFIG.riskHorizonDays),
  ]);
  const f30 = forecasts.find((f) => f.horizonDays === ANALYTICS_CONFIG.riskHorizonDays);
  return {
    health: health
      ? {
          score: health.score,
          band: health.band,
          components: health.components,
          topContributors: health.topContributors,
          configVersion: health.configVersion,
          asOf: health.asOf.toISOString(),
        }
      : null,
    forecast30d: f30
      ? {
          probability: f30.dataSufficient ? f30.probability : null,
          dataSufficient: f30.dataSufficient,
          insufficiencyReason: f30.insufficiencyReason,
          modelVersion: f30.modelVersion,
          asOf: f30.asOf.toISOString(),
        }
      : null,
    // Per currency, never summed across currencies.
    exposure: revenue.map((r) => ({
      currency: r.currency,
      revenueAtRiskMinor: r.revenueAtRiskMinor,
      snapshotDate: r.snapshotDate,
      asOf: r.asOf.toISOString(),
    })),
    items: open.map(itemView),
    recentlyClosed: all.map(itemView),
  };
}

import {
  type ControlTowerScope,
  readCommsSnapshots,
  readForecastMoves,
  readHealthHistory,
  readLatestRevenue,
  readNewestHealthAt,
  readOpenRadarItems,
  readRecommendationsActed,
  readRevenueTrend,
  readStrongestSignals,
  readSyncFreshness,
} from '@keel/db/queries/control-tower';
import {
  assembleControlTower,
  type ControlTower,
  type DrilldownKey,
  TOP_RISKS_LIMIT,
  TREND_DAYS,
} from '@keel/intelligence/control-tower/assemble';
import {
  actedDrilldown,
  type Drilldown,
  freshnessDrilldown,
  healthDrilldown,
  moversDrilldown,
  revenueDrilldown,
  risksDrilldown,
  slaDrilldown,
} from '@keel/intelligence/control-tower/drilldown';
import { lastDays } from '@keel/intelligence/control-tower/health-trend';
import type { PortfolioOverview } from '@keel/intelligence/portfolio/overview';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { getPortfolioOverview } from './portfolio.ts';

/**
 * getControlTower and its drilldown (intelligence.js). The projects and the health distribution
 * come from the portfolio's own computation (`getPortfolioOverview`), so the control tower, the
 * portfolio and the project page can never show two numbers for one thing; everything else is
 * read over exactly the projects that overview lists (the caller's scope).
 */

type Deps = Pick<AppDeps, 'db' | 'clock' | 'portfolioCache'> & Partial<Pick<AppDeps, 'readCache'>>;
const DAY_MS = 86_400_000;
/** Signals read for the top-risks fallback when no risk-radar item is open yet. */
const SIGNALS_FOR_RISKS = 50;

async function portfolioOf(deps: Deps, auth: AuthIdentity, now: Date): Promise<PortfolioOverview> {
  return getPortfolioOverview(
    deps.db,
    auth,
    now,
    { offset: 0, limit: Number.MAX_SAFE_INTEGER },
    deps.portfolioCache,
  );
}

const scopeOf = (auth: AuthIdentity, overview: PortfolioOverview): ControlTowerScope => ({
  accountScopeId: auth.accountScopeId,
  projectIds: overview.projects.map((p) => p.id),
});
const namesOf = (overview: PortfolioOverview) => overview.projects.map((p) => ({ id: p.id, name: p.name }));

export async function getControlTower(deps: Deps, auth: AuthIdentity): Promise<ControlTower> {
  if (!deps.readCache) return computeControlTower(deps, auth);
  // Per caller: the projects one sees (membership, role, a key's project list) shape every tile.
  const key = `control-tower:${auth.userId}:${auth.workspaceRole}:${auth.keyProjectIds?.join(',') ?? '*'}`;
  return deps.readCache.get(auth.accountScopeId, key, () => computeControlTower(deps, auth));
}

async function computeControlTower(deps: Deps, auth: AuthIdentity): Promise<ControlTower> {
  const now = deps.clock.now();
  const overview = await portfolioOf(deps, auth, now);
  const scope = scopeOf(auth, overview);
  const since = lastDays(now, TREND_DAYS)[0] as string;
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const [
    newestScoreAt,
    healthHistory,
    revenueLatest,
    revenueHistory,
    forecasts,
    radar,
    signals,
    comms,
    acted,
    syncStates,
  ] = await Promise.all([
    readNewestHealthAt(deps.db, scope),
    readHealthHistory(deps.db, scope, since),
    readLatestRevenue(deps.db, scope),
    readRevenueTrend(deps.db, scope, since),
    readForecastMoves(deps.db, scope, weekAgo),
    readOpenRadarItems(deps.db, scope, TOP_RISKS_LIMIT),
    readStrongestSignals(deps.db, scope, TOP_RISKS_LIMIT),
    readCommsSnapshots(deps.db, scope, since),
    readRecommendationsActed(deps.db, scope, weekAgo),
    readSyncFreshness(deps.db, scope),
  ]);
  return assembleControlTower({
    now,
    projects: namesOf(overview),
    portfolio: {
      asOf: overview.asOf,
      byBand: overview.totals.byBand,
      averageHealth: overview.totals.averageHealth,
      newestScoreAt,
    },
    healthHistory,
    revenueLatest,
    revenueHistory,
    forecasts,
    radar,
    signals,
    comms,
    acted,
    syncStates,
  });
}

/** The projects behind one figure of the control tower, over the same scope and the same rules. */
export async function getDrilldown(deps: Deps, auth: AuthIdentity, key: DrilldownKey): Promise<Drilldown> {
  const now = deps.clock.now();
  const overview = await portfolioOf(deps, auth, now);
  const scope = scopeOf(auth, overview);
  const projects = namesOf(overview);
  const since = lastDays(now, TREND_DAYS)[0] as string;
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  switch (key.metric) {
    case 'health_band':
      return healthDrilldown(key, {
        projects,
        current: overview.projects.map((p) => ({ id: p.id, health: p.health, band: p.band })),
        history: key.day ? await readHealthHistory(deps.db, scope, since) : [],
        today: now.toISOString().slice(0, 10),
        asOf: (await readNewestHealthAt(deps.db, scope)) ?? overview.asOf,
      });
    case 'revenue_at_risk':
      return revenueDrilldown(key, { projects, latest: await readLatestRevenue(deps.db, scope) });
    case 'forecast_movers':
      return moversDrilldown(key, { projects, ...(await readForecastMoves(deps.db, scope, weekAgo)) });
    case 'top_risks': {
      const [radar, signals] = await Promise.all([
        readOpenRadarItems(deps.db, scope, 200),
        readStrongestSignals(deps.db, scope, SIGNALS_FOR_RISKS),
      ]);
      return risksDrilldown(key, { projects, radar, signals });
    }
    case 'sla_compliance':
      return slaDrilldown(key, { projects, comms: await readCommsSnapshots(deps.db, scope, since) });
    case 'recommendations_acted':
      return actedDrilldown(key, {
        projects,
        acted: await readRecommendationsActed(deps.db, scope, weekAgo),
      });
    case 'connector_freshness':
      return freshnessDrilldown(key, { projects, states: await readSyncFreshness(deps.db, scope) });
  }
}

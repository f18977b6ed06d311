import type { HealthBand } from '../portfolio/overview.ts';
import { type ConnectorFreshness, connectorFreshness, type SyncStateRow } from './freshness.ts';
import {
  type BandCounts,
  type HealthTrendDay,
  healthTrend,
  type HealthPoint,
  lastDays,
  withToday,
} from './health-trend.ts';
import { type ForecastPoint, forecastMovers, type Mover } from './movers.ts';
import {
  type CurrencyTotal,
  type RevenueSnapshotRow,
  type RevenueTrendPoint,
  revenueRows,
  revenueTotals,
  revenueTrend,
} from './revenue.ts';
import { type CommsRow, definitionOf, type SlaTrendPoint, slaCompliance, slaTrend } from './sla.ts';
import { type RadarItem, type SignalItem, type TopRisk, topRisks } from './top-risks.ts';

/**
 * getControlTower (intelligence.js): the executive's one screen over every project they can
 * see. Pure: the rows come in, the clock is a parameter. Every figure carries its `asOf` (the
 * newest data behind it, or the oldest where a figure is only as fresh as its stalest part) and
 * a drilldown key that `GET /analytics/drilldown` answers with the projects that make it.
 */

export const DRILLDOWN_METRICS = [
  'health_band',
  'revenue_at_risk',
  'forecast_movers',
  'top_risks',
  'sla_compliance',
  'recommendations_acted',
  'connector_freshness',
] as const;
export type DrilldownMetric = (typeof DRILLDOWN_METRICS)[number];
export type DrilldownKey = {
  metric: DrilldownMetric;
  currency?: string;
  band?: HealthBand;
  day?: string;
  connector?: string;
};

/** Days shown in the trends (health, revenue at risk, SLA). */
export const TREND_DAYS = 30;
export const MOVERS_LIMIT = 8;
export const TOP_RISKS_LIMIT = 8;
const DAY_MS = 86_400_000;

export type ControlTowerInput = {
  now: Date;
  projects: readonly { id: string; name: string }[];
  /** The portfolio's distribution now and its timestamp: the same computation the portfolio shows. */
  portfolio: { asOf: string; byBand: BandCounts; averageHealth: number | null; newestScoreAt: string | null };
  healthHistory: readonly HealthPoint[];
  revenueLatest: readonly RevenueSnapshotRow[];
  revenueHistory: readonly { snapshotDate: string; currency: string; revenueAtRiskMinor: number }[];
  forecasts: { latest: readonly ForecastPoint[]; baseline: readonly ForecastPoint[] };
  radar: readonly RadarItem[];
  signals: readonly SignalItem[];
  comms: readonly CommsRow[];
  acted: readonly {
    projectId: string;
    accepted: number;
    done: number;
    actionsSucceeded: number;
    lastAt: string | null;
  }[];
  syncStates: readonly SyncStateRow[];
};

type Named = { projectId: string; projectName: string };

export type ControlTower = {
  asOf: string;
  projects: number;
  health: {
    asOf: string;
    averageHealth: number | null;
    bands: { band: HealthBand; projects: number; drilldown: DrilldownKey }[];
    trend: (HealthTrendDay & { drilldown: DrilldownKey })[];
    drilldown: DrilldownKey;
  };
  revenueAtRisk: {
    asOf: string | null;
    periodDays: number;
    /** How the analytics writer computed it (its `details.definition`), shown beside the figure. */
    definition: string | null;
    byCurrency: (CurrencyTotal & { drilldown: DrilldownKey })[];
    trend: RevenueTrendPoint[];
    drilldown: DrilldownKey;
  };
  forecastMovers: {
    asOf: string | null;
    items: (Mover & Named & { drilldown: DrilldownKey })[];
    drilldown: DrilldownKey;
  };
  topRisks: { asOf: string | null; items: (TopRisk & Named)[]; drilldown: DrilldownKey };
  sla: {
    asOf: string | null;
    periodDays: number;
    compliance: number | null;
    measured: number;
    projects: number;
    definition: Record<string, unknown> | null;
    trend: (SlaTrendPoint & { drilldown: DrilldownKey })[];
    drilldown: DrilldownKey;
  };
  recommendationsActed: {
    asOf: string;
    since: string;
    accepted: number;
    done: number;
    actionsSucceeded: number;
    projects: number;
    drilldown: DrilldownKey;
  };
  freshness: {
    asOf: string | null;
    connectors: (ConnectorFreshness & { drilldown: DrilldownKey })[];
    drilldown: DrilldownKey;
  };
};

const maxIso = (values: readonly (string | null | undefined)[]): string | null =>
  values.reduce<string | null>((m, v) => (v && (m === null || v > m) ? v : m), null);
const minIso = (values: readonly (string | null | undefined)[]): string | null =>
  values.reduce<string | null>((m, v) => (v && (m === null || v < m) ? v : m), null);

function revenueDefinition(rows: readonly RevenueSnapshotRow[]): string | null {
  for (const r of rows) if (typeof r.details.definition === 'string') return r.details.definition;
  return null;
}

const BANDS: HealthBand[] = ['at_risk', 'watch', 'healthy', 'unscored'];

/** Each project's newest comms row (the current SLA figure is over those). */
function latestPerProject(rows: readonly CommsRow[]): CommsRow[] {
  const by = new Map<string, CommsRow>();
  for (const r of rows) {
    const seen = by.get(r.projectId);
    if (!seen || r.snapshotDate > seen.snapshotDate) by.set(r.projectId, r);
  }
  return [...by.values()];
}

export function assembleControlTower(input: ControlTowerInput): ControlTower {
  const { now } = input;
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const visible = (id: string) => names.has(id);
  const named = <T extends { projectId: string }>(x: T): T & Named => ({
    ...x,
    projectName: names.get(x.projectId) ?? '',
  });
  const today = now.toISOString().slice(0, 10);
  const days = lastDays(now, TREND_DAYS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);

  const trend = withToday(
    healthTrend(
      input.projects.map((p) => p.id),
      input.healthHistory.filter((p) => visible(p.projectId)),
      days,
    ),
    today,
    input.portfolio.byBand,
  );

  const revRows = revenueRows(input.revenueLatest.filter((r) => visible(r.projectId)));
  const byCurrency = revenueTotals(revRows);

  const movers = forecastMovers(
    input.forecasts.latest.filter((f) => visible(f.projectId)),
    input.forecasts.baseline.filter((f) => visible(f.projectId)),
    MOVERS_LIMIT,
  );

  const risks = topRisks(
    input.radar.filter((r) => visible(r.projectId)),
    input.signals.filter((s) => visible(s.projectId)),
    TOP_RISKS_LIMIT,
  );

  const comms = input.comms.filter((c) => visible(c.projectId));
  const current = latestPerProject(comms);
  const sla = slaCompliance(current);

  const acted = input.acted.filter((a) => visible(a.projectId));
  const freshness = connectorFreshness(input.syncStates.filter((s) => visible(s.projectId)));

  return {
    asOf: now.toISOString(),
    projects: input.projects.length,
    health: {
      asOf: input.portfolio.newestScoreAt ?? input.portfolio.asOf,
      averageHealth: input.portfolio.averageHealth,
      bands: BANDS.map((band) => ({
        band,
        projects: input.portfolio.byBand[band],
        drilldown: { metric: 'health_band', band },
      })),
      trend: trend.map((d) => ({ ...d, drilldown: { metric: 'health_band', day: d.day } })),
      drilldown: { metric: 'health_band' },
    },
    revenueAtRisk: {
      asOf: maxIso(revRows.map((r) => r.asOf)),
      periodDays: 30,
      definition: revenueDefinition(input.revenueLatest),
      byCurrency: byCurrency.map((c) => ({
        ...c,
        drilldown: { metric: 'revenue_at_risk', currency: c.currency },
      })),
      trend: revenueTrend(input.revenueHistory),
      drilldown: { metric: 'revenue_at_risk' },
    },
    forecastMovers: {
      asOf: maxIso(movers.map((m) => m.toAsOf)),
      items: movers.map((m) => ({ ...named(m), drilldown: { metric: 'forecast_movers' } })),
      drilldown: { metric: 'forecast_movers' },
    },
    topRisks: {
      asOf: maxIso(risks.map((r) => r.asOf)),
      items: risks.map(named),
      drilldown: { metric: 'top_risks' },
    },
    sla: {
      asOf: maxIso(current.map((c) => c.asOf)),
      periodDays: 30,
      compliance: sla.compliance,
      measured: sla.measured,
      projects: sla.projects,
      definition: definitionOf(current),
      trend: slaTrend(comms).map((p) => ({ ...p, drilldown: { metric: 'sla_compliance', day: p.day } })),
      drilldown: { metric: 'sla_compliance' },
    },
    recommendationsActed: {
      asOf: maxIso(acted.map((a) => a.lastAt)) ?? now.toISOString(),
      since: weekAgo.toISOString(),
      accepted: acted.reduce((s, a) => s + a.accepted, 0),
      done: acted.reduce((s, a) => s + a.done, 0),
      actionsSucceeded: acted.reduce((s, a) => s + a.actionsSucceeded, 0),
      projects: acted.length,
      drilldown: { metric: 'recommendations_acted' },
    },
    freshness: {
      asOf: minIso(freshness.map((f) => f.dataAsOf)),
      connectors: freshness.map((f) => ({
        ...f,
        drilldown: { metric: 'connector_freshness', connector: f.connector },
      })),
      drilldown: { metric: 'connector_freshness' },
    },
  };
}

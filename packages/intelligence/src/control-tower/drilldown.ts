import { type HealthBand, healthBand } from '../portfolio/overview.ts';
import type { DrilldownKey } from './assemble.ts';
import type { SyncStateRow } from './freshness.ts';
import type { HealthPoint } from './health-trend.ts';
import { type ForecastPoint, forecastMovers } from './movers.ts';
import { type RevenueDeal, type RevenueSnapshotRow, revenueRows, revenueTotals } from './revenue.ts';
import { type CommsRow, measuredOf, slaCompliance } from './sla.ts';
import { type RadarItem, type SignalItem, topRisks } from './top-risks.ts';

/**
 * GET /analytics/drilldown: the projects that make one control-tower figure, each with its
 * contribution. Built from the same functions as the figure itself, so the rows add up to it
 * (revenue per currency exactly; counts by project).
 */

export type DrilldownRow = {
  projectId: string;
  projectName: string;
  /** The project's part of the figure: minor units, a share, a probability change, a count or a health. */
  value: number | null;
  currency: string | null;
  label: string;
  asOf: string | null;
  deals: RevenueDeal[];
};

export type DrilldownTotal = { currency: string | null; value: number | null };
export type Drilldown = {
  key: DrilldownKey;
  title: string;
  asOf: string | null;
  rows: DrilldownRow[];
  totals: DrilldownTotal[];
};

type Project = { id: string; name: string };
type Base = { projects: readonly Project[] };

const row = (
  p: Omit<DrilldownRow, 'deals' | 'currency'> & Partial<Pick<DrilldownRow, 'deals' | 'currency'>>,
): DrilldownRow => ({
  currency: null,
  deals: [],
  ...p,
});
const newest = (rows: readonly DrilldownRow[]) =>
  rows.reduce<string | null>((m, r) => (r.asOf && (m === null || r.asOf > m) ? r.asOf : m), null);
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

const BAND_TITLE: Record<HealthBand, string> = {
  at_risk: 'Projects at risk',
  watch: 'Projects on watch',
  healthy: 'Healthy projects',
  unscored: 'Projects not scored yet',
};

export type HealthNow = { id: string; health: number | null; band: HealthBand };

/**
 * Health bands: now from the portfolio's rows (`current`); on a past day from score history
 * carried forward — the same rule as the trend.
 */
export function healthDrilldown(
  key: DrilldownKey,
  input: Base & {
    current: readonly HealthNow[];
    history: readonly HealthPoint[];
    today: string;
    asOf: string;
  },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  let values: { id: string; health: number | null }[];
  if (key.day && key.day !== input.today) {
    const day = key.day;
    const last = new Map<string, { day: string; value: number }>();
    for (const p of input.history) {
      if (p.day > day) continue;
      const seen = last.get(p.projectId);
      if (!seen || p.day > seen.day) last.set(p.projectId, { day: p.day, value: p.value });
    }
    values = input.projects.map((p) => ({ id: p.id, health: last.get(p.id)?.value ?? null }));
  } else values = input.current.map((c) => ({ id: c.id, health: c.health }));
  const rows = values
    .map((v) => ({ ...v, band: healthBand(v.health) }))
    .filter((v) => !key.band || v.band === key.band)
    .sort((a, b) => (a.health ?? 101) - (b.health ?? 101))
    .map((v) =>
      row({
        projectId: v.id,
        projectName: names.get(v.id) ?? '',
        value: v.health,
        label:
          v.health === null
            ? 'not scored yet'
            : `health ${Math.round(v.health)} (${v.band.replace('_', ' ')})`,
        asOf: key.day && key.day !== input.today ? key.day : input.asOf,
      }),
    );
  return {
    key,
    title: `${key.band ? BAND_TITLE[key.band] : 'Projects by health'}${key.day ? ` on ${key.day}` : ''}`,
    asOf: key.day && key.day !== input.today ? key.day : input.asOf,
    rows,
    totals: [{ currency: null, value: rows.length }],
  };
}

/** Revenue at risk: one row per (project, currency) with its deals; totals per currency = the tile. */
export function revenueDrilldown(
  key: DrilldownKey,
  input: Base & { latest: readonly RevenueSnapshotRow[] },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const rows = revenueRows(
    input.latest.filter((r) => names.has(r.projectId)),
    key.currency,
  );
  return {
    key,
    title: `Revenue at risk${key.currency ? ` in ${key.currency}` : ''} (open and renewal deals × 30-day risk)`,
    asOf: rows.reduce<string | null>((m, r) => (m === null || r.asOf > m ? r.asOf : m), null),
    rows: rows.map((r) =>
      row({
        projectId: r.projectId,
        projectName: names.get(r.projectId) ?? '',
        value: r.amountMinor,
        currency: r.currency,
        label: `${r.deals.length} deal${r.deals.length === 1 ? '' : 's'}, snapshot ${r.snapshotDate}`,
        asOf: r.asOf,
        deals: r.deals,
      }),
    ),
    totals: revenueTotals(rows).map((t) => ({ currency: t.currency, value: t.amountMinor })),
  };
}

export function moversDrilldown(
  key: DrilldownKey,
  input: Base & { latest: readonly ForecastPoint[]; baseline: readonly ForecastPoint[] },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const visible = (f: ForecastPoint) => names.has(f.projectId);
  const movers = forecastMovers(
    input.latest.filter(visible),
    input.baseline.filter(visible),
    Number.MAX_SAFE_INTEGER,
  );
  const rows = movers.map((m) =>
    row({
      projectId: m.projectId,
      projectName: names.get(m.projectId) ?? '',
      value: m.change,
      label: `14-day risk ${pct(m.from)} → ${pct(m.to)}`,
      asOf: m.toAsOf,
    }),
  );
  return {
    key,
    title: '14-day risk movers over the last 7 days',
    asOf: newest(rows),
    rows,
    totals: [{ currency: null, value: rows.length }],
  };
}

export function risksDrilldown(
  key: DrilldownKey,
  input: Base & { radar: readonly RadarItem[]; signals: readonly SignalItem[] },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const risks = topRisks(
    input.radar.filter((r) => names.has(r.projectId)),
    input.signals.filter((s) => names.has(s.projectId)),
    Number.MAX_SAFE_INTEGER,
  );
  const rows = risks.map((r) =>
    row({
      projectId: r.projectId,
      projectName: names.get(r.projectId) ?? '',
      value: r.severity,
      label: `${r.title}: ${r.reason}`,
      asOf: r.asOf,
    }),
  );
  return {
    key,
    title: 'Top risks and their reasons',
    asOf: newest(rows),
    rows,
    totals: [{ currency: null, value: rows.length }],
  };
}

/** SLA: each project's share and the messages it was measured over (the weights of the figure). */
export function slaDrilldown(key: DrilldownKey, input: Base & { comms: readonly CommsRow[] }): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const inView = input.comms.filter((c) => names.has(c.projectId));
  const chosen = new Map<string, CommsRow>();
  for (const c of inView) {
    if (key.day ? c.snapshotDate !== key.day : false) continue;
    const seen = chosen.get(c.projectId);
    if (!seen || c.snapshotDate > seen.snapshotDate) chosen.set(c.projectId, c);
  }
  const picked = [...chosen.values()].filter((c) => c.slaCompliance !== null);
  const rows = picked
    .sort((a, b) => (a.slaCompliance ?? 0) - (b.slaCompliance ?? 0))
    .map((c) =>
      row({
        projectId: c.projectId,
        projectName: names.get(c.projectId) ?? '',
        value: c.slaCompliance,
        label: `${pct(c.slaCompliance ?? 0)} of ${measuredOf(c)} client messages answered in time`,
        asOf: c.asOf,
      }),
    );
  return {
    key,
    title: `SLA compliance by project${key.day ? ` on ${key.day}` : ''}`,
    asOf: newest(rows),
    rows,
    totals: [{ currency: null, value: slaCompliance(picked).compliance }],
  };
}

export function actedDrilldown(
  key: DrilldownKey,
  input: Base & {
    acted: readonly {
      projectId: string;
      accepted: number;
      done: number;
      actionsSucceeded: number;
      lastAt: string | null;
    }[];
  },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const rows = input.acted
    .filter((a) => names.has(a.projectId))
    .map((a) => ({ a, total: a.accepted + a.done + a.actionsSucceeded }))
    .sort((x, y) => y.total - x.total)
    .map(({ a, total }) =>
      row({
        projectId: a.projectId,
        projectName: names.get(a.projectId) ?? '',
        value: total,
        label: `${a.accepted} accepted, ${a.done} done, ${a.actionsSucceeded} actions run`,
        asOf: a.lastAt,
      }),
    );
  return {
    key,
    title: 'Recommendations acted on this week',
    asOf: newest(rows),
    rows,
    totals: [{ currency: null, value: rows.reduce((s, r) => s + (r.value ?? 0), 0) }],
  };
}

export function freshnessDrilldown(
  key: DrilldownKey,
  input: Base & { states: readonly SyncStateRow[] },
): Drilldown {
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const rows = input.states
    .filter((s) => names.has(s.projectId) && (!key.connector || s.connector === key.connector))
    .sort((a, b) => ((a.lastSuccessAt ?? '') < (b.lastSuccessAt ?? '') ? -1 : 1))
    .map((s) =>
      row({
        projectId: s.projectId,
        projectName: names.get(s.projectId) ?? '',
        value: s.consecutiveFailures,
        label: `${s.connector}: ${s.lastSuccessAt ? `data as of ${s.lastSuccessAt}` : 'never synced'}${s.status === 'failed' ? ' (last sync failed)' : ''}`,
        asOf: s.lastSuccessAt,
      }),
    );
  return {
    key,
    title: `Data freshness${key.connector ? ` of ${key.connector}` : ''} by project`,
    asOf: rows.reduce<string | null>((m, r) => (r.asOf && (m === null || r.asOf < m) ? r.asOf : m), null),
    rows,
    totals: [{ currency: null, value: rows.length }],
  };
}

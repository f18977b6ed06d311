/**
 * Revenue at risk for the control tower and its drilldown: one function folds the snapshot rows,
 * so the tile's figure is by construction the sum of the drilldown's rows, per currency. Amounts
 * of different currencies are never added together.
 */

export type RevenueSnapshotRow = {
  projectId: string;
  currency: string;
  revenueAtRiskMinor: number;
  snapshotDate: string;
  asOf: string;
  /** The analytics writer's per-deal breakdown (shape read leniently; see `dealsOf`). */
  details: Record<string, unknown>;
};

export type RevenueDeal = {
  /** Deal id as the writer names it; `unattributed` for the part no listed deal explains. */
  id: string;
  name: string;
  amountMinor: number;
  atRiskMinor: number;
  probability: number | null;
};

export type RevenueProjectRow = {
  projectId: string;
  currency: string;
  amountMinor: number;
  snapshotDate: string;
  asOf: string;
  deals: RevenueDeal[];
};

export type CurrencyTotal = { currency: string; amountMinor: number; projects: number; asOf: string | null };

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The deals behind one snapshot row. The writer lists them under `details.deals` (or
 * `atRiskDeals`), each with its at-risk amount (`revenueAtRiskMinor` / `atRiskMinor`). Whatever
 * the listed deals do not explain is one `unattributed` line, so the lines always sum exactly to
 * the row's figure — a drilldown that does not add up is worse than one that says what it lacks.
 */
export function dealsOf(row: Pick<RevenueSnapshotRow, 'details' | 'revenueAtRiskMinor'>): RevenueDeal[] {
  const raw = row.details.deals ?? row.details.atRiskDeals ?? [];
  const deals: RevenueDeal[] = [];
  if (Array.isArray(raw)) {
    for (const d of raw) {
      if (!d || typeof d !== 'object') continue;
      const r = d as Record<string, unknown>;
      const atRisk = num(r.revenueAtRiskMinor ?? r.atRiskMinor ?? r.revenue_at_risk_minor);
      if (atRisk === null || atRisk === 0) continue;
      deals.push({
        id: str(r.id) ?? str(r.opportunityId) ?? str(r.dealId) ?? str(r.opportunity_id) ?? 'deal',
        name: str(r.name) ?? str(r.title) ?? 'Deal',
        amountMinor: num(r.amountMinor ?? r.amount_minor) ?? atRisk,
        atRiskMinor: atRisk,
        probability: num(r.probability ?? r.riskProbability ?? r.risk),
      });
    }
  }
  deals.sort((a, b) => b.atRiskMinor - a.atRiskMinor || (a.id < b.id ? -1 : 1));
  const explained = deals.reduce((s, d) => s + d.atRiskMinor, 0);
  const rest = row.revenueAtRiskMinor - explained;
  if (rest !== 0)
    deals.push({
      id: 'unattributed',
      name: 'Not attributed to a listed deal',
      amountMinor: rest,
      atRiskMinor: rest,
      probability: null,
    });
  return deals;
}

/** Drilldown rows: one per (project, currency) with a non-zero amount, largest first. */
export function revenueRows(rows: readonly RevenueSnapshotRow[], currency?: string): RevenueProjectRow[] {
  return rows
    .filter((r) => r.revenueAtRiskMinor !== 0 && (currency === undefined || r.currency === currency))
    .map((r) => ({
      projectId: r.projectId,
      currency: r.currency,
      amountMinor: r.revenueAtRiskMinor,
      snapshotDate: r.snapshotDate,
      asOf: r.asOf,
      deals: dealsOf(r),
    }))
    .sort((a, b) => b.amountMinor - a.amountMinor || (a.projectId < b.projectId ? -1 : 1));
}

/** The tile: Σ of the drilldown rows per currency, largest first; as_of is the oldest behind it. */
export function revenueTotals(rows: readonly RevenueProjectRow[]): CurrencyTotal[] {
  const by = new Map<string, CurrencyTotal>();
  for (const r of rows) {
    const t = by.get(r.currency) ?? { currency: r.currency, amountMinor: 0, projects: 0, asOf: null };
    t.amountMinor += r.amountMinor;
    t.projects += 1;
    if (t.asOf === null || r.asOf < t.asOf) t.asOf = r.asOf;
    by.set(r.currency, t);
  }
  return [...by.values()].sort((a, b) => b.amountMinor - a.amountMinor || (a.currency < b.currency ? -1 : 1));
}

export type RevenueTrendPoint = { day: string; currency: string; amountMinor: number };

/** Per day and currency, Σ over the projects' snapshots of that day (never across currencies). */
export function revenueTrend(
  rows: readonly Pick<RevenueSnapshotRow, 'snapshotDate' | 'currency' | 'revenueAtRiskMinor'>[],
): RevenueTrendPoint[] {
  const by = new Map<string, RevenueTrendPoint>();
  for (const r of rows) {
    const key = `${r.snapshotDate}|${r.currency}`;
    const p = by.get(key) ?? { day: r.snapshotDate, currency: r.currency, amountMinor: 0 };
    p.amountMinor += r.revenueAtRiskMinor;
    by.set(key, p);
  }
  return [...by.values()].sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : a.currency < b.currency ? -1 : 1,
  );
}

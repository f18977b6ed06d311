import { DAY_MS } from '../kag/math.ts';
import type { DealFact } from '../kag/types.ts';
import { ANALYTICS_CONFIG } from './config.ts';

/**
 * Revenue per currency for one project-day (pure). Amounts are integer minor units; a deal's
 * weighted and at-risk amounts are rounded per deal and then summed, so the figure equals the
 * sum of its `details.deals` rows exactly. Currencies are never added together.
 *
 * - pipeline: open deals' amounts; weighted: × the deal's own probability (0 when it has none);
 * - won / lost: deals closed (stage changed to won / lost) inside the window;
 * - revenue at risk: (open deals + won deals renewing within `renewalWithinDays`) × the
 *   project's 30-day risk probability from kag_risk_forecasts (the forecast in effect that day).
 */
export type RevenueDeal = DealFact & { probability: number | null };

export type RiskForecastUsed = {
  probability: number;
  horizonDays: number;
  asOf: string;
  modelVersion: string;
  dataSufficient: boolean;
  /** `stored`: the row Keel wrote that day; `replayed`: recomputed from the snapshots for a backfilled day. */
  source: 'stored' | 'replayed';
};

export type RevenueDealRow = {
  dealId: string;
  name: string;
  accountName: string | null;
  kind: 'open' | 'renewal' | 'won' | 'lost';
  /** Won or lost inside the window (a renewal row can be won in the window too). */
  closedInWindow: boolean;
  stage: string;
  amountMinor: number;
  currency: string;
  dealProbability: number | null;
  weightedMinor: number;
  /** The risk probability applied (open and renewal rows), and its forecast's as_of. */
  riskProbability: number | null;
  forecastAsOf: string | null;
  atRiskMinor: number;
  renewalDate: string | null;
};

export type RevenueSnapshot = {
  currency: string;
  pipelineMinor: number;
  weightedPipelineMinor: number;
  wonMinor: number;
  lostMinor: number;
  revenueAtRiskMinor: number;
  openDeals: number;
  wonDeals: number;
  lostDeals: number;
  details: {
    deals: RevenueDealRow[];
    forecast: RiskForecastUsed | null;
    renewalDeals: number;
    definition: string;
  };
};

export const REVENUE_AT_RISK_DEFINITION =
  'Σ per deal of round(amount × P(risk event within 30 days)) over open deals and won deals renewing within 30 days, in minor units, per currency; P is the project’s 30-day forecast in effect that day.';

const inWindow = (d: Date | null, at: Date, periodDays: number) =>
  d !== null && d.getTime() <= at.getTime() && d.getTime() > at.getTime() - periodDays * DAY_MS;

function renewsSoon(d: RevenueDeal, at: Date): boolean {
  if (d.status !== 'won' || !d.renewalDate) return false;
  const t = Date.parse(`${d.renewalDate}T23:59:59.999Z`);
  return t >= at.getTime() && t <= at.getTime() + ANALYTICS_CONFIG.renewalWithinDays * DAY_MS;
}

/** `deals` are the facts as they stood at `at` (factsAsOf). */
export function computeRevenueSnapshots(input: {
  deals: readonly RevenueDeal[];
  at: Date;
  periodDays: number;
  forecast: RiskForecastUsed | null;
}): RevenueSnapshot[] {
  const { at, periodDays, forecast } = input;
  const p = forecast?.probability ?? null;
  const rows = new Map<string, RevenueDealRow[]>();
  for (const d of input.deals) {
    const kind: RevenueDealRow['kind'] | null =
      d.status === 'open'
        ? 'open'
        : renewsSoon(d, at)
          ? 'renewal'
          : d.status === 'won' && inWindow(d.stageChangedAt, at, periodDays)
            ? 'won'
            : d.status === 'lost' && inWindow(d.stageChangedAt, at, periodDays)
              ? 'lost'
              : null;
    if (!kind) continue;
    const closedInWindow = d.status !== 'open' && inWindow(d.stageChangedAt, at, periodDays);
    const exposed = kind === 'open' || kind === 'renewal';
    const list = rows.get(d.currency) ?? [];
    list.push({
      dealId: d.rowId,
      name: d.title,
      accountName: d.accountName,
      kind,
      closedInWindow,
      stage: d.stage,
      amountMinor: d.amountMinor,
      currency: d.currency,
      dealProbability: d.probability,
      weightedMinor: kind === 'open' ? Math.round(d.amountMinor * (d.probability ?? 0)) : 0,
      riskProbability: exposed ? p : null,
      forecastAsOf: exposed ? (forecast?.asOf ?? null) : null,
      atRiskMinor: exposed && p !== null ? Math.round(d.amountMinor * p) : 0,
      renewalDate: d.renewalDate,
    });
    rows.set(d.currency, list);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, deals]) => {
      deals.sort(
        (a, b) =>
          b.atRiskMinor - a.atRiskMinor || b.amountMinor - a.amountMinor || a.dealId.localeCompare(b.dealId),
      );
      const open = deals.filter((d) => d.kind === 'open');
      // A won deal renewing soon is exposed (kind renewal) and, if won in the window, won too.
      const won = deals.filter((d) => d.closedInWindow && (d.kind === 'won' || d.kind === 'renewal'));
      const lost = deals.filter((d) => d.kind === 'lost');
      const sum = (list: RevenueDealRow[], f: (d: RevenueDealRow) => number) =>
        list.reduce((a, d) => a + f(d), 0);
      return {
        currency,
        pipelineMinor: sum(open, (d) => d.amountMinor),
        weightedPipelineMinor: sum(open, (d) => d.weightedMinor),
        wonMinor: sum(won, (d) => d.amountMinor),
        lostMinor: sum(lost, (d) => d.amountMinor),
        revenueAtRiskMinor: sum(deals, (d) => d.atRiskMinor),
        openDeals: open.length,
        wonDeals: won.length,
        lostDeals: lost.length,
        details: {
          deals,
          forecast,
          renewalDeals: deals.filter((d) => d.kind === 'renewal').length,
          definition: REVENUE_AT_RISK_DEFINITION,
        },
      };
    });
}

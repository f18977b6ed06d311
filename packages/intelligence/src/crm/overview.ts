/**
 * The CRM overview (seed: `GET /crm/overview`): the open pipeline by stage and currency, won and
 * lost deals, stalled deals and renewals due. Amounts are never added across currencies: every
 * total is keyed by currency. Pure: deals and `now` in, the overview out.
 */
import { CRM_CONFIG, type CrmConfig } from './config.ts';
import type { DealStatus } from './stages.ts';

export type OverviewDeal = {
  id: string;
  title: string;
  stage: string;
  status: DealStatus;
  amountMinor: number;
  currency: string;
  stageChangedAt: Date | null;
  createdAt: Date;
  /** YYYY-MM-DD: when the contract a won deal brought ends. */
  renewalDate: string | null;
};

export type Money = { currency: string; count: number; amountMinor: number };
export type StageLine = { stage: string; currency: string; count: number; amountMinor: number };
export type StalledDeal = { id: string; title: string; stage: string; daysInStage: number };
export type RenewalDue = { id: string; title: string; renewalDate: string; daysLeft: number };

export type CrmOverview = {
  pipeline: StageLine[];
  open: Money[];
  won: Money[];
  lost: Money[];
  stalled: StalledDeal[];
  stalledDays: number;
  /** One entry per window (30, 60 days): renewals from today up to that many days ahead. */
  renewals: Array<{ withinDays: number; deals: RenewalDue[] }>;
};

const DAY = 86_400_000;

function addTo(map: Map<string, Money>, d: OverviewDeal): void {
  const m = map.get(d.currency) ?? { currency: d.currency, count: 0, amountMinor: 0 };
  m.count += 1;
  m.amountMinor += d.amountMinor;
  map.set(d.currency, m);
}

const byCurrency = (map: Map<string, Money>) =>
  [...map.values()].sort((a, b) => a.currency.localeCompare(b.currency));

/** Whole days between two UTC calendar dates (renewal dates are dates, not instants). */
function daysUntil(date: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY);
}

export function computeCrmOverview(
  deals: readonly OverviewDeal[],
  now: Date,
  config: CrmConfig = CRM_CONFIG,
  stageOrder: readonly string[] = [],
): CrmOverview {
  const open = new Map<string, Money>();
  const won = new Map<string, Money>();
  const lost = new Map<string, Money>();
  const lines = new Map<string, StageLine>();
  const stalled: StalledDeal[] = [];
  for (const d of deals) {
    if (d.status === 'won') addTo(won, d);
    else if (d.status === 'lost') addTo(lost, d);
    else {
      addTo(open, d);
      const key = `${d.stage}\u0000${d.currency}`;
      const line = lines.get(key) ?? { stage: d.stage, currency: d.currency, count: 0, amountMinor: 0 };
      line.count += 1;
      line.amountMinor += d.amountMinor;
      lines.set(key, line);
      // A deal never moved has been in its first stage since it was created.
      const since = d.stageChangedAt ?? d.createdAt;
      const days = Math.floor((now.getTime() - since.getTime()) / DAY);
      if (days >= config.stalledDays)
        stalled.push({ id: d.id, title: d.title, stage: d.stage, daysInStage: days });
    }
  }
  const rank = (stage: string) => {
    const i = stageOrder.indexOf(stage);
    return i < 0 ? stageOrder.length : i;
  };
  const pipeline = [...lines.values()].sort(
    (a, b) =>
      rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage) || a.currency.localeCompare(b.currency),
  );
  const upcoming = deals.flatMap((d) => {
    if (d.status !== 'won' || !d.renewalDate || !/^\d{4}-\d{2}-\d{2}$/.test(d.renewalDate)) return [];
    const daysLeft = daysUntil(d.renewalDate, now);
    return daysLeft >= 0 ? [{ id: d.id, title: d.title, renewalDate: d.renewalDate, daysLeft }] : [];
  });
  upcoming.sort((a, b) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title));
  return {
    pipeline,
    open: byCurrency(open),
    won: byCurrency(won),
    lost: byCurrency(lost),
    stalled: stalled.sort((a, b) => b.daysInStage - a.daysInStage || a.title.localeCompare(b.title)),
    stalledDays: config.stalledDays,
    renewals: config.renewalWindows.map((withinDays) => ({
      withinDays,
      deals: upcoming.filter((r) => r.daysLeft <= withinDays),
    })),
  };
}

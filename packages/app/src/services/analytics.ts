import type { ProjectScope } from '@keel/core/scope';
import {
  type CommsSnapshotRow,
  commsSeriesByDay,
  DEFAULT_ANALYTICS_PERIOD,
  type DeliverySnapshotRow,
  latestCommsSnapshots,
  latestDeliverySnapshots,
  latestRevenueSnapshots,
  type RevenueSnapshotRow,
  revenueSeriesByDay,
} from '@keel/db/queries/analytics';
import { ANALYTICS_CONFIG } from '@keel/intelligence/analytics/config';
import { type AnalyticsRefreshOptions, refreshAnalytics } from '@keel/intelligence/analytics/refresh';
import { REVENUE_AT_RISK_DEFINITION } from '@keel/intelligence/analytics/revenue';
import { responseTimeDefinition } from '@keel/intelligence/analytics/response-time/definition';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Analytics as the API serves them (seed: intelligence.js `refreshAnalytics`,
 * `getAnalyticsOverview`). The numbers are the stored snapshots — the refresh is the one place
 * they are computed — and money is always per currency.
 */
const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** POST /analytics/refresh: today's snapshots and the missing past days, now. */
export async function refreshProjectAnalytics(
  actor: Actor<'clock' | 'bus'>,
  scope: ProjectScope,
  options: AnalyticsRefreshOptions = {},
) {
  const { db, clock, bus } = actor.deps;
  const r = await refreshAnalytics(db, scope, { clock, bus }, options);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'analytics.refresh',
    payload: { date: r.date, days: r.days, backfilled: r.backfilled, rows: r.rows },
  });
  return r;
}

const revenueView = (r: RevenueSnapshotRow) => ({
  currency: r.currency,
  snapshotDate: r.snapshotDate,
  periodDays: r.periodDays,
  pipelineMinor: r.pipelineMinor,
  weightedPipelineMinor: r.weightedPipelineMinor,
  wonMinor: r.wonMinor,
  lostMinor: r.lostMinor,
  revenueAtRiskMinor: r.revenueAtRiskMinor,
  openDeals: r.openDeals,
  wonDeals: r.wonDeals,
  lostDeals: r.lostDeals,
  details: r.details,
  asOf: r.asOf.toISOString(),
});

const deliveryView = (r: DeliverySnapshotRow) => ({
  snapshotDate: r.snapshotDate,
  periodDays: r.periodDays,
  openIssues: r.openIssues,
  completedIssues: r.completedIssues,
  overdueIssues: r.overdueIssues,
  stalledIssues: r.stalledIssues,
  blockedIssues: r.blockedIssues,
  bugsCreated: r.bugsCreated,
  throughputPerWeek: r.throughputPerWeek,
  cycleTimeP50Hours: r.cycleTimeP50Hours,
  cycleTimeP85Hours: r.cycleTimeP85Hours,
  details: r.details,
  asOf: r.asOf.toISOString(),
});

const commsView = (r: CommsSnapshotRow) => ({
  snapshotDate: r.snapshotDate,
  periodDays: r.periodDays,
  inboundMessages: r.inboundMessages,
  outboundMessages: r.outboundMessages,
  conversationsOpened: r.conversationsOpened,
  conversationsResolved: r.conversationsResolved,
  firstResponseP50Minutes: r.firstResponseP50Minutes,
  firstResponseP90Minutes: r.firstResponseP90Minutes,
  slaCompliance: r.slaCompliance,
  negativeShare: r.negativeShare,
  details: r.details,
  asOf: r.asOf.toISOString(),
});

/**
 * GET /analytics/overview: the project's newest snapshots for the window (7 or 30 days), the
 * response-time definition beside the comms figures, and the daily series for charts.
 */
export async function getAnalyticsOverview(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  scope: ProjectScope,
  input: { periodDays?: number; days?: number },
) {
  const periodDays = input.periodDays ?? DEFAULT_ANALYTICS_PERIOD;
  const now = deps.clock.now();
  const today = isoDay(now);
  const from = isoDay(new Date(now.getTime() - (input.days ?? 30) * DAY_MS));
  const [revenue, delivery, comms, revenueSeries, commsSeries] = await Promise.all([
    latestRevenueSnapshots(deps.db, [scope], today, periodDays),
    latestDeliverySnapshots(deps.db, [scope], today, periodDays),
    latestCommsSnapshots(deps.db, [scope], today, periodDays),
    revenueSeriesByDay(deps.db, [scope], { from, to: today, periodDays }),
    commsSeriesByDay(deps.db, [scope], { from, to: today, periodDays }),
  ]);
  const commsRow = comms[0];
  const definition =
    (commsRow?.details.definition as ReturnType<typeof responseTimeDefinition> | undefined) ??
    responseTimeDefinition({});
  const asOfs = [...revenue, ...delivery, ...comms].map((r) => r.asOf.getTime());
  return {
    periodDays,
    configVersion: ANALYTICS_CONFIG.version,
    asOf: asOfs.length > 0 ? new Date(Math.max(...asOfs)).toISOString() : null,
    revenue: { definition: REVENUE_AT_RISK_DEFINITION, byCurrency: revenue.map(revenueView) },
    delivery: delivery[0] ? deliveryView(delivery[0]) : null,
    comms: commsRow ? commsView(commsRow) : null,
    responseTimeDefinition: definition,
    series: {
      revenue: revenueSeries.map(({ projects: _p, ...p }) => p),
      comms: commsSeries.map(({ projects: _p, ...p }) => p),
    },
  };
}

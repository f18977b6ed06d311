import { and, asc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../client.ts';
import {
  analyticsCommsSnapshots,
  analyticsDeliverySnapshots,
  analyticsRevenueSnapshots,
} from '../schema/analytics.ts';
import { cwMessages } from '../schema/chatwoot.ts';
import { crmOpportunities } from '../schema/crm.ts';
import { kagRiskForecasts } from '../schema/kag-v2.ts';

/**
 * analytics_{revenue,delivery,comms}_snapshots: one row per project, UTC day and trailing
 * window (7 or 30 days); revenue has one row per currency on top, so amounts of different
 * currencies are never added. Written by `refreshAnalytics` (packages/app/src/services/
 * analytics.ts), read by GET /analytics/overview, the control tower and the drilldown.
 *
 * Every read takes the list of project scopes the reader may see; an empty list reads nothing.
 */
export type AnalyticsScope = { accountScopeId: string; projectId: string };

export type RevenueSnapshotRow = typeof analyticsRevenueSnapshots.$inferSelect;
export type DeliverySnapshotRow = typeof analyticsDeliverySnapshots.$inferSelect;
export type CommsSnapshotRow = typeof analyticsCommsSnapshots.$inferSelect;

type Write<T> = Omit<T, 'id' | 'accountScopeId' | 'projectId' | 'createdAt'>;
export type RevenueSnapshotWrite = Write<RevenueSnapshotRow>;
export type DeliverySnapshotWrite = Write<DeliverySnapshotRow>;
export type CommsSnapshotWrite = Write<CommsSnapshotRow>;

/** The default trailing window the overview and the control tower read. */
export const DEFAULT_ANALYTICS_PERIOD = 30;

type SnapshotTable = PgTable & {
  accountScopeId: PgColumn;
  projectId: PgColumn;
  snapshotDate: PgColumn;
  periodDays: PgColumn;
};

function inScopes(table: SnapshotTable, scopes: readonly AnalyticsScope[]): SQL | undefined {
  return and(
    inArray(table.projectId, [...new Set(scopes.map((s) => s.projectId))]),
    inArray(table.accountScopeId, [...new Set(scopes.map((s) => s.accountScopeId))]),
  );
}

/** Each project's newest snapshot date on or before `date` (the latest the reader can see). */
function latestPerProject(
  table: SnapshotTable,
  scopes: readonly AnalyticsScope[],
  date: string,
  period: number,
) {
  return sql`(${table.projectId}, ${table.snapshotDate}) in (
    select s.project_id, max(s.snapshot_date) from ${table} s
    where s.project_id in (${sql.join(
      scopes.map((x) => sql`${x.projectId}::uuid`),
      sql`, `,
    )}) and s.snapshot_date <= ${date} and s.period_days = ${period}
    group by s.project_id)`;
}

async function latest<T>(
  db: Database,
  table: SnapshotTable,
  scopes: readonly AnalyticsScope[],
  date: string,
  period: number,
): Promise<T[]> {
  if (scopes.length === 0) return [];
  const rows = await db
    .select()
    .from(table)
    .where(
      and(
        inScopes(table, scopes),
        eq(table.periodDays, period),
        latestPerProject(table, scopes, date, period),
      ),
    )
    .orderBy(asc(table.projectId));
  return rows as T[];
}

/** Per project, the rows (one per currency) of its newest revenue snapshot on or before `date`. */
export function latestRevenueSnapshots(
  db: Database,
  scopes: readonly AnalyticsScope[],
  date: string,
  periodDays: number = DEFAULT_ANALYTICS_PERIOD,
): Promise<RevenueSnapshotRow[]> {
  return latest(db, analyticsRevenueSnapshots, scopes, date, periodDays);
}

export function latestDeliverySnapshots(
  db: Database,
  scopes: readonly AnalyticsScope[],
  date: string,
  periodDays: number = DEFAULT_ANALYTICS_PERIOD,
): Promise<DeliverySnapshotRow[]> {
  return latest(db, analyticsDeliverySnapshots, scopes, date, periodDays);
}

export function latestCommsSnapshots(
  db: Database,
  scopes: readonly AnalyticsScope[],
  date: string,
  periodDays: number = DEFAULT_ANALYTICS_PERIOD,
): Promise<CommsSnapshotRow[]> {
  return latest(db, analyticsCommsSnapshots, scopes, date, periodDays);
}

export type SeriesRange = { from: string; to: string; periodDays?: number };

async function series<T>(
  db: Database,
  table: SnapshotTable,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<T[]> {
  if (scopes.length === 0) return [];
  const rows = await db
    .select()
    .from(table)
    .where(
      and(
        inScopes(table, scopes),
        eq(table.periodDays, range.periodDays ?? DEFAULT_ANALYTICS_PERIOD),
        gte(table.snapshotDate, range.from),
        lte(table.snapshotDate, range.to),
      ),
    )
    .orderBy(asc(table.snapshotDate), asc(table.projectId));
  return rows as T[];
}

/** Every stored row per day in [from, to] (inclusive): the raw points of a chart over time. */
export function revenueSnapshotSeries(
  db: Database,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<RevenueSnapshotRow[]> {
  return series(db, analyticsRevenueSnapshots, scopes, range);
}

export function deliverySnapshotSeries(
  db: Database,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<DeliverySnapshotRow[]> {
  return series(db, analyticsDeliverySnapshots, scopes, range);
}

export function commsSnapshotSeries(
  db: Database,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<CommsSnapshotRow[]> {
  return series(db, analyticsCommsSnapshots, scopes, range);
}

/** Revenue per day and currency, summed over the projects (never over currencies). */
export type RevenueSeriesPoint = {
  date: string;
  currency: string;
  pipelineMinor: number;
  weightedPipelineMinor: number;
  wonMinor: number;
  lostMinor: number;
  revenueAtRiskMinor: number;
  projects: number;
};

export async function revenueSeriesByDay(
  db: Database,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<RevenueSeriesPoint[]> {
  if (scopes.length === 0) return [];
  const t = analyticsRevenueSnapshots;
  const rows = await db
    .select({
      date: t.snapshotDate,
      currency: t.currency,
      pipelineMinor: sql<string>`sum(${t.pipelineMinor})`,
      weightedPipelineMinor: sql<string>`sum(${t.weightedPipelineMinor})`,
      wonMinor: sql<string>`sum(${t.wonMinor})`,
      lostMinor: sql<string>`sum(${t.lostMinor})`,
      revenueAtRiskMinor: sql<string>`sum(${t.revenueAtRiskMinor})`,
      projects: sql<number>`count(distinct ${t.projectId})::int`,
    })
    .from(t)
    .where(
      and(
        inScopes(t, scopes),
        eq(t.periodDays, range.periodDays ?? DEFAULT_ANALYTICS_PERIOD),
        gte(t.snapshotDate, range.from),
        lte(t.snapshotDate, range.to),
      ),
    )
    .groupBy(t.snapshotDate, t.currency)
    .orderBy(asc(t.snapshotDate), asc(t.currency));
  return rows.map((r) => ({
    date: r.date,
    currency: r.currency,
    pipelineMinor: Number(r.pipelineMinor),
    weightedPipelineMinor: Number(r.weightedPipelineMinor),
    wonMinor: Number(r.wonMinor),
    lostMinor: Number(r.lostMinor),
    revenueAtRiskMinor: Number(r.revenueAtRiskMinor),
    projects: Number(r.projects),
  }));
}

/**
 * SLA compliance per day over the projects: Σ answered-in-target / Σ counted client messages
 * (the counts each comms row keeps in `details.sla`), never an average of project shares.
 */
export type CommsSeriesPoint = {
  date: string;
  inboundMessages: number;
  outboundMessages: number;
  slaMet: number;
  slaCounted: number;
  slaCompliance: number | null;
  projects: number;
};

export async function commsSeriesByDay(
  db: Database,
  scopes: readonly AnalyticsScope[],
  range: SeriesRange,
): Promise<CommsSeriesPoint[]> {
  if (scopes.length === 0) return [];
  const t = analyticsCommsSnapshots;
  const rows = await db
    .select({
      date: t.snapshotDate,
      inbound: sql<string>`sum(${t.inboundMessages})`,
      outbound: sql<string>`sum(${t.outboundMessages})`,
      met: sql<string>`coalesce(sum((${t.details}->'sla'->>'met')::int), 0)`,
      counted: sql<string>`coalesce(sum((${t.details}->'sla'->>'counted')::int), 0)`,
      projects: sql<number>`count(distinct ${t.projectId})::int`,
    })
    .from(t)
    .where(
      and(
        inScopes(t, scopes),
        eq(t.periodDays, range.periodDays ?? DEFAULT_ANALYTICS_PERIOD),
        gte(t.snapshotDate, range.from),
        lte(t.snapshotDate, range.to),
      ),
    )
    .groupBy(t.snapshotDate)
    .orderBy(asc(t.snapshotDate));
  return rows.map((r) => {
    const met = Number(r.met);
    const counted = Number(r.counted);
    return {
      date: r.date,
      inboundMessages: Number(r.inbound),
      outboundMessages: Number(r.outbound),
      slaMet: met,
      slaCounted: counted,
      slaCompliance: counted > 0 ? met / counted : null,
      projects: Number(r.projects),
    };
  });
}

/** Snapshot dates already stored for one project from `from` on (the backfill skips them). */
export async function listAnalyticsDates(
  db: Database,
  scope: AnalyticsScope,
  from: string,
): Promise<Set<string>> {
  const t = analyticsDeliverySnapshots;
  const rows = await db
    .selectDistinct({ date: t.snapshotDate })
    .from(t)
    .where(
      and(
        eq(t.accountScopeId, scope.accountScopeId),
        eq(t.projectId, scope.projectId),
        gte(t.snapshotDate, from),
      ),
    );
  return new Set(rows.map((r) => r.date));
}

/** One project-day's three snapshots, all windows; written together or not at all. */
export type AnalyticsDayWrite = {
  snapshotDate: string;
  revenue: RevenueSnapshotWrite[];
  delivery: DeliverySnapshotWrite[];
  comms: CommsSnapshotWrite[];
};

/**
 * Replaces each written (project, day) whole: a currency that no longer has deals that day
 * leaves no stale row behind. Idempotent: the same input writes the same rows.
 */
export async function replaceAnalyticsDays(
  db: Database,
  scope: AnalyticsScope,
  days: readonly AnalyticsDayWrite[],
): Promise<{ revenue: number; delivery: number; comms: number }> {
  const counts = { revenue: 0, delivery: 0, comms: 0 };
  if (days.length === 0) return counts;
  const dates = days.map((d) => d.snapshotDate);
  await db.transaction(async (tx) => {
    for (const table of [analyticsRevenueSnapshots, analyticsDeliverySnapshots, analyticsCommsSnapshots]) {
      await tx
        .delete(table)
        .where(
          and(
            eq(table.accountScopeId, scope.accountScopeId),
            eq(table.projectId, scope.projectId),
            inArray(table.snapshotDate, dates),
          ),
        );
    }
    const revenue = days.flatMap((d) => d.revenue.map((r) => ({ ...r, ...scope })));
    const delivery = days.flatMap((d) => d.delivery.map((r) => ({ ...r, ...scope })));
    const comms = days.flatMap((d) => d.comms.map((r) => ({ ...r, ...scope })));
    for (let i = 0; i < revenue.length; i += 500)
      await tx.insert(analyticsRevenueSnapshots).values(revenue.slice(i, i + 500));
    for (let i = 0; i < delivery.length; i += 500)
      await tx.insert(analyticsDeliverySnapshots).values(delivery.slice(i, i + 500));
    for (let i = 0; i < comms.length; i += 500)
      await tx.insert(analyticsCommsSnapshots).values(comms.slice(i, i + 500));
    counts.revenue = revenue.length;
    counts.delivery = delivery.length;
    counts.comms = comms.length;
  });
  return counts;
}

/** The project's live mirror messages written in the range: what the response-time rules read. */
const responseTimeMessagesIn = (scope: AnalyticsScope, range: { from: Date; to: Date }) =>
  and(
    eq(cwMessages.accountScopeId, scope.accountScopeId),
    eq(cwMessages.projectId, scope.projectId),
    isNull(cwMessages.deletedAt),
    gte(cwMessages.createdAtSource, range.from),
    lte(cwMessages.createdAtSource, range.to),
  );

/** When the first message `listResponseTimeMessages` would return in the range was written (null: none). */
export async function firstResponseTimeMessageAt(
  db: Database,
  scope: AnalyticsScope,
  range: { from: Date; to: Date },
): Promise<Date | null> {
  const rows = await db
    .select({ at: sql<Date | null>`min(${cwMessages.createdAtSource})`.mapWith(cwMessages.createdAtSource) })
    .from(cwMessages)
    .where(responseTimeMessagesIn(scope, range));
  return rows[0]?.at ?? null;
}

/** Mirror rows the response-time rules read (every type: activity lines carry the status changes). */
export type ResponseTimeMessageRow = {
  id: string;
  conversationId: string;
  at: Date;
  messageType: string;
  private: boolean;
  senderType: string | null;
  content: string | null;
  contentAttributes: Record<string, unknown> | null;
};

export async function listResponseTimeMessages(
  db: Database,
  scope: AnalyticsScope,
  range: { from: Date; to: Date },
): Promise<ResponseTimeMessageRow[]> {
  const rows = await db
    .select({
      id: cwMessages.id,
      cwConversationId: cwMessages.cwConversationId,
      at: cwMessages.createdAtSource,
      messageType: cwMessages.messageType,
      private: cwMessages.private,
      senderType: cwMessages.senderType,
      content: cwMessages.content,
      contentAttributes: sql<Record<string, unknown> | null>`${cwMessages.raw}->'content_attributes'`,
    })
    .from(cwMessages)
    .where(responseTimeMessagesIn(scope, range))
    .orderBy(asc(cwMessages.createdAtSource));
  return rows.map(({ cwConversationId, ...r }) => ({ ...r, conversationId: String(cwConversationId) }));
}

/** Each deal's own probability (0..1, or null), by crm_opportunities id. */
export async function listDealProbabilities(
  db: Database,
  scope: AnalyticsScope,
): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ id: crmOpportunities.id, probability: crmOpportunities.probability })
    .from(crmOpportunities)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.probability]));
}

/** Stored forecasts of one horizon from `from` on, oldest first (the one in effect each day). */
export async function listForecastHistory(
  db: Database,
  scope: AnalyticsScope,
  horizonDays: number,
  from: Date,
): Promise<Array<typeof kagRiskForecasts.$inferSelect>> {
  return db
    .select()
    .from(kagRiskForecasts)
    .where(
      and(
        eq(kagRiskForecasts.accountScopeId, scope.accountScopeId),
        eq(kagRiskForecasts.projectId, scope.projectId),
        eq(kagRiskForecasts.horizonDays, horizonDays),
        gte(kagRiskForecasts.asOf, from),
      ),
    )
    .orderBy(asc(kagRiskForecasts.asOf));
}

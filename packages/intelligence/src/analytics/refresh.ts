import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import {
  type AnalyticsDayWrite,
  firstResponseTimeMessageAt,
  listAnalyticsDates,
  listDealProbabilities,
  listForecastHistory,
  listResponseTimeMessages,
  replaceAnalyticsDays,
} from '@keel/db/queries/analytics';
import { firstMessageEventAt, loadProjectProfile } from '@keel/db/queries/kag-ingest';
import { listSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { computeRiskForecastsFromInputs } from '../kag/forecast/compute.ts';
import { FORECAST_HISTORY_DAYS } from '../kag/forecast/features.ts';
import { factsAsOf } from '../kag/history/as-of.ts';
import { dayEnds, firstFactAt, isoDate } from '../kag/history/day.ts';
import { historyDayFromSnapshot } from '../kag/history/from-snapshot.ts';
import { DAY_MS } from '../kag/math.ts';
import { type KagRefreshContext, loadProjectFacts } from '../kag/refresh.ts';
import { computeCommsSnapshot } from './comms.ts';
import { ANALYTICS_CONFIG } from './config.ts';
import { computeDeliverySnapshot } from './delivery.ts';
import { computeRevenueSnapshots, type RevenueDeal, type RiskForecastUsed } from './revenue.ts';
import { measureResponseTimes, responseTimeDefinition, type RtMessage } from './response-time/index.ts';

/**
 * The seed's intelligence.js `refreshAnalytics` for one project: today's analytics snapshots
 * (revenue per currency, delivery, comms; windows of 7 and 30 days) plus a backfill of the past
 * days not stored yet, each judged from history as it stood at the end of that day (factsAsOf —
 * the snapshot backfill's rule, so nothing from a day's future is read). Yesterday is always
 * judged again, so a row written while its day was still running ends up meaning "the day as it
 * ended". Runs in the kag pipeline after forecasts (revenue at risk reads the 30-day forecast).
 */
export type AnalyticsRefreshOptions = { backfillDays?: number; rebuild?: boolean };

export type AnalyticsRefreshResult = {
  asOf: string;
  date: string;
  days: number;
  backfilled: number;
  rows: { revenue: number; delivery: number; comms: number };
  configVersion: string;
};

/** Messages a response clock may reach back to: a month's window plus a week of open runs. */
const MESSAGE_LOOKBACK_DAYS = 7;

export async function refreshAnalytics(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  ctx: KagRefreshContext,
  options: AnalyticsRefreshOptions = {},
): Promise<AnalyticsRefreshResult> {
  const now = ctx.clock.now();
  const today = isoDate(now);
  const backfillDays = options.backfillDays ?? ANALYTICS_CONFIG.backfillDays;
  const run = await startProcessRun(db, scope, 'analytics.refresh', { now, meta: { backfillDays } });
  try {
    const maxPeriod = Math.max(...ANALYTICS_CONFIG.periods);
    const startOfToday = Date.parse(`${today}T00:00:00.000Z`);
    const firstDay = new Date(startOfToday - backfillDays * DAY_MS);
    const windowDays = maxPeriod + MESSAGE_LOOKBACK_DAYS;
    const loadFrom = new Date(firstDay.getTime() - windowDays * DAY_MS);
    const yesterday = isoDate(new Date(startOfToday - DAY_MS));
    // The first message of the history a backfill reads, and the days stored: which days to judge.
    const [existing, firstMessage, firstRaw] = await Promise.all([
      listAnalyticsDates(db, scope, isoDate(firstDay)),
      firstMessageEventAt(db, scope, loadFrom, new Date(now.getTime() + 1)),
      firstResponseTimeMessageAt(db, scope, { from: loadFrom, to: now }),
    ]);
    // Missing days, yesterday (judged again), then today.
    const wanted = (at: Date) => options.rebuild || !existing.has(isoDate(at)) || isoDate(at) === yesterday;
    const candidates = dayEnds(firstDay, new Date(startOfToday - 1)).filter(wanted);
    // A day reads the messages of its window only (`windowDays` back: comms and response times)
    // and issues, cycles and deals whole, and a day before the first message (event or mirror
    // row) has none in its window however far back one reads: so messages are read from the
    // window of the earliest day to judge that is not before the first message — on a daily run
    // yesterday's, not the 90 + 37 days a backfill reads. Same rows (test: analytics-risk).
    const anyFirst = Math.min(
      firstMessage?.getTime() ?? Number.POSITIVE_INFINITY,
      firstRaw?.getTime() ?? Number.POSITIVE_INFINITY,
    );
    const earliest = candidates.find((at) => at.getTime() >= anyFirst)?.getTime() ?? now.getTime();
    const readFrom = new Date(Math.max(loadFrom.getTime(), earliest - windowDays * DAY_MS));
    const [facts, profile, probabilities, raw, stored, snapshots] = await Promise.all([
      loadProjectFacts(db, scope, now, { from: readFrom }),
      loadProjectProfile(db, scope),
      listDealProbabilities(db, scope),
      listResponseTimeMessages(db, scope, { from: readFrom, to: now }),
      listForecastHistory(db, scope, ANALYTICS_CONFIG.riskHorizonDays, firstDay),
      listSnapshotHistory(db, scope, {
        from: isoDate(new Date(firstDay.getTime() - FORECAST_HISTORY_DAYS * DAY_MS)),
        to: today,
      }),
    ]);
    const definition = responseTimeDefinition(profile?.settings ?? {});
    const deals: RevenueDeal[] = facts.deals.map((d) => ({
      ...d,
      probability: probabilities.get(d.rowId) ?? null,
    }));
    const firstRead = firstFactAt(facts);
    // The first fact bounds the days judged, as if every message from `loadFrom` had been read.
    const first =
      firstMessage === null
        ? firstRead
        : Math.min(firstMessage.getTime(), firstRead ?? Number.POSITIVE_INFINITY);

    // Past days: from the first fact (at most backfillDays back), missing ones and yesterday.
    const past = first === null ? [] : candidates.filter((at) => at.getTime() >= first);
    const instants = first === null ? [] : [...past, now];
    const history = snapshots.map(historyDayFromSnapshot);
    const rtMessages: RtMessage[] = raw;

    const forecastFor = (at: Date): RiskForecastUsed | null => {
      const day = isoDate(at);
      // The forecast Keel stored that day (the last one not after `at`), else one replayed
      // from the stored snapshots up to that day (similar cases left out: documented).
      const same = stored.filter((f) => isoDate(f.asOf) === day && f.asOf.getTime() <= at.getTime()).at(-1);
      if (same)
        return {
          probability: same.probability,
          horizonDays: same.horizonDays,
          asOf: same.asOf.toISOString(),
          modelVersion: same.modelVersion,
          dataSufficient: same.dataSufficient,
          source: 'stored',
        };
      const upTo = history.filter((h) => h.date <= day).slice(-FORECAST_HISTORY_DAYS);
      if (upTo.length === 0) return null;
      const f = computeRiskForecastsFromInputs({ asOf: at, history: upTo, similar: [] }).find(
        (x) => x.horizonDays === ANALYTICS_CONFIG.riskHorizonDays,
      );
      return f
        ? {
            probability: f.probability,
            horizonDays: f.horizonDays,
            asOf: at.toISOString(),
            modelVersion: f.modelVersion,
            dataSufficient: f.dataSufficient,
            source: 'replayed',
          }
        : null;
    };

    const days: AnalyticsDayWrite[] = instants.map((at) => {
      const asOfFacts = factsAsOf({ ...facts, deals }, at);
      const forecast = forecastFor(at);
      // A base rate is not a forecast (compute.ts): with too little history nothing is applied.
      const applied = forecast?.dataSufficient ? forecast : null;
      const windowStart = at.getTime() - (maxPeriod + MESSAGE_LOOKBACK_DAYS) * DAY_MS;
      const dayRaw = rtMessages.filter((m) => m.at.getTime() > windowStart && m.at.getTime() <= at.getTime());
      const measured = measureResponseTimes(dayRaw, at, definition);
      const common = { asOf: at, snapshotDate: isoDate(at) };
      return {
        snapshotDate: isoDate(at),
        revenue: ANALYTICS_CONFIG.periods.flatMap((periodDays) =>
          computeRevenueSnapshots({
            deals: asOfFacts.deals as RevenueDeal[],
            at,
            periodDays,
            forecast: applied,
          }).map((r) => ({
            ...common,
            periodDays,
            ...r,
            details: { ...r.details, forecast, configVersion: ANALYTICS_CONFIG.version },
          })),
        ),
        delivery: ANALYTICS_CONFIG.periods.map((periodDays) => {
          const d = computeDeliverySnapshot({
            issues: asOfFacts.issues,
            cycles: asOfFacts.cycles,
            at,
            periodDays,
          });
          return {
            ...common,
            periodDays,
            ...d,
            details: { ...d.details, configVersion: ANALYTICS_CONFIG.version },
          };
        }),
        comms: ANALYTICS_CONFIG.periods.map((periodDays) => {
          const c = computeCommsSnapshot({
            messages: asOfFacts.messages,
            raw: dayRaw,
            measured,
            definition,
            at,
            periodDays,
          });
          return {
            ...common,
            periodDays,
            ...c,
            details: { ...c.details, configVersion: ANALYTICS_CONFIG.version },
          };
        }),
      };
    });

    const rows = await replaceAnalyticsDays(db, scope, days);
    const result: AnalyticsRefreshResult = {
      asOf: now.toISOString(),
      date: today,
      days: days.length,
      backfilled: past.length,
      rows,
      configVersion: ANALYTICS_CONFIG.version,
    };
    await finishProcessRun(db, run, { now: ctx.clock.now(), counts: { days: days.length, ...rows } });
    if (days.length > 0)
      await ctx.bus.publish(
        makeEvent(
          'analytics.refreshed',
          scope,
          { date: today, days: days.length, rows: rows.revenue + rows.delivery + rows.comms },
          now,
        ),
      );
    return result;
  } catch (error) {
    await failProcessRun(db, run, error instanceof Error ? error.message : String(error), {
      now: ctx.clock.now(),
    });
    throw error;
  }
}

import type { Clock } from '@keel/core/clock';
import { type EventBus, makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import { listCurrentSignals, listKagScores } from '@keel/db/queries/kag-signals';
import {
  insertOutcomes,
  listLabelledOutcomeKeys,
  listSnapshotDates,
  listSnapshotDays,
  upsertSnapshots,
} from '@keel/db/queries/kag-snapshots';
import { failProcessRun, finishProcessRun, startProcessRun } from '@keel/db/queries/process-log';
import { factsAsOf } from '../history/as-of.ts';
import { dayMetrics, evaluateDay, firstFactAt, isoDate, type DayMetrics } from '../history/day.ts';
import { KAG_CONFIG } from '../config.ts';
import { DAY_MS } from '../math.ts';
import { loadProjectFacts } from '../refresh.ts';
import {
  outcomesToLabel,
  pastDaysToBuild,
  SNAPSHOT_RULES,
  type SnapshotRow,
  snapshotFromDay,
  snapshotFromLive,
} from './rows.ts';

/**
 * The seed's snapshots.js `buildProjectSnapshot`: one project_snapshots row per project and UTC
 * day, then past_case_outcomes for every window that has closed.
 *
 * - Past days (a new install's backfill, or a day the job missed) are rebuilt from history: the
 *   facts are loaded once from the first day's trailing window on, and each day is judged by
 *   `evaluateDay` at the end of that day, which cuts the facts with `factsAsOf` — nothing from
 *   the day's future is read. Days already stored as they ended are kept unless `rebuild`.
 * - Today's row is what the live refresh wrote (kag_scores + kag_signals, see
 *   `snapshotFromLive`), so the snapshot and the project page agree; when the refresh has not
 *   run today, today is judged by `evaluateDay` at `now` like any past day. Once the day is
 *   over, the next build judges it again at its end (`pastDaysToBuild`), so every past row —
 *   backfilled or once live — means "the day as it ended", which is what outcome labels,
 *   similar cases and forecast training compare.
 * - Outcomes are labelled from the stored snapshot rows, once per (snapshot, horizon).
 */
export type SnapshotContext = { clock: Clock; bus: EventBus };
export type SnapshotOptions = { backfillDays?: number; rebuild?: boolean };

export type SnapshotBuildResult = {
  asOf: string;
  /** Today's UTC date, the day of the live row. */
  date: string;
  /** Rows written: past days built from history plus today's. */
  snapshots: number;
  /** Past days built from history: missing ones, and once-live ones judged at their end. */
  backfilled: number;
  today: 'live' | 'evaluated' | 'none';
  outcomes: number;
  /** Why nothing was built, when nothing was. */
  skipped: string | null;
};

const dateMinus = (date: string, days: number) =>
  isoDate(new Date(Date.parse(`${date}T00:00:00.000Z`) - days * DAY_MS));

const toWrite = (r: SnapshotRow) => ({
  ...r,
  metrics: r.metrics as unknown as Record<string, number | null>,
});

export async function buildProjectSnapshot(
  db: Database,
  scope: KagScope,
  ctx: SnapshotContext,
  options: SnapshotOptions = {},
): Promise<SnapshotBuildResult> {
  const now = ctx.clock.now();
  const today = isoDate(now);
  const backfillDays = options.backfillDays ?? SNAPSHOT_RULES.backfillDays;
  const run = await startProcessRun(db, scope, 'kag.snapshots', { now, meta: { backfillDays } });
  try {
    // The first backfilled day needs its detectors' trailing window loaded too.
    const from = new Date(
      Date.parse(`${today}T00:00:00.000Z`) - (backfillDays + KAG_CONFIG.windows.messageHistoryDays) * DAY_MS,
    );
    const facts = await loadProjectFacts(db, scope, now, { from });
    const first = firstFactAt(facts);
    const existing = await listSnapshotDates(db, scope, dateMinus(today, backfillDays));
    const past = pastDaysToBuild({
      now,
      firstFactAt: first,
      backfillDays,
      existing,
      rebuild: options.rebuild ?? false,
    });
    const rows = past.map((at) => snapshotFromDay(evaluateDay(facts, at)));

    const [scores, signals] = await Promise.all([listKagScores(db, scope), listCurrentSignals(db, scope)]);
    const metricsAt = (at: Date): DayMetrics => dayMetrics(factsAsOf(facts, at), at);
    const live = snapshotFromLive({ scores, signals }, today, metricsAt);
    const todayRow = live ?? (first === null ? null : snapshotFromDay(evaluateDay(facts, now)));
    if (todayRow) rows.push(todayRow);

    const written = await upsertSnapshots(db, scope, rows.map(toWrite));
    const outcomes = await labelClosedWindows(db, scope, today, backfillDays, now);
    const result: SnapshotBuildResult = {
      asOf: now.toISOString(),
      date: today,
      snapshots: written,
      backfilled: past.length,
      today: live ? 'live' : todayRow ? 'evaluated' : 'none',
      outcomes,
      skipped: rows.length === 0 ? 'no synced history and no scores yet: nothing to snapshot' : null,
    };
    await finishProcessRun(db, run, {
      now: ctx.clock.now(),
      counts: { snapshots: written, backfilled: past.length, outcomes },
    });
    if (written > 0 || outcomes > 0)
      await ctx.bus.publish(
        makeEvent('kag.snapshots.built', scope, { date: today, snapshots: written, outcomes }, now),
      );
    return result;
  } catch (error) {
    await failProcessRun(db, run, error instanceof Error ? error.message : String(error), {
      now: ctx.clock.now(),
    });
    throw error;
  }
}

/** Labels every closed (snapshot, horizon) window not yet labelled; returns how many were written. */
async function labelClosedWindows(
  db: Database,
  scope: KagScope,
  today: string,
  backfillDays: number,
  now: Date,
): Promise<number> {
  const maxHorizon = Math.max(...SNAPSHOT_RULES.horizons);
  const stored = await listSnapshotDays(db, scope, dateMinus(today, backfillDays + maxHorizon + 1));
  const days = stored.map((s) => ({
    id: s.id,
    date: s.date,
    health: s.health ?? 100,
    signals: s.signals as SnapshotRow['signals'],
    metrics: s.metrics as unknown as DayMetrics,
  }));
  const labelled = await listLabelledOutcomeKeys(
    db,
    scope,
    days.map((d) => d.id),
  );
  const labels = outcomesToLabel(days, labelled, today);
  return insertOutcomes(
    db,
    scope,
    labels.map((l) => ({
      snapshotId: l.snapshotId,
      windowStart: l.windowStart,
      windowEnd: l.windowEnd,
      horizonDays: l.horizonDays,
      riskEvent: l.riskEvent,
      eventKind: l.eventKind,
      eventAt: l.eventAt,
      labeledAt: now,
    })),
  );
}

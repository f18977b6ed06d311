import type { ScoreComponent, ScoreContributor } from '@keel/db/schema/kag-core';
import type { SignalKey } from '../config.ts';
import { DAY_MS } from '../math.ts';
import { type DayEvaluation, type DayMetrics, type DaySignal, dayEnds, isoDate } from '../history/day.ts';
import { type CaseOutcome, labelOutcome, type OutcomeDay } from '../history/outcome.ts';

/**
 * Pure halves of the snapshot service: which days to build, the row of a day, the row of today
 * from the live refresh, and which outcomes can be labelled. The orchestration (loads, writes)
 * is in ./build.ts.
 */
export const SNAPSHOT_RULES = {
  /** How far back a backfill rebuilds a project's history (days before today). */
  backfillDays: 180,
  /** Outcome horizons, in days. */
  horizons: [7, 14, 30] as const,
} as const;

export type SnapshotScores = {
  health: number;
  risk: number;
  components: ScoreComponent[];
  topContributors: ScoreContributor[];
};

export type SnapshotRow = {
  snapshotDate: string;
  health: number;
  risk: number;
  scores: SnapshotScores;
  signals: Partial<Record<SignalKey, DaySignal>>;
  metrics: DayMetrics;
  configVersion: string;
  asOf: Date;
};

export function snapshotFromDay(day: DayEvaluation): SnapshotRow {
  return {
    snapshotDate: day.date,
    health: day.health,
    risk: day.risk,
    scores: {
      health: day.health,
      risk: day.risk,
      components: day.components,
      topContributors: day.topContributors,
    },
    signals: day.signals,
    metrics: day.metrics,
    configVersion: day.configVersion,
    asOf: day.asOf,
  };
}

/** The live state the refresh wrote: its kag_scores rows and its current kag_signals. */
export type LiveState = {
  scores: ReadonlyArray<{
    scoreType: 'health' | 'risk';
    value: number;
    components: ScoreComponent[];
    topContributors: ScoreContributor[];
    configVersion: string;
    asOf: Date;
  }>;
  signals: ReadonlyArray<{ key: string; severity: number }>;
};

/**
 * Today's row from what the refresh wrote (null when it has not scored the project today): the
 * very scores and signal set the product shows now, so today's snapshot never disagrees with the
 * project page. Only the metrics come from the history facts cut at the refresh's `as_of`.
 */
export function snapshotFromLive(
  live: LiveState,
  today: string,
  metricsAt: (asOf: Date) => DayMetrics,
): SnapshotRow | null {
  const health = live.scores.find((s) => s.scoreType === 'health');
  const risk = live.scores.find((s) => s.scoreType === 'risk');
  if (!health || isoDate(health.asOf) !== today) return null;
  const signals: Partial<Record<SignalKey, DaySignal>> = {};
  for (const s of live.signals) {
    const key = s.key as SignalKey;
    const cur = signals[key];
    signals[key] = { severity: Math.max(cur?.severity ?? 0, s.severity), count: (cur?.count ?? 0) + 1 };
  }
  const riskValue = risk?.value ?? 100 - health.value;
  return {
    snapshotDate: today,
    health: health.value,
    risk: riskValue,
    scores: {
      health: health.value,
      risk: riskValue,
      components: health.components,
      topContributors: health.topContributors,
    },
    signals,
    metrics: metricsAt(health.asOf),
    configVersion: health.configVersion,
    asOf: health.asOf,
  };
}

/**
 * The past days a build evaluates: from the day of the first fact (at most `backfillDays` back)
 * to yesterday — days not stored yet, and days stored while they were still today (their `as_of`
 * is before the day's end: the live row of a refresh), which are judged again at the day's end
 * so every past row means the same thing, "the day as it ended". With `rebuild`, every day.
 * Ends of UTC days, ascending.
 */
export function pastDaysToBuild(options: {
  now: Date;
  firstFactAt: number | null;
  backfillDays: number;
  /** Stored snapshot dates with their `as_of`. */
  existing: ReadonlyMap<string, Date>;
  rebuild: boolean;
}): Date[] {
  if (options.firstFactAt === null) return [];
  const todayStart = Date.parse(`${isoDate(options.now)}T00:00:00.000Z`);
  const from = Math.max(options.firstFactAt, todayStart - options.backfillDays * DAY_MS);
  return dayEnds(new Date(from), new Date(todayStart - 1)).filter((end) => {
    const stored = options.existing.get(isoDate(end));
    return options.rebuild || !stored || stored.getTime() < end.getTime();
  });
}

export type StoredSnapshotDay = OutcomeDay & { id: string };

/**
 * Outcomes to write: every (snapshot, horizon) not yet labelled whose window has closed. A
 * labelled row is never relabelled, so what a past forecast is scored against stays fixed.
 */
export function outcomesToLabel(
  days: readonly StoredSnapshotDay[],
  labelled: ReadonlySet<string>,
  today: string,
  horizons: readonly number[] = SNAPSHOT_RULES.horizons,
): Array<CaseOutcome & { snapshotId: string }> {
  const out: Array<CaseOutcome & { snapshotId: string }> = [];
  days.forEach((day, index) => {
    for (const h of horizons) {
      if (labelled.has(`${day.id}:${h}`)) continue;
      const label = labelOutcome(days, index, h, today);
      if (label) out.push({ ...label, snapshotId: day.id });
    }
  });
  return out;
}

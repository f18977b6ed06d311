import type { ScoreComponent, ScoreContributor } from '@keel/db/schema/kag-core';
import { KAG_CONFIG, type KagConfig, SIGNAL_KEYS, type SignalKey } from '../config.ts';
import { DAY_MS, endOfDate, round } from '../math.ts';
import { computeScores } from '../scoring.ts';
import { detectSignals } from '../signals.ts';
import type { DetectedSignal, ProjectFacts } from '../types.ts';
import { factsAsOf } from './as-of.ts';
import { type StressMetrics, stressMetrics } from './stress-metrics.ts';

/**
 * One project on one day: the signals, scores and key metrics Keel would have shown at `at`,
 * computed from the facts as they stood then. The snapshot row, the backfill, the replay of a
 * candidate config and the forecast benchmark all read days through this one function, so a
 * past day is judged the same way everywhere.
 */
export type DaySignal = { severity: number; count: number };

export type DayEvaluation = {
  /** YYYY-MM-DD (UTC) of `asOf`. */
  date: string;
  asOf: Date;
  health: number;
  risk: number;
  components: ScoreComponent[];
  topContributors: ScoreContributor[];
  /** Per signal key: the highest severity among its subjects and how many subjects. */
  signals: Partial<Record<SignalKey, DaySignal>>;
  metrics: DayMetrics;
  configVersion: string;
  detected: DetectedSignal[];
};

export type DayMetrics = {
  messagesIn7d: number;
  messagesOut7d: number;
  openIssues: number;
  overdueIssues: number;
  completedIssues7d: number;
  openDeals: number;
  openPipelineMinor: number;
  /** Deals lost so far (cumulative): a rise between two days is a lost deal. */
  lostDealsTotal: number;
  daysSinceClientMessage: number | null;
  /** Days between the first fact Keel has and `asOf`: how much history stands behind the day. */
  historyDays: number;
} & Partial<StressMetrics>; // optional: snapshots stored before forecast-v3 lack them

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export function firstFactAt(facts: ProjectFacts): number | null {
  let first = Number.POSITIVE_INFINITY;
  for (const m of facts.messages) first = Math.min(first, m.at.getTime());
  for (const i of facts.issues) first = Math.min(first, i.createdAt.getTime());
  for (const d of facts.deals) first = Math.min(first, d.createdAt.getTime());
  return Number.isFinite(first) ? first : null;
}

export function dayMetrics(facts: ProjectFacts, at: Date): DayMetrics {
  const t = at.getTime();
  const weekAgo = t - 7 * DAY_MS;
  const recent = facts.messages.filter((m) => m.at.getTime() > weekAgo && m.at.getTime() <= t);
  const open = facts.issues.filter((i) => !i.completedAt && !i.canceledAt);
  const lastClient = facts.messages.reduce(
    (last, m) => (m.actor === 'client' && m.at.getTime() <= t ? Math.max(last, m.at.getTime()) : last),
    -1,
  );
  const openDeals = facts.deals.filter((d) => d.status === 'open');
  const first = firstFactAt(facts);
  return {
    messagesIn7d: recent.filter((m) => m.direction === 'in').length,
    messagesOut7d: recent.filter((m) => m.direction === 'out').length,
    openIssues: open.length,
    overdueIssues: open.filter((i) => i.dueDate && endOfDate(i.dueDate).getTime() < t).length,
    completedIssues7d: facts.issues.filter(
      (i) => i.completedAt && i.completedAt.getTime() > weekAgo && i.completedAt.getTime() <= t,
    ).length,
    openDeals: openDeals.length,
    openPipelineMinor: openDeals.reduce((a, d) => a + d.amountMinor, 0),
    lostDealsTotal: facts.deals.filter((d) => d.status === 'lost').length,
    daysSinceClientMessage: lastClient < 0 ? null : round((t - lastClient) / DAY_MS, 2),
    historyDays: first === null ? 0 : Math.max(0, Math.floor((t - first) / DAY_MS)),
    ...stressMetrics(facts, at),
  };
}

export function signalSet(detected: readonly DetectedSignal[]): Partial<Record<SignalKey, DaySignal>> {
  const out: Partial<Record<SignalKey, DaySignal>> = {};
  for (const s of detected) {
    const cur = out[s.key];
    out[s.key] = { severity: Math.max(cur?.severity ?? 0, s.severity), count: (cur?.count ?? 0) + 1 };
  }
  return out;
}

/** Evaluates `facts` (full history is fine: they are cut at `at` first). */
export function evaluateDay(facts: ProjectFacts, at: Date, config: KagConfig = KAG_CONFIG): DayEvaluation {
  const asOf = factsAsOf(facts, at);
  const detected = detectSignals({ facts: asOf, now: at, config });
  const scores = computeScores(detected, config);
  return {
    date: isoDate(at),
    asOf: at,
    health: scores.health,
    risk: scores.risk,
    components: scores.components,
    topContributors: scores.topContributors,
    signals: signalSet(detected),
    metrics: dayMetrics(asOf, at),
    configVersion: config.version,
    detected,
  };
}

/** The end of each UTC day from `from` to `to` (inclusive): the instants a backfill evaluates. */
export function dayEnds(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start + DAY_MS - 1; t <= to.getTime(); t += DAY_MS) out.push(new Date(t));
  return out;
}

export { SIGNAL_KEYS };

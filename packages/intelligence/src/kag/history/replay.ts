import type { KagConfig, SignalKey } from '../config.ts';
import type { ProjectFacts } from '../types.ts';
import { evaluateDay } from './day.ts';

/**
 * Replays two configs over the same stored history, day by day (each day sees only its past,
 * through evaluateDay), and reports what each flagged and when: per signal the episodes (runs
 * of consecutive flagged days), and the days the project was "at risk" (health below 50).
 */
export const AT_RISK_HEALTH = 50;

export type Episode = { from: string; to: string; days: number };
export type FlagComparison = {
  current: { days: number; first: string | null; episodes: Episode[] };
  candidate: { days: number; first: string | null; episodes: Episode[] };
};
export type ReplayReport = {
  currentVersion: string;
  candidateVersion: string;
  days: number;
  from: string | null;
  to: string | null;
  signals: Array<{ key: SignalKey | 'at_risk' } & FlagComparison>;
  meanHealth: { current: number | null; candidate: number | null };
};

export function episodesOf(dates: readonly string[], flagged: readonly boolean[]): Episode[] {
  const out: Episode[] = [];
  let open: Episode | null = null;
  dates.forEach((date, i) => {
    if (flagged[i]) {
      if (open) {
        open.to = date;
        open.days++;
      } else {
        open = { from: date, to: date, days: 1 };
        out.push(open);
      }
    } else open = null;
  });
  return out;
}

const side = (dates: readonly string[], flagged: readonly boolean[]) => {
  const episodes = episodesOf(dates, flagged);
  return { days: flagged.filter(Boolean).length, first: episodes[0]?.from ?? null, episodes };
};

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function replayConfigs(
  facts: ProjectFacts,
  dayEndsToReplay: readonly Date[],
  current: KagConfig,
  candidate: KagConfig,
): ReplayReport {
  const cur = dayEndsToReplay.map((at) => evaluateDay(facts, at, current));
  const cand = dayEndsToReplay.map((at) => evaluateDay(facts, at, candidate));
  const dates = cur.map((d) => d.date);
  const keys = new Set<SignalKey>();
  for (const d of [...cur, ...cand]) for (const k of Object.keys(d.signals)) keys.add(k as SignalKey);
  const signals: ReplayReport['signals'] = [...keys].sort().map((key) => ({
    key,
    current: side(
      dates,
      cur.map((d) => d.signals[key] !== undefined),
    ),
    candidate: side(
      dates,
      cand.map((d) => d.signals[key] !== undefined),
    ),
  }));
  signals.push({
    key: 'at_risk',
    current: side(
      dates,
      cur.map((d) => d.health < AT_RISK_HEALTH),
    ),
    candidate: side(
      dates,
      cand.map((d) => d.health < AT_RISK_HEALTH),
    ),
  });
  return {
    currentVersion: current.version,
    candidateVersion: candidate.version,
    days: dates.length,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    signals,
    meanHealth: { current: mean(cur.map((d) => d.health)), candidate: mean(cand.map((d) => d.health)) },
  };
}

import { SIGNAL_CATEGORIES, type ScoreComponent, type ScoreContributor } from '@keel/db/schema/kag-core';
import { KAG_CONFIG, type KagConfig, type SignalKey } from './config.ts';
import { DAY_MS, round } from './math.ts';

/**
 * health = 100 − Σ_c weight_c × min(1, Σ_s severity_s × w_s) × 100; risk = 100 − health.
 * Each category's deduction is split over its signals in proportion to severity × w_s, so the
 * contributors' shares add up to 1 and answer "why 42?" exactly.
 */
export type ScoredSignal = {
  key: SignalKey;
  category: ScoreComponent['category'];
  subjectKey: string;
  severity: number;
};
export type ProjectScores = {
  health: number;
  risk: number;
  components: ScoreComponent[];
  topContributors: ScoreContributor[];
  configVersion: string;
};

export function computeScores(
  signals: readonly ScoredSignal[],
  config: KagConfig = KAG_CONFIG,
): ProjectScores {
  const { categoryWeights, signalWeights, topContributors: topN } = config.scoring;
  const contributions: Array<ScoreContributor & { points: number }> = [];
  const components: ScoreComponent[] = SIGNAL_CATEGORIES.map((category) => {
    const weight = categoryWeights[category];
    const inCategory = signals.filter((s) => s.category === category);
    const raw = inCategory.map((s) => s.severity * signalWeights[s.key]);
    const sum = raw.reduce((a, b) => a + b, 0);
    const value = Math.min(1, sum);
    const contribution = weight * value * 100;
    inCategory.forEach((s, i) => {
      const part = sum === 0 ? 0 : contribution * ((raw[i] ?? 0) / sum);
      contributions.push({
        signalKey: s.key,
        subjectKey: s.subjectKey,
        severity: s.severity,
        share: 0,
        points: part,
      });
    });
    return { category, weight, value: round(value, 4), contribution: round(contribution, 2) };
  });
  const deduction = contributions.reduce((a, c) => a + c.points, 0);
  const health = round(Math.max(0, Math.min(100, 100 - deduction)), 2);
  const ranked = contributions
    .filter((c) => c.points > 0)
    .map((c) => ({ ...c, share: c.points / deduction }))
    .sort((a, b) => b.points - a.points);
  const top: ScoreContributor[] = ranked
    .slice(0, topN)
    .map(({ points: _p, ...c }) => ({ ...c, share: round(c.share, 4) }));
  const rest = ranked.slice(topN);
  if (rest.length > 0)
    top.push({
      signalKey: 'other',
      subjectKey: `${rest.length} more`,
      severity: 0,
      share: round(
        rest.reduce((a, c) => a + c.share, 0),
        4,
      ),
    });
  return {
    health,
    risk: round(100 - health, 2),
    components,
    topContributors: top,
    configVersion: config.version,
  };
}

/**
 * Least-squares slope in points per day over the trailing window; null with fewer than three
 * points or less than a day of history, because a trend from two refreshes is noise.
 */
export function trendPerDay(
  points: ReadonlyArray<{ asOf: Date; value: number }>,
  now: Date,
  days = KAG_CONFIG.scoring.trendDays,
): number | null {
  const from = now.getTime() - days * DAY_MS;
  const xs = points.filter((p) => p.asOf.getTime() >= from && p.asOf.getTime() <= now.getTime());
  if (xs.length < 3) return null;
  const t = xs.map((p) => (p.asOf.getTime() - from) / DAY_MS);
  const span = Math.max(...t) - Math.min(...t);
  if (span < 1) return null;
  const mt = t.reduce((a, b) => a + b, 0) / t.length;
  const mv = xs.reduce((a, p) => a + p.value, 0) / xs.length;
  let num = 0;
  let den = 0;
  xs.forEach((p, i) => {
    const dt = (t[i] ?? 0) - mt;
    num += dt * (p.value - mv);
    den += dt * dt;
  });
  return den === 0 ? null : round(num / den, 3);
}

/**
 * From replayed portfolios to scored days: for each project and day, what Keel knew (its own
 * history up to the day, and the nearest past cases of OTHER projects whose windows had closed
 * by then, with the outcomes Keel itself observed), and — kept apart — what the generator says
 * happened next (its hidden risk events). The fit and the benchmark read the same rows.
 */
import {
  FORECAST_HISTORY_DAYS,
  type ForecastHorizon,
  type SimilarInput,
} from '@keel/intelligence/kag/forecast/features';
import { type CaseOutcome, labelOutcome } from '@keel/intelligence/kag/history/outcome';
import type { HistoryDay } from '@keel/intelligence/kag/history/history-day';
import { caseSignature } from '@keel/intelligence/kag/similarity/signature';
import { type CaseCandidate, nearestCases } from '@keel/intelligence/kag/similarity/nearest';
import type { Trajectory } from '@keel/sandbox/model';
import { DAY_MS, type ReplayedPortfolio } from './forecast-replay.ts';

export const HORIZONS = [7, 14, 30] as const satisfies readonly ForecastHorizon[];
/** Ground-truth kinds that count as a risk event; 'recovered' is good news. */
export const RISK_KINDS = new Set(['delivery_slip', 'escalation', 'churn']);
/** Days of history a scored day carries: what the product's forecast service passes. */
const LOOKBACK = FORECAST_HISTORY_DAYS;

export type ScoredDay = {
  seed: number;
  projectId: string;
  trajectory: Trajectory;
  date: string;
  asOf: Date;
  history: HistoryDay[];
  similar: SimilarInput[];
  /** y(d, h): a ground-truth risk event in (end of d, end of d + h]; absent when that window is not closed by the base date. */
  labels: Partial<Record<ForecastHorizon, boolean>>;
};

type Candidate = CaseCandidate & { outcomes: Array<CaseOutcome | null> };

const endOf = (date: string) => Date.parse(`${date}T23:59:59.999Z`);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);

function groundTruthLabels(events: Array<{ kind: string; at: string }>, date: string, base: number) {
  const end = endOf(date);
  const labels: Partial<Record<ForecastHorizon, boolean>> = {};
  for (const h of HORIZONS) {
    const windowEnd = end + h * DAY_MS;
    if (windowEnd >= base) continue;
    labels[h] = events.some((e) => {
      const t = Date.parse(e.at);
      return RISK_KINDS.has(e.kind) && t > end && t <= windowEnd;
    });
  }
  return labels;
}

/**
 * Every project-day of `portfolio` from `firstIndex` on with at least the 7-day window closed,
 * each with its k nearest earlier cases. `k` is the model's similarK; days with less synced
 * history than `minHistoryDays` get no neighbour search (their forecast is "not enough history").
 */
export function scoredDays(
  portfolio: ReplayedPortfolio,
  k: number,
  minHistoryDays: number,
  firstIndex = 0,
): ScoredDay[] {
  const base = Date.parse(portfolio.baseDate);
  const byDate = new Map<string, Candidate[]>();
  for (const p of portfolio.projects) {
    p.days.forEach((day, i) => {
      const vector = caseSignature(p.days.slice(Math.max(0, i - 14), i + 1));
      const outcomes = HORIZONS.map((h) => labelOutcome(p.days, i, h, '9999-12-31'));
      const list = byDate.get(day.date) ?? [];
      list.push({
        snapshotId: `${p.projectId}:${day.date}`,
        projectId: p.projectId,
        snapshotDate: day.date,
        vector,
        outcomes,
      });
      byDate.set(day.date, list);
    });
  }
  const dates = [...byDate.keys()].sort();
  const out: ScoredDay[] = [];
  const pool: Candidate[] = [];
  let poolUpTo = 0;
  for (const date of dates.slice(firstIndex)) {
    // Cases whose 7-day window closed before `date`: their snapshot day lies 8+ days back.
    const cutoff = addDays(date, -8);
    while (poolUpTo < dates.length && (dates[poolUpTo] ?? '') <= cutoff)
      pool.push(...(byDate.get(dates[poolUpTo++] ?? '') ?? []));
    for (const p of portfolio.projects) {
      const i = p.days.findIndex((d) => d.date === date);
      const day = p.days[i];
      if (!day) continue;
      const labels = groundTruthLabels(p.events, date, base);
      if (labels[7] === undefined || day.metrics.historyDays < minHistoryDays) continue;
      const query = (byDate.get(date) ?? []).find((c) => c.projectId === p.projectId);
      if (!query) continue;
      const similar = nearestCases(query, pool, k).map(({ candidate, distance }) => ({
        snapshotId: candidate.snapshotId,
        projectId: candidate.projectId,
        snapshotDate: candidate.snapshotDate,
        distance,
        outcomes: Object.fromEntries(
          HORIZONS.flatMap((h, hi) => {
            const o = candidate.outcomes[hi];
            return o && o.windowEnd < date ? [[h, o.riskEvent]] : [];
          }),
        ) as SimilarInput['outcomes'],
      }));
      out.push({
        seed: portfolio.seed,
        projectId: p.projectId,
        trajectory: p.trajectory,
        date,
        asOf: new Date(endOf(date)),
        history: p.days.slice(Math.max(0, i - LOOKBACK + 1), i + 1),
        similar,
        labels,
      });
    }
  }
  return out;
}

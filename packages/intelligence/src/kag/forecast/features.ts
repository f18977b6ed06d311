import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { SIGNAL_KEYS } from '../config.ts';
import { clamp01 } from '../math.ts';
import { type HistoryDay, riskDaysBefore } from '../history/history-day.ts';

/**
 * The forecast's inputs, computed from a project's own history up to the day (and the outcomes
 * of its nearest past cases). Every term is named, so each forecast can list what drove it.
 * The model file names the terms it uses; a term it does not name is computed and ignored.
 */
export const HIGH_SEVERITY = 0.7;
/** Risk at or above this counts as "elevated" for the days-elevated terms. */
export const ELEVATED_RISK = 20;

export type ForecastHorizon = 7 | 14 | 30;
export type CaseOutcomes = Partial<Record<ForecastHorizon, boolean>>;
export type SimilarInput = {
  snapshotId: string;
  projectId: string;
  snapshotDate: string;
  distance: number;
  outcomes: CaseOutcomes;
};

/** Consecutive days, ending on the last one, with risk ≥ ELEVATED_RISK. */
export function daysElevated(days: readonly HistoryDay[]): number {
  let n = 0;
  for (let i = days.length - 1; i >= 0 && (days[i]?.risk ?? 0) >= ELEVATED_RISK; i--) n += 1;
  return n;
}

/**
 * Share of the similar cases that had an event within `horizon`, shrunk towards `prior` with the
 * weight of `priorWeight` cases, so three neighbours cannot claim 0 % or 100 %.
 */
export function similarEventRate(
  similar: readonly SimilarInput[],
  horizon: ForecastHorizon,
  prior: number,
  priorWeight = 2,
): number {
  let known = 0;
  let events = 0;
  for (const s of similar) {
    const o = s.outcomes[horizon];
    if (o === undefined) continue;
    known += 1;
    if (o) events += 1;
  }
  return (events + prior * priorWeight) / (known + priorWeight);
}

/** Days (within the last `window`) since `present` first held, when it holds today; null otherwise. */
export function freshFor(
  days: readonly HistoryDay[],
  present: (d: HistoryDay) => boolean,
  window = 45,
): number | null {
  const last = days[days.length - 1];
  if (!last || !present(last)) return null;
  const recent = days.slice(-window);
  const first = recent.findIndex(present);
  return recent.length - 1 - first;
}

/** This week's client messages against the weekly mean of the five weeks before (1 without a baseline). */
export function volumeRatio(days: readonly HistoryDay[]): number {
  const last = days[days.length - 1];
  const baseline = days.slice(-43, -8).map((d) => d.metrics.messagesIn7d);
  const mean = baseline.reduce((a, b) => a + b, 0) / Math.max(1, baseline.length);
  if (!last || baseline.length < 14 || mean < 1) return 1;
  return Math.min(3, last.metrics.messagesIn7d / mean);
}

/** 1 for a state that started in the last 14 days, fading to 0 at 28; 0 when absent. */
const freshness = (age: number | null): number =>
  age === null ? 0 : clamp01(1 - Math.max(0, age - 14) / 14);

const relationship = (d: HistoryDay) =>
  (d.components.find((c) => c.category === 'relationship')?.value ?? 0) > 0;
const escalated = (d: HistoryDay) => (d.signals.escalation_language?.severity ?? 0) > 0;
const stressed = (d: HistoryDay) => d.risk >= 40;

export function forecastFeatures(
  days: readonly HistoryDay[],
  similar: readonly SimilarInput[],
  horizon: ForecastHorizon,
  prior: number,
): Record<string, number> {
  const day = days[days.length - 1];
  if (!day) return {};
  const weekAgo = riskDaysBefore(days, 7) ?? days[0]?.risk ?? day.risk;
  const twoWeeksAgo = riskDaysBefore(days, 14) ?? days[0]?.risk ?? day.risk;
  const elevated = daysElevated(days);
  const recent14 = days.slice(-14);
  const m = day.metrics;
  const component = new Map(day.components.map((c) => [c.category, c.value]));
  const high = SIGNAL_KEYS.filter((k) => (day.signals[k]?.severity ?? 0) >= HIGH_SEVERITY).length;
  const out: Record<string, number> = {
    risk: day.risk / 100,
    risk_slope_7d: (day.risk - weekAgo) / 100,
    risk_slope_14d: (day.risk - twoWeeksAgo) / 100,
    risk_max_14d: Math.max(...recent14.map((d) => d.risk)) / 100,
    high_severity_signals: high,
    similar_event_rate: similarEventRate(similar, horizon, prior),
    days_elevated: Math.min(elevated, 60) / 30,
    newly_elevated: elevated >= 1 && elevated <= 14 ? 1 : 0,
    client_silence: m.daysSinceClientMessage === null ? 1 : clamp01(m.daysSinceClientMessage / 30),
    client_messages_7d: Math.log1p(m.messagesIn7d),
    overdue_issues: Math.log1p(m.overdueIssues),
    relationship_fresh: freshness(freshFor(days, relationship)),
    escalation_fresh: freshness(freshFor(days, escalated)),
    stress_fresh: freshness(freshFor(days, stressed)),
    stressed_days_30d: days.slice(-30).filter(stressed).length / 30,
    relationship_days_30d: days.slice(-30).filter(relationship).length / 30,
    volume_ratio: volumeRatio(days),
    waiting_conversations: Math.log1p(day.signals.client_waiting?.count ?? 0),
  };
  for (const c of SIGNAL_CATEGORIES) out[`component:${c}`] = component.get(c) ?? 0;
  for (const k of SIGNAL_KEYS) out[`signal:${k}`] = day.signals[k]?.severity ?? 0;
  return out;
}

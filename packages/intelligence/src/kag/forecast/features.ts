import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { SIGNAL_KEYS } from '../config.ts';
import { clamp01, median } from '../math.ts';
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

/**
 * Days of history (the day itself included) the features read: the 30-day ramp baseline looks
 * back 45 days, the 30-day peak 30, the volume baseline 43. The forecast service must pass at
 * least this many consecutive days (fewer still works — the terms fall back — but differs from
 * what the model was fitted on).
 */
export const FORECAST_HISTORY_DAYS = 61;
/** Risk this far (points) above its floor counts as "risen" for the ramp terms. */
export const RAMP_RISE = 10;

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

/**
 * Ramp age: days since the project last stood at its floor (its minimum risk over the last 45
 * days, plus RAMP_RISE − 1 points of noise), when it stands RAMP_RISE or more above that floor
 * today; null when it is at its floor. A project whose risk rose a week ago is mid-ramp; one that
 * rose two months ago has plateaued (its event, if any, is behind it).
 */
export function rampAge(days: readonly HistoryDay[]): number | null {
  const recent = days.slice(-45);
  const last = recent[recent.length - 1];
  if (!last) return null;
  const floor = Math.min(...recent.map((d) => d.risk));
  if (last.risk < floor + RAMP_RISE) return null;
  for (let i = recent.length - 1; i >= 0; i--)
    if ((recent[i]?.risk ?? 0) < floor + RAMP_RISE) return recent.length - 1 - i;
  return recent.length;
}

/** 1 inside [lo, hi) days, 0 outside or when absent: a bucket of an age, so the fit can give each its own weight. */
const inAge = (age: number | null, lo: number, hi: number): number =>
  age !== null && age >= lo && age < hi ? 1 : 0;

/** Days since the most recent maximum of risk over the last 30 days (0 while still rising). */
export function peakAge(days: readonly HistoryDay[]): number {
  const recent = days.slice(-30);
  let best = 0;
  for (let i = 0; i < recent.length; i++) if ((recent[i]?.risk ?? 0) >= (recent[best]?.risk ?? 0)) best = i;
  return recent.length - 1 - best;
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
  // Ramp vs plateau (forecast-v2): is the project rising now, or did it rise long ago?
  const at = (n: number) => days[Math.max(0, days.length - 1 - n)] ?? day;
  const minOver = (n: number) => Math.min(...days.slice(-n).map((d) => d.risk));
  const recent30 = days.slice(-30);
  const max30 = Math.max(...recent30.map((d) => d.risk));
  const ramp = rampAge(days);
  const highAge = freshFor(days, (d) =>
    SIGNAL_KEYS.some((k) => (d.signals[k]?.severity ?? 0) >= HIGH_SEVERITY),
  );
  const present = (d: HistoryDay) => new Set(SIGNAL_KEYS.filter((k) => (d.signals[k]?.severity ?? 0) > 0));
  const now = present(day);
  const before7 = present(at(7));
  const before14 = present(at(14));
  out.risk_slope_3d = (day.risk - at(3).risk) / 100;
  out.risk_rise_14d = (day.risk - minOver(14)) / 100;
  out.risk_rise_21d = (day.risk - minOver(21)) / 100;
  out.risk_max_30d = max30 / 100;
  out.risk_drawdown_30d = (max30 - day.risk) / 100;
  out.peak_age_30d = peakAge(days) / 30;
  out.ramp_0_7 = inAge(ramp, 0, 7);
  out.ramp_7_14 = inAge(ramp, 7, 14);
  out.ramp_14_21 = inAge(ramp, 14, 21);
  out.ramp_21_plus = inAge(ramp, 21, Number.POSITIVE_INFINITY);
  // Risk and rise while the ramp is young (under 21 days): the level matters most mid-ramp.
  out.risk_while_ramping = ramp !== null && ramp < 21 ? day.risk / 100 : 0;
  out.rise_while_ramping = ramp !== null && ramp < 21 ? out.risk_rise_21d : 0;
  out.high_severity_0_7 = inAge(highAge, 0, 7);
  out.high_severity_7_14 = inAge(highAge, 7, 14);
  out.high_severity_14_plus = inAge(highAge, 14, Number.POSITIVE_INFINITY);
  out.signals_new_7d = [...now].filter((k) => !before7.has(k)).length;
  out.signals_held_14d = [...now].filter((k) => before14.has(k)).length;
  out.messages_change_14d = Math.log1p(m.messagesIn7d) - Math.log1p(at(14).metrics.messagesIn7d);
  const component7 = new Map(at(7).components.map((c) => [c.category, c.value]));
  for (const c of SIGNAL_CATEGORIES)
    out[`component_delta_7d:${c}`] = (component.get(c) ?? 0) - (component7.get(c) ?? 0);
  for (const k of SIGNAL_KEYS) out[`signal:${k}`] = day.signals[k]?.severity ?? 0;
  Object.assign(out, strainFeatures(days));
  return out;
}

/** Above its own baseline by this much (ln hours), a project's replies count as strained. */
export const STRAINED_REPLY_RISE = 0.5;

/**
 * forecast-v3: the relationship's strain from the short-window measures (stress-metrics.ts),
 * each against the project's own baseline (the median of days −45..−15), so a project that is
 * always slow is not "rising". A young rise (strained now, calm two weeks ago) is what precedes
 * an event; strain held for weeks usually has its event behind it. Days stored before the
 * measures existed give 0 (no rise).
 */
export function strainFeatures(days: readonly HistoryDay[]): Record<string, number> {
  const day = days[days.length - 1];
  if (!day) return {};
  const m = day.metrics;
  const baselineDays = days.slice(-45, -14);
  const base = (pick: (d: HistoryDay) => number | null | undefined): number | null =>
    median(baselineDays.flatMap((d) => (typeof pick(d) === 'number' ? [pick(d) as number] : [])));
  const reply7 = (d: HistoryDay) => d.metrics.replyLogHours7d;
  const replyBase = base(reply7);
  const negativeBase = base((d) => d.metrics.negativeShare7d);
  const bugBase = base((d) => d.metrics.bugShare14d);
  const completedBase = base((d) => d.metrics.completedIssues7d);
  const rise = (value: number | null | undefined, baseline: number | null) =>
    typeof value === 'number' && baseline !== null ? value - baseline : 0;
  const replyRise = rise(m.replyLogHours7d, replyBase);
  const replyRise3 = rise(m.replyLogHours3d, replyBase);
  const twoWeeksAgo = days[days.length - 15];
  const riseThen = twoWeeksAgo ? rise(reply7(twoWeeksAgo), replyBase) : 0;
  const weekAgo = days[days.length - 8];
  const riseWeekAgo = weekAgo ? rise(reply7(weekAgo), replyBase) : 0;
  const strainedDays = days
    .slice(-30)
    .filter((d) => rise(reply7(d), replyBase) >= STRAINED_REPLY_RISE).length;
  return {
    reply_delay_7d: m.replyLogHours7d ?? replyBase ?? 0,
    reply_delay_3d: m.replyLogHours3d ?? m.replyLogHours7d ?? replyBase ?? 0,
    reply_rise_7d: replyRise,
    reply_rise_3d: replyRise3,
    reply_rise_change_7d: replyRise - riseWeekAgo,
    reply_rise_change_14d: replyRise - riseThen,
    reply_rise_young: riseThen < STRAINED_REPLY_RISE / 2 ? Math.max(0, replyRise) : 0,
    reply_strained_days_30d: strainedDays / 30,
    negative_share_7d: m.negativeShare7d ?? 0,
    negative_rise_7d: rise(m.negativeShare7d, negativeBase),
    chases_7d: Math.log1p(m.chases7d ?? 0),
    client_messages_3d: Math.log1p(m.clientMessages3d ?? 0),
    bug_share_14d: m.bugShare14d ?? 0,
    bug_rise_14d: rise(m.bugShare14d, bugBase),
    completed_change_7d: Math.log1p(m.completedIssues7d) - Math.log1p(completedBase ?? m.completedIssues7d),
  };
}

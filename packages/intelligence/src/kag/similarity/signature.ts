import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { SIGNAL_KEYS } from '../config.ts';
import { clamp01 } from '../math.ts';
import { type HistoryDay, riskDaysBefore } from '../history/history-day.ts';

/**
 * A case signature: one fixed-length vector per project-day, so "projects that looked like
 * this" is a nearest-neighbour question. Every dimension lies in [0, 1] (the slope in [-1, 1]),
 * so Euclidean distance weighs them alike and a healthy project (all zeros) is a valid point.
 * Bump SIGNATURE_VERSION whenever a dimension or its scaling changes: stored signatures of an
 * older version are not comparable and are rebuilt.
 */
export const SIGNATURE_VERSION = 'sig-v1';

const METRIC_DIMS = [
  'metric:client_messages_7d',
  'metric:days_since_client_message',
  'metric:overdue_issues',
  'metric:open_issues',
] as const;

export const SIGNATURE_DIMS: readonly string[] = [
  ...SIGNAL_KEYS.map((k) => `signal:${k}`),
  ...SIGNAL_CATEGORIES.map((c) => `component:${c}`),
  'score:risk',
  'trend:risk_slope_7d',
  'trend:risk_max_14d',
  ...METRIC_DIMS,
];

/** log-scaled count saturating at `cap` (0 → 0, cap → 1). */
const logScale = (n: number, cap: number): number => clamp01(Math.log1p(Math.max(0, n)) / Math.log1p(cap));
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * The signature of the LAST day of `days` (ascending, consecutive evaluations of one project);
 * earlier days only feed the trends. Values are rounded to 1e-4 so a vector stored in pgvector
 * (float4) and the one held in memory are the same point.
 */
export function caseSignature(days: readonly HistoryDay[]): number[] {
  const day = days[days.length - 1];
  if (!day) return SIGNATURE_DIMS.map(() => 0);
  const component = new Map(day.components.map((c) => [c.category, c.value]));
  const weekAgo = riskDaysBefore(days, 7) ?? days[0]?.risk ?? day.risk;
  const recent = days.slice(-14).map((d) => d.risk);
  const m = day.metrics;
  const vector = [
    ...SIGNAL_KEYS.map((k) => clamp01(day.signals[k]?.severity ?? 0)),
    ...SIGNAL_CATEGORIES.map((c) => clamp01(component.get(c) ?? 0)),
    clamp01(day.risk / 100),
    Math.max(-1, Math.min(1, (day.risk - weekAgo) / 100)),
    clamp01(Math.max(...recent) / 100),
    logScale(m.messagesIn7d, 40),
    m.daysSinceClientMessage === null ? 1 : clamp01(m.daysSinceClientMessage / 60),
    logScale(m.overdueIssues, 20),
    logScale(m.openIssues, 100),
  ];
  return vector.map(r4);
}

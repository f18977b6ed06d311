import type { DayEvaluation } from './day.ts';

/**
 * The part of a day's evaluation that signatures and forecasts read. A snapshot row carries
 * exactly these fields, so a forecast can be recomputed from stored snapshots alone.
 */
export type HistoryDay = Pick<
  DayEvaluation,
  'date' | 'health' | 'risk' | 'components' | 'signals' | 'metrics'
>;

/** The history days up to and including `date` (ascending input, nothing later). */
export function historyUpTo<T extends { date: string }>(days: readonly T[], date: string): T[] {
  let end = days.length;
  while (end > 0 && (days[end - 1]?.date ?? '') > date) end -= 1;
  return days.slice(0, end);
}

/** Risk `n` days before the last day, or null when the history does not reach back that far. */
export function riskDaysBefore(days: readonly HistoryDay[], n: number): number | null {
  const day = days[days.length - 1 - n];
  return day ? day.risk : null;
}

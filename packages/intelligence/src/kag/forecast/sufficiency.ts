import type { HistoryDay } from '../history/history-day.ts';

/**
 * When a forecast would be a guess. Like LinearB refusing forecasts under 5 weeks of history,
 * Keel wants `minHistoryDays` of synced facts behind the day and `minEvaluatedDays` consecutive
 * evaluated days (the 7-day trend needs 8). The reason names what is missing, for the UI's
 * "not enough history yet".
 */
export type Sufficiency = { sufficient: boolean; reason: string | null };

export function dataSufficiency(
  days: readonly HistoryDay[],
  rules: { minHistoryDays: number; minEvaluatedDays: number },
): Sufficiency {
  const day = days[days.length - 1];
  const missing: string[] = [];
  if (!day || day.metrics.historyDays === 0) {
    missing.push('no messages, issues or deals synced yet');
  } else if (day.metrics.historyDays < rules.minHistoryDays) {
    missing.push(`${day.metrics.historyDays} days of synced history (${rules.minHistoryDays} needed)`);
  }
  if (days.length < rules.minEvaluatedDays)
    missing.push(`${days.length} days evaluated (${rules.minEvaluatedDays} needed for the 7-day trend)`);
  return missing.length === 0
    ? { sufficient: true, reason: null }
    : { sufficient: false, reason: `not enough history yet: ${missing.join('; ')}` };
}

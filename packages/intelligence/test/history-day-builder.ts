import type { DayMetrics } from '../src/kag/history/day.ts';
import type { HistoryDay } from '../src/kag/history/history-day.ts';

const metrics = (over: Partial<DayMetrics> = {}): DayMetrics => ({
  messagesIn7d: 10,
  messagesOut7d: 10,
  openIssues: 5,
  overdueIssues: 0,
  completedIssues7d: 2,
  openDeals: 1,
  openPipelineMinor: 0,
  lostDealsTotal: 0,
  daysSinceClientMessage: 1,
  historyDays: 90,
  ...over,
});

/** A run of consecutive days ending 2025-06-30 with the given risks (oldest first). */
export function historyDays(risks: number[], over: Partial<HistoryDay> = {}): HistoryDay[] {
  const end = Date.parse('2025-06-30T00:00:00.000Z');
  return risks.map((risk, i) => ({
    date: new Date(end - (risks.length - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    health: 100 - risk,
    risk,
    components: [],
    signals: {},
    ...over,
    metrics: metrics(over.metrics),
  }));
}

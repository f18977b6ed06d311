import { describe, expect, it } from 'vitest';
import type { DayMetrics } from '../src/kag/history/day.ts';
import { outcomesToLabel, pastDaysToBuild, snapshotFromLive } from '../src/kag/snapshots/rows.ts';

const metrics: DayMetrics = {
  messagesIn7d: 1,
  messagesOut7d: 1,
  openIssues: 0,
  overdueIssues: 0,
  completedIssues7d: 0,
  openDeals: 0,
  openPipelineMinor: 0,
  lostDealsTotal: 0,
  daysSinceClientMessage: 1,
  historyDays: 10,
};
const now = new Date('2025-06-10T12:00:00Z');

describe('pastDaysToBuild', () => {
  it('when history starts 3 days ago, then those days up to yesterday are built, not today', () => {
    const days = pastDaysToBuild({
      now,
      firstFactAt: Date.parse('2025-06-07T15:00:00Z'),
      backfillDays: 180,
      existing: new Map(),
      rebuild: false,
    });
    expect(days.map((d) => d.toISOString())).toEqual([
      '2025-06-07T23:59:59.999Z',
      '2025-06-08T23:59:59.999Z',
      '2025-06-09T23:59:59.999Z',
    ]);
  });

  it('when days are stored, then only the missing ones are built unless rebuild', () => {
    const opts = {
      now,
      firstFactAt: Date.parse('2025-06-07T15:00:00Z'),
      backfillDays: 180,
      existing: new Map([
        ['2025-06-07', new Date('2025-06-07T23:59:59.999Z')],
        ['2025-06-09', new Date('2025-06-09T23:59:59.999Z')],
      ]),
    };
    expect(pastDaysToBuild({ ...opts, rebuild: false }).map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2025-06-08',
    ]);
    expect(pastDaysToBuild({ ...opts, rebuild: true })).toHaveLength(3);
  });

  it('when a past day was stored live (before its end), then it is judged again at its end', () => {
    const days = pastDaysToBuild({
      now,
      firstFactAt: Date.parse('2025-06-08T15:00:00Z'),
      backfillDays: 180,
      existing: new Map([
        ['2025-06-08', new Date('2025-06-08T23:59:59.999Z')],
        ['2025-06-09', new Date('2025-06-09T10:00:00Z')],
      ]),
      rebuild: false,
    });
    expect(days.map((d) => d.toISOString())).toEqual(['2025-06-09T23:59:59.999Z']);
  });

  it('when history is older than the cap, then the backfill starts at the cap; with no history, nothing', () => {
    const capped = pastDaysToBuild({
      now,
      firstFactAt: Date.parse('2024-01-01T00:00:00Z'),
      backfillDays: 5,
      existing: new Map(),
      rebuild: false,
    });
    expect(capped.map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2025-06-05',
      '2025-06-06',
      '2025-06-07',
      '2025-06-08',
      '2025-06-09',
    ]);
    expect(
      pastDaysToBuild({ now, firstFactAt: null, backfillDays: 5, existing: new Map(), rebuild: false }),
    ).toEqual([]);
  });
});

describe('snapshotFromLive', () => {
  const score = (scoreType: 'health' | 'risk', value: number, asOf = now) => ({
    scoreType,
    value,
    components: [],
    topContributors: [],
    configVersion: 'v',
    asOf,
  });

  it('when the refresh scored the project today, then today is its scores and signal set', () => {
    const row = snapshotFromLive(
      {
        scores: [score('health', 62), score('risk', 38)],
        signals: [
          { key: 'client_waiting', severity: 0.4 },
          { key: 'client_waiting', severity: 0.7 },
          { key: 'overdue_issues', severity: 0.2 },
        ],
      },
      '2025-06-10',
      () => metrics,
    );
    expect(row).toMatchObject({
      snapshotDate: '2025-06-10',
      health: 62,
      risk: 38,
      asOf: now,
      signals: { client_waiting: { severity: 0.7, count: 2 }, overdue_issues: { severity: 0.2, count: 1 } },
    });
  });

  it('when the last refresh was yesterday (or never), then there is no live row', () => {
    const yesterday = new Date('2025-06-09T20:00:00Z');
    expect(
      snapshotFromLive(
        { scores: [score('health', 80, yesterday)], signals: [] },
        '2025-06-10',
        () => metrics,
      ),
    ).toBeNull();
    expect(snapshotFromLive({ scores: [], signals: [] }, '2025-06-10', () => metrics)).toBeNull();
  });
});

describe('outcomesToLabel', () => {
  const days = Array.from({ length: 20 }, (_, i) => ({
    id: `s${i}`,
    date: `2025-05-${String(i + 1).padStart(2, '0')}`,
    health: i === 5 ? 40 : 80,
    signals: {},
    metrics,
  }));

  it('when 7-day windows have closed, then each is labelled once and longer horizons wait', () => {
    const labels = outcomesToLabel(days, new Set(), '2025-05-21');
    expect(labels.every((l) => l.horizonDays === 7 || l.horizonDays === 14)).toBe(true);
    const first = labels.find((l) => l.snapshotId === 's0' && l.horizonDays === 7);
    expect(first).toMatchObject({ riskEvent: true, eventKind: 'health_below_50', windowEnd: '2025-05-08' });
    expect(labels.find((l) => l.snapshotId === 's6' && l.horizonDays === 7)?.riskEvent).toBe(false);
    expect(labels.some((l) => l.horizonDays === 30)).toBe(false);
  });

  it('when a label exists, then it is not produced again', () => {
    const labels = outcomesToLabel(days, new Set(['s0:7']), '2025-05-21');
    expect(labels.some((l) => l.snapshotId === 's0' && l.horizonDays === 7)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { computeScores, type ScoredSignal, trendPerDay } from '../src/kag/scoring.ts';

const sig = (
  key: ScoredSignal['key'],
  category: ScoredSignal['category'],
  severity: number,
  subjectKey = '',
): ScoredSignal => ({ key, category, severity, subjectKey });

describe('health and risk', () => {
  it.each([
    { name: 'no signals', signals: [], health: 100 },
    // communication: 1 × 0.4 = 0.4 → 0.3 × 0.4 × 100 = 12
    {
      name: 'one waiting client at full severity',
      signals: [sig('client_waiting', 'communication', 1, 'c:1')],
      health: 88,
    },
    // relationship saturates at 1 → 15 points; delivery 0.5 × 0.6 = 0.3 → 9 points
    {
      name: 'escalation plus overdue issues',
      signals: [
        sig('escalation_language', 'relationship', 1, 'c:1'),
        sig('engagement_drop', 'relationship', 1),
        sig('overdue_issues', 'delivery', 0.5),
      ],
      health: 76,
    },
  ])('when $name, then health is $health and risk is its complement', ({ signals, health }) => {
    const s = computeScores(signals);
    expect(s.health).toBeCloseTo(health, 5);
    expect(s.risk).toBeCloseTo(100 - health, 5);
  });

  it('when several signals contribute, then the shares add up to 1 and the components to the deduction', () => {
    const s = computeScores([
      sig('client_waiting', 'communication', 0.8, 'c:1'),
      sig('client_waiting', 'communication', 0.5, 'c:2'),
      sig('deal_stalled', 'commercial', 0.6, 'd:1'),
      sig('overdue_issues', 'delivery', 0.9),
    ]);
    expect(s.topContributors.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 3);
    expect(s.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(100 - s.health, 1);
    expect(s.topContributors[0]?.signalKey).toBe('overdue_issues');
  });

  it('when more signals fire than are listed, then an "other" entry keeps the sum at 1', () => {
    const many = Array.from({ length: 12 }, (_, i) => sig('client_waiting', 'communication', 0.2, `c:${i}`));
    const s = computeScores(many);
    expect(s.topContributors.at(-1)?.signalKey).toBe('other');
    expect(s.topContributors.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 3);
  });
});

describe('7-day trend', () => {
  const now = new Date('2025-06-11T12:00:00Z');
  const at = (daysAgo: number, value: number) => ({
    asOf: new Date(now.getTime() - daysAgo * 86_400_000),
    value,
  });
  it.each([
    {
      name: 'health falls two points a day',
      points: [at(6, 90), at(4, 86), at(2, 82), at(0, 78)],
      slope: -2,
    },
    { name: 'only two refreshes', points: [at(2, 90), at(0, 80)], slope: null },
    { name: 'three refreshes within an hour', points: [at(0.02, 90), at(0.01, 85), at(0, 80)], slope: null },
  ])('when $name, then the slope is $slope', ({ points, slope }) => {
    const r = trendPerDay(points, now);
    if (slope === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(slope, 5);
  });
});

import { describe, expect, it } from 'vitest';
import { factsAsOf } from '../src/kag/history/as-of.ts';
import { dayEnds, evaluateDay, type DayEvaluation } from '../src/kag/history/day.ts';
import { labelOutcome, riskEventsOn, type OutcomeDay } from '../src/kag/history/outcome.ts';
import type { ProjectFacts } from '../src/kag/types.ts';
import { daysAgo, deal, hoursAgo, issue, msg } from './facts-builder.ts';

const base = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  projectName: 'Apollo',
  clientName: 'Acme',
  timezone: 'UTC',
  messages: [],
  conversations: [{ rowId: 'c1', ref: '1', label: '#1', contactName: 'Anna', status: 'resolved' }],
  issues: [],
  cycles: [],
  deals: [],
  activities: [],
  ...over,
});

describe('factsAsOf: nothing from after the day', () => {
  it('when an issue was completed later, then on the day it is still open and started', () => {
    const i = issue({
      createdAt: daysAgo(20),
      startedAt: daysAgo(15),
      completedAt: daysAgo(2),
      stateType: 'completed',
      stateName: 'Done',
      updatedAt: daysAgo(2),
    });
    const [past] = factsAsOf(base({ issues: [i] }), daysAgo(10)).issues;
    expect(past).toMatchObject({ stateType: 'started', completedAt: null, stateName: null });
    expect(past?.updatedAt).toEqual(daysAgo(15));
  });

  it('when an issue, message or deal was created later, then it does not exist on the day', () => {
    const f = base({
      issues: [issue({ createdAt: daysAgo(3) })],
      messages: [msg({ at: daysAgo(3) })],
      deals: [deal({ createdAt: daysAgo(3) })],
    });
    const past = factsAsOf(f, daysAgo(5));
    expect([past.issues.length, past.messages.length, past.deals.length]).toEqual([0, 0, 0]);
  });

  it('when a deal was lost later, then on the day it is open', () => {
    const d = deal({ status: 'lost', createdAt: daysAgo(40), stageChangedAt: daysAgo(3) });
    expect(factsAsOf(base({ deals: [d] }), daysAgo(5)).deals[0]?.status).toBe('open');
  });

  it('when a conversation had a message within the idle window, then it was open, else resolved', () => {
    const f = base({ messages: [msg({ at: daysAgo(12) })] });
    expect(factsAsOf(f, daysAgo(10)).conversations[0]?.status).toBe('open');
    expect(factsAsOf(f, daysAgo(-10)).conversations[0]?.status).toBe('resolved');
  });

  it('when later data arrives, then an earlier day evaluates exactly the same', () => {
    const early = base({
      messages: [
        msg({ at: daysAgo(9) }),
        msg({ at: hoursAgo(24 * 8 + 2), actor: 'agent' }),
        msg({ at: daysAgo(7) }),
      ],
      issues: [issue({ createdAt: daysAgo(30), dueDate: '2025-06-01', updatedAt: daysAgo(20) })],
    });
    const later: ProjectFacts = {
      ...early,
      messages: [...early.messages, msg({ at: daysAgo(1), actor: 'agent', text: 'Sorry!' })],
      issues: [
        {
          ...(early.issues[0] as (typeof early.issues)[number]),
          completedAt: daysAgo(1),
          stateType: 'completed',
          updatedAt: daysAgo(1),
        },
        issue({ createdAt: daysAgo(2) }),
      ],
    };
    const day = daysAgo(5);
    const a = evaluateDay(early, day);
    const b = evaluateDay(later, day);
    expect(b.signals).toEqual(a.signals);
    expect(b.health).toBe(a.health);
    expect(b.metrics).toEqual(a.metrics);
    expect(a.signals.overdue_issues).toBeDefined();
  });
});

describe('dayEnds', () => {
  it('gives the last millisecond of each UTC day in range', () => {
    const ends = dayEnds(new Date('2025-06-01T10:00:00Z'), new Date('2025-06-03T23:59:59.999Z'));
    expect(ends.map((d) => d.toISOString())).toEqual([
      '2025-06-01T23:59:59.999Z',
      '2025-06-02T23:59:59.999Z',
      '2025-06-03T23:59:59.999Z',
    ]);
  });
});

const day = (
  date: string,
  health: number,
  over: Partial<DayEvaluation['metrics']> = {},
  escalation = 0,
): OutcomeDay => ({
  date,
  health,
  signals: escalation ? { escalation_language: { severity: escalation, count: 1 } } : {},
  metrics: {
    messagesIn7d: 0,
    messagesOut7d: 0,
    openIssues: 0,
    overdueIssues: 0,
    completedIssues7d: 0,
    openDeals: 0,
    openPipelineMinor: 0,
    lostDealsTotal: 0,
    daysSinceClientMessage: 1,
    historyDays: 100,
    ...over,
  },
});

describe('risk events and outcome labels', () => {
  it.each([
    ['health falls below 50', day('2025-06-02', 45), day('2025-06-01', 60), ['health_below_50']],
    ['health stays below 50', day('2025-06-02', 40), day('2025-06-01', 45), []],
    [
      'escalation of .8 appears',
      day('2025-06-02', 70, {}, 0.85),
      day('2025-06-01', 70, {}, 0.5),
      ['escalation'],
    ],
    [
      'a deal is lost',
      day('2025-06-02', 70, { lostDealsTotal: 2 }),
      day('2025-06-01', 70, { lostDealsTotal: 1 }),
      ['deal_lost'],
    ],
    [
      'the client goes silent',
      day('2025-06-02', 70, { daysSinceClientMessage: 21.5 }),
      day('2025-06-01', 70, { daysSinceClientMessage: 20.5 }),
      ['went_silent'],
    ],
  ] as const)('when %s', (_label, today, yesterday, expected) => {
    expect(riskEventsOn(today, yesterday)).toEqual(expected);
  });

  const days = ['2025-06-01', '2025-06-02', '2025-06-03', '2025-06-04'].map((d, i) =>
    day(d, i === 3 ? 40 : 70),
  );

  it('labels an event inside the closed window with its kind and day', () => {
    expect(labelOutcome(days, 0, 3, '2025-06-10')).toMatchObject({
      riskEvent: true,
      eventKind: 'health_below_50',
      windowEnd: '2025-06-04',
    });
    expect(labelOutcome(days, 0, 2, '2025-06-10')).toMatchObject({ riskEvent: false, eventKind: null });
  });

  it('leaves a window that has not closed, or has a missing day, unlabelled', () => {
    expect(labelOutcome(days, 0, 3, '2025-06-04')).toBeNull();
    expect(labelOutcome([days[0], days[2], days[3]] as OutcomeDay[], 0, 2, '2025-06-10')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { businessHoursBetween } from '../src/kag/business-hours.ts';
import { DETECTORS, detectSignals } from '../src/kag/signals.ts';
import type { SignalKey } from '../src/kag/config.ts';
import type { ProjectFacts } from '../src/kag/types.ts';
import { NOW, cycle, dateDaysAgo, daysAgo, deal, facts, hoursAgo, issue, msg } from './facts-builder.ts';

type Case = { name: string; key: SignalKey; facts: ProjectFacts; fires: number; minSeverity?: number };

const weekly = (count: number, fromDay: number, toDay: number, text = 'Thanks, all good') =>
  Array.from({ length: count }, (_, i) =>
    msg({ at: daysAgo(fromDay - ((fromDay - toDay) * i) / count), text }),
  );

const cases: Case[] = [
  {
    name: 'a client message unanswered since yesterday morning',
    key: 'client_waiting',
    fires: 1,
    facts: facts({ messages: [msg({ at: hoursAgo(26) })] }),
  },
  {
    name: 'a client message answered by an agent',
    key: 'client_waiting',
    fires: 0,
    facts: facts({ messages: [msg({ at: hoursAgo(26) }), msg({ at: hoursAgo(25), actor: 'agent' })] }),
  },
  {
    name: 'a bot reply does not stop the wait',
    key: 'client_waiting',
    fires: 1,
    facts: facts({ messages: [msg({ at: hoursAgo(26) }), msg({ at: hoursAgo(25), actor: 'bot' })] }),
  },
  {
    name: 'a wait of two wall-clock hours',
    key: 'client_waiting',
    fires: 0,
    facts: facts({ messages: [msg({ at: hoursAgo(2) })] }),
  },
  {
    name: 'a resolved conversation',
    key: 'client_waiting',
    fires: 0,
    facts: facts({ messages: [msg({ at: hoursAgo(26) })], conversations: [] }),
  },
  {
    name: 'replies this week take far longer than the month before',
    key: 'response_time_degradation',
    fires: 1,
    facts: facts({
      conversations: [],
      messages: [
        ...[10, 12, 14, 16, 18, 20].flatMap((d) => [
          msg({ at: daysAgo(d) }),
          msg({ at: new Date(daysAgo(d).getTime() + 600_000), actor: 'agent' }),
        ]),
        ...[1, 2, 3].flatMap((d) => [
          msg({ at: new Date(daysAgo(d).getTime() - 3 * 3_600_000) }),
          msg({ at: daysAgo(d), actor: 'agent' }),
        ]),
      ],
    }),
  },
  {
    name: 'replies as fast as before',
    key: 'response_time_degradation',
    fires: 0,
    facts: facts({
      conversations: [],
      messages: [1, 2, 3, 10, 12, 14, 16, 18].flatMap((d) => [
        msg({ at: daysAgo(d) }),
        msg({ at: new Date(daysAgo(d).getTime() + 600_000), actor: 'agent' }),
      ]),
    }),
  },
  {
    name: 'most client messages this week are complaints',
    key: 'negative_sentiment',
    fires: 1,
    facts: facts({
      conversations: [],
      messages: [
        ...weekly(4, 6, 1, 'This is unacceptable and frustrating, the delays are a problem.'),
        msg({ at: daysAgo(2), text: 'Thanks!' }),
      ],
    }),
  },
  {
    name: 'Russian complaints count as negative',
    key: 'negative_sentiment',
    fires: 1,
    facts: facts({
      conversations: [],
      messages: weekly(4, 6, 1, 'Мы недовольны, это неприемлемо, опять срыв сроков.'),
    }),
  },
  {
    name: 'friendly messages',
    key: 'negative_sentiment',
    fires: 0,
    facts: facts({ conversations: [], messages: weekly(6, 6, 1, 'Thanks, great work, we love it!') }),
  },
  {
    name: 'a client threatens to cancel',
    key: 'escalation_language',
    fires: 1,
    minSeverity: 0.6,
    facts: facts({
      messages: [msg({ at: daysAgo(1), text: 'We will cancel the contract and ask for a refund.' })],
    }),
  },
  {
    name: 'a Russian client wants to terminate',
    key: 'escalation_language',
    fires: 1,
    facts: facts({ messages: [msg({ at: daysAgo(1), text: 'Хотим расторгнуть договор.' })] }),
  },
  {
    name: 'an old threat outside the window',
    key: 'escalation_language',
    fires: 0,
    facts: facts({ messages: [msg({ at: daysAgo(30), text: 'We will cancel.' })] }),
  },
  {
    name: 'a client who went quiet',
    key: 'engagement_drop',
    fires: 1,
    facts: facts({ conversations: [], messages: weekly(40, 70, 15) }),
  },
  {
    name: 'a client writing as usual',
    key: 'engagement_drop',
    fires: 0,
    facts: facts({ conversations: [], messages: weekly(50, 70, 0) }),
  },
  {
    name: 'an urgent issue ten days overdue',
    key: 'overdue_issues',
    fires: 1,
    facts: facts({ issues: [issue({ dueDate: dateDaysAgo(10), priority: 1 })] }),
  },
  {
    name: 'an overdue issue that is done',
    key: 'overdue_issues',
    fires: 0,
    facts: facts({
      issues: [issue({ dueDate: dateDaysAgo(10), completedAt: daysAgo(11), stateType: 'completed' })],
    }),
  },
  {
    name: 'a started issue untouched for a week',
    key: 'stalled_issues',
    fires: 1,
    facts: facts({ issues: [issue({ stateType: 'started', updatedAt: daysAgo(8) })] }),
  },
  {
    name: 'a started issue updated yesterday',
    key: 'stalled_issues',
    fires: 0,
    facts: facts({ issues: [issue({ stateType: 'started', updatedAt: daysAgo(1) })] }),
  },
  {
    name: 'an issue labelled Blocked',
    key: 'blocked_issues',
    fires: 1,
    facts: facts({ issues: [issue({ labels: ['Blocked'] })] }),
  },
  { name: 'an unblocked issue', key: 'blocked_issues', fires: 0, facts: facts({ issues: [issue()] }) },
];

const current = cycle({ startsAt: daysAgo(7), endsAt: daysAgo(-7) });
const pastCycles = [
  cycle({ startsAt: daysAgo(21), endsAt: daysAgo(7) }),
  cycle({ startsAt: daysAgo(35), endsAt: daysAgo(21) }),
];
cases.push(
  {
    name: 'half the cycle scope was added after the start',
    key: 'scope_creep',
    fires: 1,
    facts: facts({
      cycles: [current],
      issues: [
        issue({ cycleId: current.cycleId, estimate: 4, createdAt: daysAgo(8) }),
        issue({ cycleId: current.cycleId, estimate: 2, createdAt: daysAgo(3) }),
      ],
    }),
  },
  {
    name: 'the cycle scope is unchanged',
    key: 'scope_creep',
    fires: 0,
    facts: facts({
      cycles: [current],
      issues: [issue({ cycleId: current.cycleId, estimate: 4, createdAt: daysAgo(8) })],
    }),
  },
  {
    name: 'the team finishes two points a cycle and has twenty left',
    key: 'cycle_at_risk',
    fires: 1,
    facts: facts({
      cycles: [current, ...pastCycles],
      issues: [
        issue({ cycleId: current.cycleId, estimate: 20 }),
        issue({ completedAt: daysAgo(10), stateType: 'completed', estimate: 2 }),
      ],
    }),
  },
  {
    name: 'the team finishes comfortably',
    key: 'cycle_at_risk',
    fires: 0,
    facts: facts({
      cycles: [current, ...pastCycles],
      issues: [
        issue({ cycleId: current.cycleId, estimate: 3 }),
        issue({ completedAt: daysAgo(10), stateType: 'completed', estimate: 20 }),
      ],
    }),
  },
  {
    name: 'five bugs this week after a quiet two months',
    key: 'bug_spike',
    fires: 1,
    facts: facts({
      issues: Array.from({ length: 5 }, () => issue({ labels: ['Bug'], createdAt: daysAgo(2) })),
    }),
  },
  {
    name: 'the usual number of bugs',
    key: 'bug_spike',
    fires: 0,
    facts: facts({
      issues: [
        ...Array.from({ length: 3 }, () => issue({ labels: ['Bug'], createdAt: daysAgo(2) })),
        ...Array.from({ length: 16 }, (_, i) => issue({ labels: ['Bug'], createdAt: daysAgo(10 + i * 3) })),
      ],
    }),
  },
  {
    name: 'an open deal untouched for a month',
    key: 'deal_stalled',
    fires: 1,
    facts: facts({ deals: [deal({ stageChangedAt: daysAgo(30) })] }),
  },
  {
    name: 'a won deal untouched for a month',
    key: 'deal_stalled',
    fires: 0,
    facts: facts({ deals: [deal({ status: 'won', stageChangedAt: daysAgo(30) })] }),
  },
  {
    name: 'an open deal past its close date',
    key: 'close_date_passed',
    fires: 1,
    facts: facts({ deals: [deal({ expectedCloseDate: dateDaysAgo(5) })] }),
  },
  {
    name: 'an open deal closing next week',
    key: 'close_date_passed',
    fires: 0,
    facts: facts({ deals: [deal({ expectedCloseDate: dateDaysAgo(-7) })] }),
  },
  {
    name: 'a contract ending in ten days',
    key: 'renewal_due',
    fires: 1,
    facts: facts({ deals: [deal({ status: 'won', renewalDate: dateDaysAgo(-10) })] }),
  },
  {
    name: 'a contract ending in three months',
    key: 'renewal_due',
    fires: 0,
    facts: facts({ deals: [deal({ status: 'won', renewalDate: dateDaysAgo(-90) })] }),
  },
  {
    name: 'the last agent message a month ago',
    key: 'no_recent_contact',
    fires: 1,
    facts: facts({ messages: [msg({ at: daysAgo(30), actor: 'agent' })] }),
  },
  {
    name: 'a CRM call last week',
    key: 'no_recent_contact',
    fires: 0,
    facts: facts({
      messages: [msg({ at: daysAgo(30), actor: 'agent' })],
      activities: [{ rowId: 'a1', kind: 'call', at: daysAgo(7) }],
    }),
  },
  { name: 'no history at all', key: 'no_recent_contact', fires: 0, facts: facts() },
);

describe('signal detectors', () => {
  it.each(cases)('when $name, then $key fires $fires time(s)', ({ key, facts: f, fires, minSeverity }) => {
    const out = DETECTORS[key]({ facts: f, now: NOW });
    expect(out).toHaveLength(fires);
    for (const s of out) {
      expect(s.key).toBe(key);
      expect(s.severity).toBeGreaterThan(0);
      expect(s.severity).toBeLessThanOrEqual(1);
      expect(s.evidence.length).toBeGreaterThan(0);
      expect(s.sentence.length).toBeGreaterThan(10);
      expect(s.configVersion).toMatch(/^kag-v/);
      expect(s.asOf).toEqual(NOW);
      if (minSeverity !== undefined) expect(s.severity).toBeGreaterThanOrEqual(minSeverity);
    }
  });

  it('when every detector has a firing case, then the table covers all fifteen signals', () => {
    const covered = new Set(cases.filter((c) => c.fires > 0).map((c) => c.key));
    expect([...covered].sort()).toEqual(Object.keys(DETECTORS).sort());
  });

  it('when a client waits longer, then client_waiting is more severe', () => {
    const sev = (h: number) =>
      DETECTORS.client_waiting({ facts: facts({ messages: [msg({ at: hoursAgo(h) })] }), now: NOW })[0]
        ?.severity ?? 0;
    expect(sev(72)).toBeGreaterThan(sev(26));
  });

  it('when all facts are empty, then no signal fires', () => {
    expect(detectSignals({ facts: facts({ conversations: [] }), now: NOW })).toEqual([]);
  });
});

describe('business hours', () => {
  const cal = { timezone: 'UTC', startHour: 9, endHour: 18, days: [1, 2, 3, 4, 5] };
  it.each([
    { name: 'a weekday morning', from: '2025-06-11T09:00:00Z', to: '2025-06-11T12:30:00Z', hours: 3.5 },
    {
      name: 'Friday evening to Monday morning',
      from: '2025-06-13T17:00:00Z',
      to: '2025-06-16T10:00:00Z',
      hours: 2,
    },
    { name: 'a whole weekend', from: '2025-06-14T08:00:00Z', to: '2025-06-15T20:00:00Z', hours: 0 },
    { name: 'reversed bounds', from: '2025-06-11T12:00:00Z', to: '2025-06-11T09:00:00Z', hours: 0 },
  ])('when $name, then $hours business hours', ({ from, to, hours }) => {
    expect(businessHoursBetween(new Date(from), new Date(to), cal)).toBeCloseTo(hours, 5);
  });

  it('when the project is in Moscow, then 09:00 local (06:00 UTC) opens the day', () => {
    const msk = { ...cal, timezone: 'Europe/Moscow' };
    expect(
      businessHoursBetween(new Date('2025-06-11T06:00:00Z'), new Date('2025-06-11T07:00:00Z'), msk),
    ).toBeCloseTo(1, 5);
  });

  // Local clocks are memoised per UTC minute: asking twice (the second from the cache) must agree.
  it.each([
    {
      name: 'Berlin, Friday 17:00 CET to Monday 10:00 CEST across the spring change',
      timezone: 'Europe/Berlin',
      from: '2025-03-28T16:00:00Z',
      to: '2025-03-31T08:00:00Z',
      hours: 2,
    },
    {
      name: 'Kolkata (+05:30), 08:30 to 09:30 local',
      timezone: 'Asia/Kolkata',
      from: '2025-06-11T03:00:00Z',
      to: '2025-06-11T04:00:00Z',
      hours: 0.5,
    },
    {
      name: 'New York, a weekday 08:00 to 20:00 EDT, starting mid-minute',
      timezone: 'America/New_York',
      from: '2025-06-11T12:00:30Z',
      to: '2025-06-12T00:00:00Z',
      hours: 9,
    },
  ])('when $name, then $hours business hours, asked twice', ({ timezone, from, to, hours }) => {
    const local = { ...cal, timezone };
    for (let i = 0; i < 2; i += 1)
      expect(businessHoursBetween(new Date(from), new Date(to), local)).toBeCloseTo(hours, 5);
  });
});

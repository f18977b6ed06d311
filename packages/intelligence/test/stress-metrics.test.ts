import { describe, expect, it } from 'vitest';
import { strainFeatures } from '../src/kag/forecast/features.ts';
import { stressMetrics } from '../src/kag/history/stress-metrics.ts';
import { NOW, daysAgo, hoursAgo, issue, msg } from './facts-builder.ts';
import { historyDays } from './history-day-builder.ts';

const ln1p = Math.log1p;

describe('stressMetrics', () => {
  it.each([
    {
      name: 'a turn answered after 2 h: ln(1 + 2)',
      messages: [msg({ at: hoursAgo(10) }), msg({ at: hoursAgo(8), actor: 'agent' })],
      want: { replyLogHours3d: ln1p(2), replyLogHours7d: ln1p(2), replyTurns7d: 1, chases7d: 0 },
    },
    {
      name: 'a client still waiting counts the hours waited so far',
      messages: [msg({ at: hoursAgo(5) })],
      want: { replyLogHours3d: ln1p(5), replyTurns7d: 1, clientMessages3d: 1 },
    },
    {
      name: 'a client writing again before a reply is a chase, one turn from the first message',
      messages: [
        msg({ at: hoursAgo(9) }),
        msg({ at: hoursAgo(6) }),
        msg({ at: hoursAgo(3), actor: 'agent' }),
      ],
      want: { replyLogHours7d: ln1p(6), replyTurns7d: 1, chases7d: 1 },
    },
    {
      name: 'turns older than 3 days count in the 7-day mean only',
      messages: [
        msg({ at: daysAgo(5) }),
        msg({ at: new Date(daysAgo(5).getTime() + 3_600_000), actor: 'agent' }),
      ],
      want: { replyLogHours3d: null, replyLogHours7d: ln1p(1), replyTurns7d: 1, clientMessages3d: 0 },
    },
    {
      name: 'separate conversations are separate turns; bots are ignored',
      messages: [
        msg({ at: hoursAgo(10), conversationRef: 'a' }),
        msg({ at: hoursAgo(9.5), conversationRef: 'a', actor: 'bot' }),
        msg({ at: hoursAgo(9), conversationRef: 'a', actor: 'agent' }),
        msg({ at: hoursAgo(10), conversationRef: 'b' }),
        msg({ at: hoursAgo(7), conversationRef: 'b', actor: 'agent' }),
      ],
      want: { replyLogHours7d: (ln1p(1) + ln1p(3)) / 2, replyTurns7d: 2 },
    },
    {
      name: 'nothing in the window: no delay, no share',
      messages: [msg({ at: daysAgo(20) })],
      want: { replyLogHours7d: null, negativeShare7d: null, replyTurns7d: 0 },
    },
  ])('$name', ({ messages, want }) => {
    const got = stressMetrics({ messages, issues: [] }, NOW);
    for (const [k, v] of Object.entries(want)) {
      const value = got[k as keyof typeof got];
      if (v === null) expect(value, k).toBeNull();
      else expect(value, k).toBeCloseTo(v, 2);
    }
  });

  it('reads negative client messages as a share of the week', () => {
    const got = stressMetrics(
      {
        issues: [],
        messages: [
          msg({ at: hoursAgo(30), text: 'This is unacceptable, we are very disappointed and frustrated' }),
          msg({ at: hoursAgo(20), text: 'Thanks, looks great' }),
          msg({ at: hoursAgo(10), text: 'Could you send the file?' }),
          msg({ at: hoursAgo(5), text: 'Thanks!' }),
        ],
      },
      NOW,
    );
    expect(got.negativeShare7d).toBe(0.25);
  });

  it('sees nothing after the instant it is asked about', () => {
    const later = [
      msg({ at: hoursAgo(10) }),
      msg({ at: new Date(NOW.getTime() + 3_600_000), actor: 'agent' }),
    ];
    expect(stressMetrics({ messages: later, issues: [] }, NOW).replyLogHours7d).toBeCloseTo(ln1p(10), 3);
  });

  it('reads the share of bugs among the issues opened in the last 14 days', () => {
    const got = stressMetrics(
      {
        messages: [],
        issues: [
          issue({ createdAt: daysAgo(2), labels: ['Bug'] }),
          issue({ createdAt: daysAgo(5), labels: ['Feature'] }),
          issue({ createdAt: daysAgo(20), labels: ['Bug'] }),
        ],
      },
      NOW,
    );
    expect(got).toMatchObject({ issuesOpened14d: 2, bugShare14d: 0.5 });
  });
});

describe('strainFeatures', () => {
  /** 60 days whose 7-day reply measure follows `reply(i)` (i = 0 oldest). */
  const days = (reply: (i: number) => number | undefined) =>
    historyDays(Array.from({ length: 60 }, () => 10)).map((d, i) => ({
      ...d,
      metrics: { ...d.metrics, replyLogHours7d: reply(i), replyLogHours3d: reply(i) },
    }));

  it.each([
    { name: 'calm all along: no rise', reply: () => 1, want: { reply_rise_7d: 0, reply_rise_young: 0 } },
    {
      name: 'slow all along: slow, but no rise against its own baseline',
      reply: () => 3,
      want: { reply_delay_7d: 3, reply_rise_7d: 0, reply_strained_days_30d: 0 },
    },
    {
      name: 'a rise this week from a calm fortnight: a young rise',
      reply: (i: number) => (i >= 55 ? 2 : 1),
      want: { reply_rise_7d: 1, reply_rise_young: 1, reply_rise_change_14d: 1 },
    },
    {
      name: 'a rise held for three weeks: strained, no longer young',
      reply: (i: number) => (i >= 38 ? 2 : 1),
      want: {
        reply_rise_7d: 1,
        reply_rise_young: 0,
        reply_rise_change_14d: 0,
        reply_strained_days_30d: 22 / 30,
      },
    },
    {
      name: 'days stored before the measures existed: no rise',
      reply: () => undefined,
      want: { reply_rise_7d: 0, reply_rise_young: 0, reply_delay_7d: 0 },
    },
  ])('$name', ({ reply, want }) => {
    const f = strainFeatures(days(reply));
    for (const [k, v] of Object.entries(want)) expect(f[k], k).toBeCloseTo(v, 5);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMinutesBetween, openCalendar } from '../src/analytics/response-time/business-minutes.ts';
import { businessHoursBetween } from '../src/kag/business-hours.ts';
import {
  measureResponseTimes,
  nearestRank,
  responseTimeDefinition,
  type RtMessage,
  summarizeResponseTimes,
} from '../src/analytics/response-time/index.ts';

/**
 * A hand-computed table. Project timezone Europe/Berlin, default hours Mon–Fri 09:00–18:00,
 * default target 240 business minutes. Berlin is UTC+1 until Sun 2026-03-29 (then UTC+2) and
 * again from Sun 2026-10-25. Comments give local Berlin times; the rows are in UTC.
 */
const def = responseTimeDefinition({ timezone: 'Europe/Berlin' });
let seq = 0;
const msg = (
  conversationId: string,
  utc: string,
  kind: 'client' | 'agent' | 'bot' | 'note' | 'automation' | 'activity',
  content = '',
): RtMessage => ({
  id: `m${String(++seq).padStart(3, '0')}`,
  conversationId,
  at: new Date(utc),
  messageType: kind === 'client' ? 'incoming' : kind === 'activity' ? 'activity' : 'outgoing',
  private: kind === 'note',
  senderType:
    kind === 'client' ? 'contact' : kind === 'bot' ? 'agent_bot' : kind === 'automation' ? null : 'user',
  content,
  contentAttributes: kind === 'automation' ? { automation_rule_id: 7 } : {},
});

const rows: RtMessage[] = [
  // A — Tue 03-03 10:00 client; bot 10:01 and a private note 10:30 do not stop the clock; agent 11:15 → 75.
  msg('A', '2026-03-03T09:00:00Z', 'client'),
  msg('A', '2026-03-03T09:01:00Z', 'bot'),
  msg('A', '2026-03-03T09:30:00Z', 'note'),
  msg('A', '2026-03-03T10:15:00Z', 'agent'),
  // B — weekend: Fri 03-06 17:00 client, Sat 12:00 client again (same run), Mon 03-09 10:00 agent.
  //     first: Fri 17–18 (60) + Mon 9–10 (60) = 120; the Saturday message waits Mon 9–10 = 60.
  msg('B', '2026-03-06T16:00:00Z', 'client'),
  msg('B', '2026-03-07T11:00:00Z', 'client'),
  msg('B', '2026-03-09T09:00:00Z', 'agent'),
  // C — DST: Fri 03-27 17:30 CET client, Mon 03-30 09:30 CEST agent → 30 + 30 = 60
  //     (63 h of wall clock; reading the hours in UTC would give 90).
  msg('C', '2026-03-27T16:30:00Z', 'client'),
  msg('C', '2026-03-30T07:30:00Z', 'agent'),
  // D — Tue 03-10 09:00 client, 09:30 agent (first 30); 10:00 client again (next clock), snoozed
  //     11:00 while waiting on the client, reopened 14:00, agent 15:00 → 60 + 60 = 120 (not 300).
  msg('D', '2026-03-10T08:00:00Z', 'client'),
  msg('D', '2026-03-10T08:30:00Z', 'agent'),
  msg('D', '2026-03-10T09:00:00Z', 'client'),
  msg('D', '2026-03-10T10:00:00Z', 'activity', 'Conversation was snoozed by Ann'),
  msg('D', '2026-03-10T13:00:00Z', 'activity', 'Conversation was reopened by Ann'),
  msg('D', '2026-03-10T14:00:00Z', 'agent'),
  // E — reopened: Wed 03-11 09:00 client, 09:20 agent (first 20), resolved 09:30; Thu 03-12 10:00
  //     client reopens it → a new FIRST clock; an automation at 10:01 does not count; agent 16:00 → 360 (missed).
  msg('E', '2026-03-11T08:00:00Z', 'client'),
  msg('E', '2026-03-11T08:20:00Z', 'agent'),
  msg('E', '2026-03-11T08:30:00Z', 'activity', 'Conversation was marked resolved by Ann'),
  msg('E', '2026-03-12T09:00:00Z', 'client'),
  msg('E', '2026-03-12T09:01:00Z', 'automation'),
  msg('E', '2026-03-12T15:00:00Z', 'agent'),
  // F — unanswered over the October DST change: Fri 10-23 16:00 CEST client; as of Mon 10-26
  //     12:00 CET it has waited Fri 16–18 (120) + Mon 9–12 (180) = 300 > 240 → missed.
  msg('F', '2026-10-23T14:00:00Z', 'client'),
  // G — Mon 10-26 11:00 CET client, 60 minutes so far → pending, not counted yet.
  msg('G', '2026-10-26T10:00:00Z', 'client'),
];
const asOf = new Date('2026-10-26T11:00:00Z');
const measured = measureResponseTimes(rows, asOf, def);
const byId = new Map(measured.results.map((r) => [r.messageId, r]));
const at = (i: number) => {
  const id = rows[i]?.id ?? '';
  const r = byId.get(id);
  if (!r) throw new Error(`no result for row ${i}`);
  return r;
};

describe('response times (hand-computed, Europe/Berlin business hours)', () => {
  it.each([
    ['a bot reply and a private note do not stop the clock', 0, 'first', 75, 'met'],
    ['a weekend is not counted', 4, 'first', 120, 'met'],
    ['a second client message in the same run waits from its own time', 5, null, 60, 'met'],
    ['a DST change (March) is read in local time', 7, 'first', 60, 'met'],
    ['a first reply in a conversation', 9, 'first', 30, 'met'],
    ['a waiting-on-client pause (snoozed) is not counted', 11, 'next', 120, 'met'],
    ['a first reply before the conversation is resolved', 15, 'first', 20, 'met'],
    [
      'a reopened conversation starts a new first-response clock; automations do not count',
      18,
      'first',
      360,
      'missed',
    ],
    [
      'an unanswered message across the October DST change counts as missed once over target',
      21,
      'first',
      300,
      'missed',
    ],
    ['an unanswered message within target is pending', 22, 'first', 60, 'pending'],
  ] as const)('when %s, then the wait is as computed by hand', (_name, row, clock, minutes, sla) => {
    const r = at(row);
    expect(r.clock).toBe(clock);
    expect(r.waitMinutes).toBe(minutes);
    expect(r.sla).toBe(sla);
  });

  it('when summarised, then percentiles, SLA and exclusions match the table', () => {
    const s = summarizeResponseTimes(measured, new Date('2026-01-01T00:00:00Z'));
    expect(s.clientMessages).toBe(10);
    // first: [20, 30, 60, 75, 120, 360] — nearest rank p50 = 3rd, p90 = 6th.
    expect(s.firstResponses).toBe(6);
    expect(s.firstResponseP50Minutes).toBe(60);
    expect(s.firstResponseP90Minutes).toBe(360);
    expect(s.nextResponseP50Minutes).toBe(120);
    // met: A, B×2, C, D×2, E1 = 7; missed: E2, F = 2; pending: G.
    expect(s.sla).toEqual({ met: 7, missed: 2, pending: 1, counted: 9, compliance: 7 / 9 });
    expect(s.ignored).toEqual({ bot: 1, private_note: 1, automation: 1 });
  });

  it('when the window starts later, then only client messages inside it are counted', () => {
    const s = summarizeResponseTimes(measured, new Date('2026-10-01T00:00:00Z'));
    expect(s.clientMessages).toBe(2);
    expect(s.firstResponses).toBe(0);
    expect(s.sla.compliance).toBe(0);
  });

  it('when nothing is configured, then the definition says UTC, Mon–Fri 9–18 and 240 minutes', () => {
    const d = responseTimeDefinition({});
    expect(d.businessHours).toEqual({
      timezone: 'UTC',
      days: [1, 2, 3, 4, 5],
      startHour: 9,
      endHour: 18,
      source: 'default',
    });
    expect(d.target).toEqual({ minutes: 240, source: 'default' });
    expect(
      responseTimeDefinition({ slaTargetMinutes: 60, timezone: 'Nope/Nowhere' }).businessHours.timezone,
    ).toBe('UTC');
  });

  it('when asked for a nearest-rank percentile, then it is the ⌈p·n⌉-th smallest', () => {
    expect(nearestRank([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(nearestRank([5, 1, 3, 2, 4], 0.9)).toBe(5);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe('business minutes agree with the kag business-hours rule', () => {
  it.each(['Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'UTC'])(
    'when random intervals in %s are measured both ways, then they agree',
    (timezone) => {
      const cal = { timezone, days: [1, 2, 3, 4, 5], startHour: 9, endHour: 18 };
      const open = openCalendar(cal);
      fc.assert(
        fc.property(
          fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
          fc.integer({ min: 0, max: 6 * 24 * 60 }),
          (from, minutes) => {
            const to = from + minutes * 60_000;
            const a = businessMinutesBetween(from, to, open);
            const b = businessHoursBetween(new Date(from), new Date(to), cal) * 60;
            expect(Math.abs(a - b)).toBeLessThan(1e-6);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

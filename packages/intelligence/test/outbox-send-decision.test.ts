import { describe, expect, it } from 'vitest';
import { actionIdempotencyKey, uuidForKey } from '../src/outbox/action-keys.ts';
import { canApproveDiscount, canApproveSend, initialOfferStatus } from '../src/outbox/offer-rules.ts';
import {
  DEFAULT_SEND_CONFIG,
  type DecisionPolicy,
  type RecentMessage,
  sendDecision,
} from '../src/outbox/send-decision.ts';

const noon = new Date('2026-03-02T12:00:00Z');
const approved = {
  status: 'approved',
  approvedAt: new Date('2026-03-02T10:00:00Z'),
  channel: 'chatwoot',
  contactRef: '7',
};
const policy = (p: Partial<NonNullable<DecisionPolicy>> = {}): DecisionPolicy => ({
  optedOut: false,
  optOutReason: null,
  maxMessagesPerWindow: null,
  windowHours: null,
  quietHoursStartMinute: null,
  quietHoursEndMinute: null,
  timezone: null,
  ...p,
});
const hoursAgo = (h: number) => new Date(noon.getTime() - h * 3_600_000);
const sent = (h: number): RecentMessage => ({ kind: 'outbound', at: hoursAgo(h) });
const said = (h: number, text: string): RecentMessage => ({ kind: 'incoming', at: hoursAgo(h), text });

describe('sendDecision', () => {
  const cases: Array<{ when: string; args: Parameters<typeof sendDecision>; expected: string }> = [
    {
      when: 'approved, no policy, nothing recent, at noon UTC',
      args: [approved, null, [], noon],
      expected: 'allowed',
    },
    {
      when: 'the message is a draft',
      args: [{ ...approved, status: 'draft', approvedAt: null }, null, [], noon],
      expected: 'blocked:not_approved',
    },
    {
      when: 'the contact opted out of the channel',
      args: [approved, policy({ optedOut: true }), [], noon],
      expected: 'blocked:opted_out',
    },
    {
      when: 'three messages went out in the last day',
      args: [approved, null, [sent(1), sent(5), sent(20)], noon],
      expected: 'held:frequency_cap',
    },
    {
      when: 'three messages went out, the oldest 25 h ago',
      args: [approved, null, [sent(1), sent(5), sent(25)], noon],
      expected: 'allowed',
    },
    {
      when: "the contact's own cap is one a week and one went out 3 days ago",
      args: [approved, policy({ maxMessagesPerWindow: 1, windowHours: 168 }), [sent(72)], noon],
      expected: 'held:frequency_cap',
    },
    {
      when: 'ten went out this week',
      args: [approved, null, Array.from({ length: 10 }, (_, i) => sent(30 + i * 10)), noon],
      expected: 'held:frequency_cap',
    },
    {
      when: 'it is 22:30 in Moscow (quiet 21–8 default)',
      args: [
        approved,
        null,
        [],
        new Date('2026-03-02T19:30:00Z'),
        { ...DEFAULT_SEND_CONFIG, timezone: 'Europe/Moscow' },
      ],
      expected: 'held:quiet_hours',
    },
    {
      when: "the contact's own quiet hours cover noon in their timezone",
      args: [
        approved,
        policy({ quietHoursStartMinute: 11 * 60, quietHoursEndMinute: 14 * 60, timezone: 'UTC' }),
        [],
        noon,
      ],
      expected: 'held:quiet_hours',
    },
    {
      when: 'the contact escalates',
      args: [approved, null, [said(2, 'This is unacceptable, we will cancel the contract')], noon],
      expected: 'held:negative_sentiment',
    },
    {
      when: 'the contact escalated, but four days ago',
      args: [approved, null, [said(96, 'This is unacceptable, we will cancel the contract')], noon],
      expected: 'allowed',
    },
    {
      when: 'the contact is happy',
      args: [approved, null, [said(2, 'Thanks, great work, very happy with it')], noon],
      expected: 'allowed',
    },
    {
      when: 'opted out and over the cap at night: opt-out wins (blocked beats held)',
      args: [
        approved,
        policy({ optedOut: true }),
        [sent(1), sent(2), sent(3)],
        new Date('2026-03-02T23:00:00Z'),
      ],
      expected: 'blocked:opted_out',
    },
  ];
  for (const c of cases) {
    it(`when ${c.when}, then ${c.expected}`, () => {
      const d = sendDecision(...c.args);
      expect(d.kind === 'allowed' ? 'allowed' : `${d.kind}:${d.reason}`).toBe(c.expected);
    });
  }

  it('when held for quiet hours, then until is the end of the window in local time', () => {
    const d = sendDecision(approved, null, [], new Date('2026-03-02T19:30:00Z'), {
      ...DEFAULT_SEND_CONFIG,
      timezone: 'Europe/Moscow',
    });
    expect(d.kind === 'held' && d.until.toISOString()).toBe('2026-03-03T05:00:00.000Z');
  });

  it('when held by the cap, then until is when the oldest counted message leaves the window', () => {
    const d = sendDecision(approved, null, [sent(1), sent(5), sent(20)], noon);
    expect(d.kind === 'held' && d.until.getTime()).toBe(hoursAgo(20).getTime() + 24 * 3_600_000 + 1);
  });
});

describe('action keys and offers', () => {
  it('when the same action is asked twice, then the key and the derived issue id are the same', () => {
    const k = actionIdempotencyKey('r1', 'create_or_update_task', null);
    expect(k).toBe(actionIdempotencyKey('r1', 'create_or_update_task', ''));
    expect(uuidForKey(k)).toBe(uuidForKey(k));
    expect(uuidForKey(k)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidForKey(k)).not.toBe(uuidForKey(actionIdempotencyKey('r1', 'create_or_update_task', 'x')));
  });

  it('when a discount is above the threshold, then an owner approves it, then someone else approves the send', () => {
    expect(initialOfferStatus(5)).toBe('draft');
    expect(initialOfferStatus(15)).toBe('discount_pending');
    const offer = { status: 'discount_pending', discountPct: 15, discountApprovedAt: null, createdBy: 'u1' };
    expect(canApproveDiscount(offer, 'pm').ok).toBe(false);
    expect(canApproveDiscount(offer, 'owner').ok).toBe(true);
    expect(canApproveSend(offer, 'u2').ok).toBe(false);
    const approvedOffer = { ...offer, status: 'draft', discountApprovedAt: noon };
    expect(canApproveSend(approvedOffer, 'u1')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(canApproveSend(approvedOffer, 'u2').ok).toBe(true);
  });
});

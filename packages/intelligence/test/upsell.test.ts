import { describe, expect, it } from 'vitest';
import { expansionCues } from '../src/upsell/cues.ts';
import {
  detectUpsellOpportunities,
  suggestedNextStep,
  type UpsellMessage,
  upsellGate,
  type WonDeal,
} from '../src/upsell/detect.ts';
import { canMoveUpsell } from '../src/upsell/status.ts';

const now = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

describe('expansionCues', () => {
  it.each([
    // English
    ['We also want to start another project: a portal for our partners.', ['another_project', 'new_need']],
    ['Next quarter we plan a new project and would love your team on it.', ['another_project']],
    ['Could you also take over billing? It is a new need from our sales team.', ['new_need']],
    ['We have budget for an additional phase, let us discuss the scope.', ['additional_scope']],
    ['We are interested in a mobile app as well.', ['new_need']],
    ['Our new projects need the same analytics.', ['another_project']],
    // Russian, in other grammatical forms than the terms
    ['Хотим запустить ещё один проект: портал для партнёров. Обсудим?', ['another_project']],
    ['Хотим запустить еще один проект для партнеров.', ['another_project']],
    ['В следующем квартале у нас новый проект, будем рады работать с вами.', ['another_project']],
    ['Можете ещё взять экспорт? Это новая потребность отдела продаж.', ['new_need']],
    ['Есть бюджет на дополнительный этап, давайте обсудим объём.', ['additional_scope']],
  ])('when a client writes %j, then the cues are %j', (text, cues) => {
    expect(expansionCues(text).map((h) => h.cue)).toEqual(cues);
  });

  it.each([
    // negated
    ["We don't need another project right now.", 'negated in English'],
    ['We are not interested in extra features this year.', 'negated "interested in"'],
    ['Нам не нужен новый проект, давайте закончим этот.', 'negated in Russian'],
    ['Нет, ещё один проект мы не планируем.', 'negated in Russian ("нет" before the cue)'],
    // a bare "also" / "ещё" is not a cue
    ['Also, the login page is slow on mobile.', 'a bare "also"'],
    ['Ещё вопрос: когда релиз?', 'a bare "ещё"'],
    // complaints and escalations that happen to name a project
    ['This is unacceptable. We will cancel the new project unless you fix it.', 'an escalation'],
    ['The new project page is broken again, this is frustrating and disappointing.', 'a complaint'],
    ['Thanks, the release went smoothly.', 'no cue at all'],
  ])('when a client writes %j, then there is no cue (%s)', (text) => {
    expect(expansionCues(text)).toEqual([]);
  });
});

const msg = (over: Partial<UpsellMessage> & Pick<UpsellMessage, 'text'>): UpsellMessage => ({
  eventId: `e-${over.text.length}-${over.conversationRef ?? '1'}`,
  conversationRef: '1',
  conversationLabel: '#1',
  contactName: 'Anna',
  actor: 'client',
  at: new Date(now.getTime() - 2 * DAY),
  ...over,
});

const won = (over: Partial<WonDeal> = {}): WonDeal => ({
  id: 'd1',
  crmAccountId: 'acc-1',
  title: 'Phase 1',
  amountMinor: 2_000_000,
  currency: 'EUR',
  closedAt: new Date(now.getTime() - 30 * DAY),
  ...over,
});

describe('detectUpsellOpportunities', () => {
  const cue = msg({ text: 'Next quarter we plan a new project and would love your team on it.' });

  it('when the project is healthy with a won deal, then a cue becomes one opportunity with its evidence and value', () => {
    const [o, ...rest] = detectUpsellOpportunities({ now, health: 85, messages: [cue], wonDeals: [won()] });
    expect(rest).toEqual([]);
    expect(o).toMatchObject({
      cue: 'another_project',
      dedupeKey: 'another_project:conversation:1',
      title: 'Anna wants another project',
      estimatedValueMinor: 2_000_000,
      currency: 'EUR',
      crmAccountId: 'acc-1',
    });
    expect(o?.evidence.map((e) => e.id)).toEqual([cue.eventId]);
    expect(o?.score).toBeGreaterThan(0.55);
    expect(o?.score).toBeLessThanOrEqual(1);
  });

  it('when the project is not healthy, has no score or no won deal, then nothing is proposed and the gate says why', () => {
    for (const [health, deals, reason] of [
      [55, [won()], /below 70/],
      [null, [won()], /no health score/],
      [90, [], /no won deal/],
    ] as const) {
      expect(detectUpsellOpportunities({ now, health, messages: [cue], wonDeals: deals })).toEqual([]);
      const gate = upsellGate({ health, wonDeals: deals });
      expect(gate.ok).toBe(false);
      if (!gate.ok) expect(gate.reason).toMatch(reason);
    }
  });

  it('when the same cue repeats in a conversation, then it is one opportunity citing every message, scored higher', () => {
    const second = msg({
      text: 'About the new project: can we meet on Monday?',
      at: new Date(now.getTime() - DAY),
    });
    const one = detectUpsellOpportunities({ now, health: 85, messages: [cue], wonDeals: [won()] })[0];
    const two = detectUpsellOpportunities({ now, health: 85, messages: [cue, second], wonDeals: [won()] });
    expect(two).toHaveLength(1);
    expect(two[0]?.evidence.map((e) => e.id)).toEqual([second.eventId, cue.eventId]);
    expect(two[0]?.score).toBeGreaterThan(one?.score ?? 1);
  });

  it('when agents write the cue, or the message is older than the lookback, then it is not evidence', () => {
    const agent = msg({ text: cue.text, actor: 'agent' });
    const old = msg({ text: cue.text, at: new Date(now.getTime() - 90 * DAY) });
    expect(detectUpsellOpportunities({ now, health: 85, messages: [agent, old], wonDeals: [won()] })).toEqual(
      [],
    );
  });

  it('when won deals are in two currencies, then the value is in the latest win’s currency (never summed across)', () => {
    const deals = [
      won({ id: 'a', currency: 'USD', amountMinor: 1_000_000, closedAt: new Date(now.getTime() - 90 * DAY) }),
      won({
        id: 'b',
        currency: 'RUB',
        amountMinor: 50_000_000,
        closedAt: new Date(now.getTime() - 10 * DAY),
      }),
      won({
        id: 'c',
        currency: 'RUB',
        amountMinor: 30_000_000,
        closedAt: new Date(now.getTime() - 40 * DAY),
      }),
    ];
    const scope = msg({ text: 'We have budget for an additional phase.', conversationRef: '2' });
    const [o] = detectUpsellOpportunities({ now, health: 90, messages: [scope], wonDeals: deals });
    expect(o).toMatchObject({ currency: 'RUB', estimatedValueMinor: 20_000_000 });
  });

  it('when the won deal has no amount, then there is no estimated value', () => {
    const [o] = detectUpsellOpportunities({
      now,
      health: 90,
      messages: [cue],
      wonDeals: [won({ amountMinor: 0 })],
    });
    expect(o).toMatchObject({ estimatedValueMinor: null, currency: null });
  });
});

describe('upsell statuses and next steps', () => {
  it.each([
    ['proposed', 'qualified', true],
    ['proposed', 'dismissed', true],
    ['proposed', 'converted', false],
    ['qualified', 'converted', true],
    ['dismissed', 'proposed', true],
    ['converted', 'dismissed', false],
  ] as const)('when an opportunity moves %s → %s, then allowed is %s', (from, to, ok) => {
    const v = canMoveUpsell(from, to);
    expect(v.ok).toBe(ok);
    if (!v.ok) expect(v.message).toContain(from);
  });

  it('when a move is refused, then the message names the allowed moves', () => {
    const v = canMoveUpsell('proposed', 'converted');
    expect(v.ok ? '' : v.message).toBe(
      'The opportunity is proposed; it can move to qualified or dismissed, not converted.',
    );
  });

  it('when the status changes, then the next step follows it', () => {
    expect(suggestedNextStep('another_project', 'proposed')).toMatch(/discovery call/);
    expect(suggestedNextStep('another_project', 'qualified')).toMatch(/proposal/);
    expect(suggestedNextStep('new_need', 'converted')).toMatch(/CRM/);
  });
});

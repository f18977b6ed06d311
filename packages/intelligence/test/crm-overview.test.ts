import { describe, expect, it } from 'vitest';
import { CRM_CONFIG } from '../src/crm/config.ts';
import { computeCrmOverview, type OverviewDeal } from '../src/crm/overview.ts';
import { checkStage, stageTransition, statusOfStage } from '../src/crm/stages.ts';

const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
let n = 0;
const deal = (over: Partial<OverviewDeal>): OverviewDeal => {
  n += 1;
  return {
    id: `d${n}`,
    title: `Deal ${n}`,
    stage: 'Lead',
    status: 'open',
    amountMinor: 1000,
    currency: 'USD',
    stageChangedAt: daysAgo(1),
    createdAt: daysAgo(100),
    renewalDate: null,
    ...over,
  };
};
const config = { ...CRM_CONFIG, stalledDays: 21 };
const STAGES = ['Lead', 'In Progress', 'Won 🎉', 'Lost'];

describe('computeCrmOverview', () => {
  it('when there are no deals, then every list is empty and both renewal windows are there', () => {
    const o = computeCrmOverview([], now, config);
    expect(o).toEqual({
      pipeline: [],
      open: [],
      won: [],
      lost: [],
      stalled: [],
      stalledDays: 21,
      renewals: [
        { withinDays: 30, deals: [] },
        { withinDays: 60, deals: [] },
      ],
    });
  });

  it('when open deals are in two currencies, then the pipeline is by stage and currency and never summed across them', () => {
    const o = computeCrmOverview(
      [
        deal({ stage: 'In Progress', amountMinor: 500, currency: 'EUR' }),
        deal({ stage: 'Lead', amountMinor: 100, currency: 'USD' }),
        deal({ stage: 'Lead', amountMinor: 200, currency: 'USD' }),
        deal({ stage: 'Lead', amountMinor: 700, currency: 'EUR' }),
      ],
      now,
      config,
      STAGES,
    );
    expect(o.pipeline).toEqual([
      { stage: 'Lead', currency: 'EUR', count: 1, amountMinor: 700 },
      { stage: 'Lead', currency: 'USD', count: 2, amountMinor: 300 },
      { stage: 'In Progress', currency: 'EUR', count: 1, amountMinor: 500 },
    ]);
    expect(o.open).toEqual([
      { currency: 'EUR', count: 2, amountMinor: 1200 },
      { currency: 'USD', count: 2, amountMinor: 300 },
    ]);
  });

  it('when deals are won or lost, then they count per currency and leave the open pipeline', () => {
    const o = computeCrmOverview(
      [
        deal({ stage: 'Won 🎉', status: 'won', amountMinor: 900 }),
        deal({ stage: 'Won 🎉', status: 'won', amountMinor: 100, currency: 'EUR' }),
        deal({ stage: 'Lost', status: 'lost', amountMinor: 50 }),
      ],
      now,
      config,
    );
    expect(o.pipeline).toEqual([]);
    expect(o.won).toEqual([
      { currency: 'EUR', count: 1, amountMinor: 100 },
      { currency: 'USD', count: 1, amountMinor: 900 },
    ]);
    expect(o.lost).toEqual([{ currency: 'USD', count: 1, amountMinor: 50 }]);
  });

  it.each([
    ['moved 20 days ago', daysAgo(20), false],
    ['moved exactly 21 days ago', daysAgo(21), true],
    ['moved 40 days ago', daysAgo(40), true],
    ['never moved, created 100 days ago', null, true],
  ])('when an open deal %s, then stalled is %s', (_label, changedAt, expected) => {
    const o = computeCrmOverview([deal({ stageChangedAt: changedAt })], now, config);
    expect(o.stalled.length === 1).toBe(expected);
  });

  it('when a won deal has not moved for months, then it is not stalled', () => {
    const o = computeCrmOverview(
      [deal({ status: 'won', stage: 'Won 🎉', stageChangedAt: daysAgo(300) })],
      now,
      config,
    );
    expect(o.stalled).toEqual([]);
  });

  it('when won deals renew in 10, 45 and 90 days or renewed yesterday, then the 30- and 60-day windows hold the right ones, soonest first', () => {
    const won = (renewalDate: string, title: string) =>
      deal({ status: 'won', stage: 'Won 🎉', renewalDate, title });
    const o = computeCrmOverview(
      [
        won('2027-01-15', 'in 45'),
        won('2026-12-11', 'in 10'),
        won('2027-03-01', 'in 90'),
        won('2026-11-30', 'yesterday'),
        deal({ renewalDate: '2026-12-05', title: 'open deal' }),
      ],
      now,
      config,
    );
    expect(o.renewals.map((w) => [w.withinDays, w.deals.map((d) => [d.title, d.daysLeft])])).toEqual([
      [30, [['in 10', 10]]],
      [
        60,
        [
          ['in 10', 10],
          ['in 45', 45],
        ],
      ],
    ]);
  });
});

describe('deal stages', () => {
  it.each([
    ['Won 🎉', 'won'],
    ['Closed lost', 'lost'],
    ['In Progress', 'open'],
    ['Lead', 'open'],
  ])('when the stage is %s, then the status is %s', (stage, status) => {
    expect(statusOfStage(stage)).toBe(status);
  });

  it.each([
    ['In Progress', { ok: true, stage: 'In Progress' }],
    ['  in progress ', { ok: true, stage: 'In Progress' }],
    ['Won', { ok: true, stage: 'Won 🎉' }],
  ])('when the stage asked for is %j, then it resolves to Attio’s title', (input, expected) => {
    expect(checkStage(input, STAGES)).toEqual(expected);
  });

  it('when the stage is unknown, then the refusal lists the stages there are', () => {
    const check = checkStage('Negotiation', STAGES);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe(
      '"Negotiation" is not a deal stage in this CRM; use one of: Lead, In Progress, Won 🎉, Lost.',
    );
  });

  it('when a deal is won, then it closes now; moved back to an open stage, it reopens', () => {
    expect(stageTransition({ status: 'open', closedAt: null }, 'Won 🎉', now)).toEqual({
      status: 'won',
      closedAt: now,
      probability: 1,
    });
    const earlier = daysAgo(5);
    expect(stageTransition({ status: 'won', closedAt: earlier }, 'Won 🎉', now).closedAt).toBe(earlier);
    expect(stageTransition({ status: 'lost', closedAt: earlier }, 'Won 🎉', now).closedAt).toBe(now);
    expect(stageTransition({ status: 'won', closedAt: earlier }, 'Lead', now)).toEqual({
      status: 'open',
      closedAt: null,
      probability: null,
    });
  });
});

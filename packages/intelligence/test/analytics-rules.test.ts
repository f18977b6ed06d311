import { describe, expect, it } from 'vitest';
import { computeRevenueSnapshots, type RevenueDeal } from '../src/analytics/revenue.ts';
import { buildRiskRadarItems, type RadarSignal } from '../src/analytics/risk-radar.ts';

const AT = new Date('2025-07-10T23:59:59.999Z');
const deal = (over: Partial<RevenueDeal>): RevenueDeal => ({
  rowId: 'd',
  title: 'Deal',
  accountName: 'Acme',
  status: 'open',
  stage: 'Proposal',
  amountMinor: 0,
  currency: 'USD',
  expectedCloseDate: null,
  stageChangedAt: null,
  renewalDate: null,
  createdAt: new Date('2025-05-01T00:00:00Z'),
  probability: null,
  ...over,
});
const forecast = {
  probability: 0.333,
  horizonDays: 30,
  asOf: AT.toISOString(),
  modelVersion: 'm',
  dataSufficient: true,
  source: 'stored' as const,
};

describe('revenue per currency', () => {
  const rows = computeRevenueSnapshots({
    at: AT,
    periodDays: 30,
    forecast,
    deals: [
      deal({ rowId: 'a', amountMinor: 1001, probability: 0.5 }),
      deal({ rowId: 'b', amountMinor: 1001, probability: 0.5 }),
      deal({ rowId: 'c', amountMinor: 5000, currency: 'EUR' }),
      // Won, renewing in 20 days: exposed, not pipeline; also won in the window.
      deal({
        rowId: 'r',
        status: 'won',
        amountMinor: 3000,
        renewalDate: '2025-07-30',
        stageChangedAt: new Date('2025-07-01T00:00:00Z'),
      }),
      // Won 40 days ago, no renewal: outside the 30-day window, not listed.
      deal({
        rowId: 'w',
        status: 'won',
        amountMinor: 9999,
        stageChangedAt: new Date('2025-06-01T00:00:00Z'),
      }),
      deal({
        rowId: 'l',
        status: 'lost',
        amountMinor: 700,
        stageChangedAt: new Date('2025-07-09T00:00:00Z'),
      }),
    ],
  });

  it('when deals are in two currencies, then there is one row per currency and nothing is added across them', () => {
    expect(rows.map((r) => r.currency)).toEqual(['EUR', 'USD']);
    expect(rows[0]).toMatchObject({
      pipelineMinor: 5000,
      revenueAtRiskMinor: Math.round(5000 * 0.333),
      openDeals: 1,
    });
  });

  it('when amounts are weighted, then each deal is rounded first and the sums equal the drill-down rows', () => {
    const usd = rows[1];
    // round(1001 × 0.5) = 501 twice → 1002 (not round(2002 × 0.5) = 1001).
    expect(usd?.weightedPipelineMinor).toBe(1002);
    // at risk: round(1001 × .333) = 333 twice + round(3000 × .333) = 999 → 1665.
    expect(usd?.revenueAtRiskMinor).toBe(1665);
    expect(usd?.details.deals.reduce((a, d) => a + d.atRiskMinor, 0)).toBe(1665);
    // The renewing deal was won 9 days ago: exposed AND won in the window.
    expect(usd).toMatchObject({
      pipelineMinor: 2002,
      wonMinor: 3000,
      wonDeals: 1,
      lostMinor: 700,
      lostDeals: 1,
    });
    expect(usd?.details.deals.find((d) => d.dealId === 'r')?.kind).toBe('renewal');
    expect(usd?.details.deals.some((d) => d.dealId === 'w')).toBe(false);
  });

  it('when there is no applicable forecast, then nothing is at risk and the rows say so', () => {
    const none = computeRevenueSnapshots({
      at: AT,
      periodDays: 7,
      forecast: null,
      deals: [deal({ rowId: 'a', amountMinor: 100 })],
    });
    expect(none[0]?.revenueAtRiskMinor).toBe(0);
    expect(none[0]?.details.deals[0]?.riskProbability).toBeNull();
  });
});

describe('risk radar items', () => {
  const sig = (key: string, subjectKey: string, severity: number): RadarSignal => ({
    key,
    category: 'communication',
    subjectKey,
    severity,
    title: `${key} ${subjectKey}`,
    sentence: `${subjectKey} fired.`,
    evidence: [{ table: 'kag_events', id: subjectKey }],
    configVersion: 'kag-v1.0',
    asOf: AT,
  });

  it('when a key fires on two subjects, then one item carries the worst severity and both evidences', () => {
    const items = buildRiskRadarItems({
      signals: [sig('client_waiting', 'c1', 0.4), sig('client_waiting', 'c2', 0.9)],
      health: null,
      probability: 0.2,
      exposures: [{ currency: 'EUR', amountMinor: 500 }],
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      dedupeKey: 'signal:client_waiting',
      severity: 0.9,
      probability: 0.2,
      exposureMinor: 500,
      currency: 'EUR',
      title: 'client_waiting c2 (+1 more)',
    });
    expect(items[0]?.evidence.map((e) => e.id)).toEqual(['c2', 'c1']);
  });

  it('when health is critical and exposure is in two currencies, then a health item appears and the single column stays empty', () => {
    const items = buildRiskRadarItems({
      signals: [sig('overdue_issues', '', 0.5)],
      health: {
        score: 30,
        band: 'critical',
        topContributors: [{ signalKey: 'overdue_issues', share: 1 }],
        configVersion: 'kag-v1.0',
        asOf: AT,
      },
      probability: null,
      exposures: [
        { currency: 'EUR', amountMinor: 500 },
        { currency: 'USD', amountMinor: 700 },
      ],
    });
    const health = items.find((i) => i.dedupeKey === 'health:low');
    expect(health).toMatchObject({
      severity: 0.7,
      signalKeys: ['overdue_issues'],
      exposureMinor: null,
      currency: null,
    });
    expect(health?.exposures).toHaveLength(2);
  });

  it('when health is healthy, then no health item', () => {
    const items = buildRiskRadarItems({
      signals: [],
      health: { score: 90, band: 'healthy', topContributors: [], configVersion: 'v', asOf: AT },
      probability: null,
      exposures: [],
    });
    expect(items).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { assembleControlTower, type ControlTowerInput } from '../src/control-tower/assemble.ts';
import { revenueDrilldown, slaDrilldown } from '../src/control-tower/drilldown.ts';
import { connectorFreshness } from '../src/control-tower/freshness.ts';
import { healthTrend, lastDays } from '../src/control-tower/health-trend.ts';
import { forecastMovers } from '../src/control-tower/movers.ts';
import { dealsOf, revenueRows, revenueTotals, revenueTrend } from '../src/control-tower/revenue.ts';
import { type CommsRow, slaCompliance, slaTrend } from '../src/control-tower/sla.ts';
import { topRisks } from '../src/control-tower/top-risks.ts';

const now = new Date('2026-11-20T12:00:00Z');
const rev = (projectId: string, currency: string, amount: number, details: Record<string, unknown> = {}) => ({
  projectId,
  currency,
  revenueAtRiskMinor: amount,
  snapshotDate: '2026-11-20',
  asOf: '2026-11-20T06:00:00.000Z',
  details,
});

describe('dealsOf', () => {
  it.each([
    {
      when: 'the listed deals explain the whole figure',
      details: {
        deals: [
          { id: 'a', name: 'A', amountMinor: 1000, revenueAtRiskMinor: 300 },
          { id: 'b', name: 'B', amountMinor: 500, revenueAtRiskMinor: 200 },
        ],
      },
      total: 500,
      expected: [
        ['a', 300],
        ['b', 200],
      ],
    },
    {
      when: 'they explain part of it',
      details: { deals: [{ id: 'a', atRiskMinor: 300 }] },
      total: 450,
      expected: [
        ['a', 300],
        ['unattributed', 150],
      ],
    },
    { when: 'there is no breakdown', details: {}, total: 99, expected: [['unattributed', 99]] },
    {
      when: 'the breakdown is malformed',
      details: { deals: 'x' },
      total: 7,
      expected: [['unattributed', 7]],
    },
    { when: 'the figure is zero and nothing is listed', details: {}, total: 0, expected: [] },
  ])('when $when, then the deal lines sum exactly to the figure', ({ details, total, expected }) => {
    const deals = dealsOf({ details, revenueAtRiskMinor: total });
    expect(deals.map((d) => [d.id, d.atRiskMinor])).toEqual(expected);
    expect(deals.reduce((s, d) => s + d.atRiskMinor, 0)).toBe(total);
  });
});

describe('revenue totals', () => {
  const rows = revenueRows([
    rev('p1', 'USD', 300),
    rev('p2', 'USD', 200),
    rev('p1', 'EUR', 50),
    rev('p3', 'USD', 0),
  ]);

  it('when projects carry several currencies, then each currency is its own total and zero rows are left out', () => {
    expect(revenueTotals(rows)).toEqual([
      { currency: 'USD', amountMinor: 500, projects: 2, asOf: '2026-11-20T06:00:00.000Z' },
      { currency: 'EUR', amountMinor: 50, projects: 1, asOf: '2026-11-20T06:00:00.000Z' },
    ]);
  });

  it('when filtered to one currency, then only its rows remain', () => {
    expect(revenueRows([rev('p1', 'USD', 300), rev('p1', 'EUR', 50)], 'EUR').map((r) => r.currency)).toEqual([
      'EUR',
    ]);
  });

  it('when days repeat, then the trend sums per day and currency, never across currencies', () => {
    expect(
      revenueTrend([
        { snapshotDate: '2026-11-19', currency: 'USD', revenueAtRiskMinor: 1 },
        { snapshotDate: '2026-11-19', currency: 'USD', revenueAtRiskMinor: 2 },
        { snapshotDate: '2026-11-19', currency: 'EUR', revenueAtRiskMinor: 5 },
        { snapshotDate: '2026-11-18', currency: 'USD', revenueAtRiskMinor: 4 },
      ]),
    ).toEqual([
      { day: '2026-11-18', currency: 'USD', amountMinor: 4 },
      { day: '2026-11-19', currency: 'EUR', amountMinor: 5 },
      { day: '2026-11-19', currency: 'USD', amountMinor: 3 },
    ]);
  });
});

describe('healthTrend', () => {
  const days = lastDays(now, 3);
  it('when asked for three days, then they end today, oldest first', () => {
    expect(days).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
  });
  it.each([
    { when: 'a project has no score at all', points: [], expected: ['unscored', 'unscored', 'unscored'] },
    {
      when: 'a score from before the window is carried into it',
      points: [{ projectId: 'p', day: '0000-00-00', value: 40 }],
      expected: ['at_risk', 'at_risk', 'at_risk'],
    },
    {
      when: 'a project recovers mid-window',
      points: [
        { projectId: 'p', day: '2026-11-18', value: 60 },
        { projectId: 'p', day: '2026-11-20', value: 80 },
      ],
      expected: ['watch', 'watch', 'healthy'],
    },
    {
      when: 'the first score comes on the last day',
      points: [{ projectId: 'p', day: '2026-11-20', value: 49.9 }],
      expected: ['unscored', 'unscored', 'at_risk'],
    },
  ])('when $when, then its band per day follows the portfolio bands', ({ points, expected }) => {
    const trend = healthTrend(['p'], points, days);
    expect(trend.map((d) => Object.entries(d.byBand).find(([, n]) => n === 1)?.[0])).toEqual(expected);
  });
});

describe('forecastMovers', () => {
  const at = (d: string) => `2026-11-${d}T00:00:00.000Z`;
  it('when probabilities moved, then the largest absolute change comes first and noise and missing baselines are left out', () => {
    const movers = forecastMovers(
      [
        { projectId: 'up', probability: 0.6, asOf: at('20') },
        { projectId: 'down', probability: 0.1, asOf: at('20') },
        { projectId: 'flat', probability: 0.305, asOf: at('20') },
        { projectId: 'new', probability: 0.9, asOf: at('20') },
        { projectId: 'same-run', probability: 0.9, asOf: at('20') },
      ],
      [
        { projectId: 'up', probability: 0.2, asOf: at('13') },
        { projectId: 'down', probability: 0.7, asOf: at('12') },
        { projectId: 'flat', probability: 0.3, asOf: at('13') },
        { projectId: 'same-run', probability: 0.1, asOf: at('20') },
      ],
      10,
    );
    expect(movers.map((m) => [m.projectId, m.change])).toEqual([
      ['down', -0.6],
      ['up', 0.4],
    ]);
  });
});

const comms = (
  projectId: string,
  day: string,
  compliance: number | null,
  inbound: number,
  details: Record<string, unknown> = {},
): CommsRow => ({
  projectId,
  snapshotDate: day,
  asOf: `${day}T05:00:00.000Z`,
  slaCompliance: compliance,
  inboundMessages: inbound,
  firstResponseP50Minutes: null,
  firstResponseP90Minutes: null,
  details,
});

describe('slaCompliance', () => {
  it.each([
    { when: 'no project has a share', rows: [comms('a', '2026-11-20', null, 5)], expected: null },
    { when: 'one project answered everything in time', rows: [comms('a', '2026-11-20', 1, 4)], expected: 1 },
    {
      when: 'a big project misses and a small one does not',
      rows: [comms('a', '2026-11-20', 0.5, 200), comms('b', '2026-11-20', 1, 2)],
      expected: 0.505,
    },
    {
      when: 'the writer names how many messages it measured',
      rows: [
        comms('a', '2026-11-20', 0.5, 200, { sla: { met: 1, missed: 1, pending: 5, counted: 2 } }),
        comms('b', '2026-11-20', 1, 2),
      ],
      expected: 0.75,
    },
    {
      when: 'the writer counts met messages (its share rounded)',
      rows: [
        comms('a', '2026-11-20', 0.33, 3, { sla: { met: 1, missed: 2, pending: 0, counted: 3 } }),
        comms('b', '2026-11-20', 0.66, 3, { sla: { met: 2, missed: 1, pending: 0, counted: 3 } }),
      ],
      expected: 0.5,
    },
  ])(
    'when $when, then compliance is the share weighted by messages measured ($expected)',
    ({ rows, expected }) => {
      expect(slaCompliance(rows).compliance).toBe(expected);
    },
  );

  it('when snapshots span days, then the trend has one weighted point per day in order', () => {
    const trend = slaTrend([
      comms('a', '2026-11-20', 1, 1),
      comms('a', '2026-11-19', 0, 1),
      comms('b', '2026-11-19', 1, 3),
    ]);
    expect(trend.map((p) => [p.day, p.compliance])).toEqual([
      ['2026-11-19', 0.75],
      ['2026-11-20', 1],
    ]);
  });

  it('when drilled into, then the rows are the projects and the total is the tile', () => {
    const projects = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ];
    const rows = [
      comms('a', '2026-11-20', 0.5, 10),
      comms('b', '2026-11-20', 1, 10),
      comms('a', '2026-11-19', 0, 10),
    ];
    const d = slaDrilldown({ metric: 'sla_compliance' }, { projects, comms: rows });
    expect(d.rows.map((r) => [r.projectName, r.value])).toEqual([
      ['A', 0.5],
      ['B', 1],
    ]);
    expect(d.totals[0]?.value).toBe(0.75);
  });
});

describe('topRisks', () => {
  const signal = {
    projectId: 'p',
    key: 'k',
    title: 'Waiting',
    sentence: 'A client waits 30 h.',
    severity: 0.4,
    asOf: '2026-11-20T00:00:00.000Z',
  };
  it('when no radar item is open, then the strongest signals stand in with their sentence as the reason', () => {
    expect(topRisks([], [signal], 5)).toMatchObject([{ source: 'signal', reason: 'A client waits 30 h.' }]);
  });
  it('when radar items exist, then they are listed by severity with their description', () => {
    const radar = [
      {
        projectId: 'a',
        title: 'Churn',
        description: null,
        severity: 0.5,
        probability: 0.3,
        signalKeys: ['k'],
        evidenceCount: 1,
        asOf: signal.asOf,
      },
      {
        projectId: 'b',
        title: 'Delay',
        description: 'Overdue work',
        severity: 0.9,
        probability: null,
        signalKeys: [],
        evidenceCount: 0,
        asOf: signal.asOf,
      },
    ];
    expect(topRisks(radar, [signal], 5).map((r) => [r.title, r.reason])).toEqual([
      ['Delay', 'Overdue work'],
      ['Churn', 'From signals: k'],
    ]);
  });
});

describe('connectorFreshness', () => {
  it('when one project never synced, then the connector has no "data as of"; otherwise it is the stalest success', () => {
    const f = connectorFreshness([
      {
        projectId: 'a',
        connector: 'chatwoot',
        status: 'ok',
        lastSuccessAt: '2026-11-20T10:00:00.000Z',
        consecutiveFailures: 0,
      },
      {
        projectId: 'b',
        connector: 'chatwoot',
        status: 'failed',
        lastSuccessAt: '2026-11-19T10:00:00.000Z',
        consecutiveFailures: 2,
      },
      {
        projectId: 'a',
        connector: 'linear',
        status: 'ok',
        lastSuccessAt: '2026-11-20T10:00:00.000Z',
        consecutiveFailures: 0,
      },
      { projectId: 'b', connector: 'linear', status: 'idle', lastSuccessAt: null, consecutiveFailures: 0 },
    ]);
    expect(f).toMatchObject([
      { connector: 'chatwoot', dataAsOf: '2026-11-19T10:00:00.000Z', failing: 1, projects: 2 },
      { connector: 'linear', dataAsOf: null, neverSynced: 1 },
    ]);
  });
});

describe('assembleControlTower', () => {
  const input: ControlTowerInput = {
    now,
    projects: [
      { id: 'p1', name: 'Atlas' },
      { id: 'p2', name: 'Beacon' },
    ],
    portfolio: {
      asOf: now.toISOString(),
      byBand: { at_risk: 1, watch: 0, healthy: 1, unscored: 0 },
      averageHealth: 60,
      newestScoreAt: null,
    },
    healthHistory: [{ projectId: 'p1', day: '2026-11-10', value: 80 }],
    revenueLatest: [
      rev('p1', 'USD', 300),
      rev('p2', 'USD', 200),
      rev('p2', 'EUR', 70),
      rev('hidden', 'USD', 1_000_000),
    ],
    revenueHistory: [],
    forecasts: { latest: [], baseline: [] },
    radar: [],
    signals: [],
    comms: [],
    acted: [
      { projectId: 'p1', accepted: 1, done: 2, actionsSucceeded: 1, lastAt: '2026-11-19T00:00:00.000Z' },
    ],
    syncStates: [],
  };
  const tower = assembleControlTower(input);

  it('when rows of a project outside the caller’s view slip in, then no figure counts them', () => {
    expect(tower.revenueAtRisk.byCurrency.map((c) => [c.currency, c.amountMinor])).toEqual([
      ['USD', 500],
      ['EUR', 70],
    ]);
  });

  it('when the revenue tile is drilled into, then the rows per currency add up to it exactly', () => {
    for (const c of tower.revenueAtRisk.byCurrency) {
      const d = revenueDrilldown(c.drilldown, { projects: input.projects, latest: input.revenueLatest });
      expect(d.rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBe(c.amountMinor);
      expect(new Set(d.rows.map((r) => r.currency))).toEqual(new Set([c.currency]));
    }
  });

  it('when the health trend is built, then today is the portfolio’s distribution and earlier days come from history', () => {
    const last = tower.health.trend.at(-1);
    expect(last).toMatchObject({ day: '2026-11-20', byBand: input.portfolio.byBand });
    expect(tower.health.trend.find((d) => d.day === '2026-11-15')?.byBand).toEqual({
      at_risk: 0,
      watch: 0,
      healthy: 1,
      unscored: 1,
    });
    expect(tower.health.trend).toHaveLength(30);
  });

  it('when recommendations were acted on, then the week’s counts and their drilldown key are there', () => {
    expect(tower.recommendationsActed).toMatchObject({
      accepted: 1,
      done: 2,
      actionsSucceeded: 1,
      projects: 1,
      drilldown: { metric: 'recommendations_acted' },
    });
    expect(tower.sla).toMatchObject({ compliance: null, definition: null, asOf: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../src/factories.ts';
import {
  type AnalyticsDayWrite,
  commsSeriesByDay,
  latestCommsSnapshots,
  latestRevenueSnapshots,
  replaceAnalyticsDays,
  revenueSeriesByDay,
} from '../src/queries/analytics.ts';
import { writeHealthScore } from '../src/queries/health-scores.ts';
import { latestHealthScores, listRiskRadarItems, syncRiskRadarItems } from '../src/queries/risk-radar.ts';
import { createTestDatabase, type TestDatabase } from '../src/test-db.ts';

/**
 * The shared reads of analytics and the radar over a real database: the newest day per project on
 * or before a date, series per day and currency, SLA summed from counts, scopes respected.
 */
let handle: TestDatabase;
type Scope = { accountScopeId: string; projectId: string };
let a: Scope;
let b: Scope;
let other: Scope;

const day = (date: string, currencies: Array<[string, number]>, sla: [number, number]): AnalyticsDayWrite => {
  const asOf = new Date(`${date}T23:59:59.999Z`);
  const base = { snapshotDate: date, periodDays: 30, asOf };
  return {
    snapshotDate: date,
    revenue: currencies.map(([currency, atRisk]) => ({
      ...base,
      currency,
      pipelineMinor: atRisk * 10,
      weightedPipelineMinor: 0,
      wonMinor: 0,
      lostMinor: 0,
      revenueAtRiskMinor: atRisk,
      openDeals: 1,
      wonDeals: 0,
      lostDeals: 0,
      details: {},
    })),
    delivery: [],
    comms: [
      {
        ...base,
        inboundMessages: sla[1],
        outboundMessages: 0,
        conversationsOpened: 0,
        conversationsResolved: 0,
        firstResponseP50Minutes: null,
        firstResponseP90Minutes: null,
        slaCompliance: sla[1] ? sla[0] / sla[1] : null,
        negativeShare: null,
        details: { sla: { met: sla[0], counted: sla[1] } },
      },
    ],
  };
};

beforeAll(async () => {
  handle = await createTestDatabase();
  const pa = await createProject(handle.db);
  const pb = await createProject(handle.db, { accountScopeId: pa.accountScopeId });
  const po = await createProject(handle.db);
  a = { accountScopeId: pa.accountScopeId, projectId: pa.id };
  b = { accountScopeId: pb.accountScopeId, projectId: pb.id };
  other = { accountScopeId: po.accountScopeId, projectId: po.id };
  await replaceAnalyticsDays(handle.db, a, [
    day('2025-07-01', [['USD', 100]], [1, 2]),
    day(
      '2025-07-02',
      [
        ['USD', 150],
        ['EUR', 40],
      ],
      [3, 4],
    ),
  ]);
  await replaceAnalyticsDays(handle.db, b, [day('2025-07-01', [['USD', 7]], [0, 1])]);
  await replaceAnalyticsDays(handle.db, other, [day('2025-07-02', [['USD', 999]], [9, 9])]);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('analytics reads', () => {
  it('when the latest rows are asked for a date, then each project gives its newest day on or before it, per currency', async () => {
    const rows = await latestRevenueSnapshots(handle.db, [a, b], '2025-07-02');
    expect(
      rows.map((r) => [r.projectId === a.projectId ? 'a' : 'b', r.snapshotDate, r.currency]).sort(),
    ).toEqual([
      ['a', '2025-07-02', 'EUR'],
      ['a', '2025-07-02', 'USD'],
      ['b', '2025-07-01', 'USD'],
    ]);
    const earlier = await latestRevenueSnapshots(handle.db, [a], '2025-07-01');
    expect(earlier.map((r) => r.revenueAtRiskMinor)).toEqual([100]);
    expect(await latestRevenueSnapshots(handle.db, [], '2025-07-02')).toEqual([]);
    expect((await latestCommsSnapshots(handle.db, [a, b], '2025-07-02')).length).toBe(2);
  });

  it('when a series is asked, then amounts are summed per day and currency over the projects only', async () => {
    const series = await revenueSeriesByDay(handle.db, [a, b], { from: '2025-07-01', to: '2025-07-02' });
    expect(series.map((p) => [p.date, p.currency, p.revenueAtRiskMinor, p.projects])).toEqual([
      ['2025-07-01', 'USD', 107, 2],
      ['2025-07-02', 'EUR', 40, 1],
      ['2025-07-02', 'USD', 150, 1],
    ]);
  });

  it('when SLA is summed over projects, then it is Σ met / Σ counted, not an average of shares', async () => {
    const series = await commsSeriesByDay(handle.db, [a, b], { from: '2025-07-01', to: '2025-07-01' });
    // a: 1/2, b: 0/1 → 1/3 (an average of shares would say 0.25).
    expect(series[0]).toMatchObject({ slaMet: 1, slaCounted: 3, slaCompliance: 1 / 3 });
  });

  it('when a day is written again, then a currency that disappeared leaves no row', async () => {
    await replaceAnalyticsDays(handle.db, a, [day('2025-07-02', [['USD', 150]], [3, 4])]);
    const rows = await latestRevenueSnapshots(handle.db, [a], '2025-07-02');
    expect(rows.map((r) => r.currency)).toEqual(['USD']);
  });
});

describe('radar and health reads', () => {
  it('when items are synced twice, then the missing one is closed and the newest health per project is read', async () => {
    const item = (dedupeKey: string) => ({
      dedupeKey,
      riskType: dedupeKey,
      title: dedupeKey,
      description: null,
      severity: 0.5,
      probability: null,
      exposureMinor: null,
      currency: null,
      mitigation: null,
      signalKeys: [],
      evidence: [],
      configVersion: 'v',
      asOf: new Date('2025-07-01T00:00:00Z'),
    });
    const first = await syncRiskRadarItems(
      handle.db,
      a,
      [item('x'), item('y')],
      new Date('2025-07-01T00:00:00Z'),
    );
    expect(first).toMatchObject({ opened: ['x', 'y'], closed: [], open: 2 });
    const second = await syncRiskRadarItems(handle.db, a, [item('y')], new Date('2025-07-02T00:00:00Z'));
    expect(second).toMatchObject({ opened: [], closed: ['x'], open: 1 });
    expect((await listRiskRadarItems(handle.db, [a])).map((i) => i.dedupeKey)).toEqual(['y']);
    expect((await listRiskRadarItems(handle.db, [a], { status: 'closed' })).map((i) => i.dedupeKey)).toEqual([
      'x',
    ]);

    const h = { components: [], topContributors: [], configVersion: 'v' };
    await writeHealthScore(handle.db, a, {
      ...h,
      score: 80,
      band: 'healthy',
      asOf: new Date('2025-07-01T00:00:00Z'),
    });
    await writeHealthScore(handle.db, a, {
      ...h,
      score: 40,
      band: 'at_risk',
      asOf: new Date('2025-07-02T00:00:00Z'),
    });
    await writeHealthScore(handle.db, b, {
      ...h,
      score: 90,
      band: 'healthy',
      asOf: new Date('2025-07-01T00:00:00Z'),
    });
    const latest = await latestHealthScores(handle.db, [a, b]);
    expect(latest.map((l) => [l.projectId === a.projectId ? 'a' : 'b', l.score]).sort()).toEqual([
      ['a', 40],
      ['b', 90],
    ]);
  });
});

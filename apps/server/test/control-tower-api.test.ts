import { manualClock } from '@keel/core/clock';
import { addProjectMember, createProject, createScore, createSignal } from '@keel/db/factories';
import { connectorSyncState } from '@keel/db/schema/connectors';
import { kagScoreHistory } from '@keel/db/schema/kag-core';
import { kagRiskForecasts, recommendationActionRuns, recommendationsV2 } from '@keel/db/schema/kag-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCommsSnapshot, insertRevenueSnapshot, RESPONSE_DEFINITION } from './analytics-rows.ts';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * GET /control-tower and GET /analytics/drilldown over HTTP and a real database: revenue at risk
 * is the sum of its drilldown rows per currency, the health numbers are the portfolio's and the
 * project page's, and a pm sees only their own projects' figures.
 */
const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
let t: TestApp;
let exec: Session;
let owner: Session;
let pm: Session;
let atlas: Awaited<ReturnType<typeof createProject>>;
let beacon: Awaited<ReturnType<typeof createProject>>;
let cobalt: Awaited<ReturnType<typeof createProject>>;

type Tower = {
  projects: number;
  health: {
    bands: { band: string; projects: number }[];
    averageHealth: number | null;
    trend: { day: string; byBand: Record<string, number> }[];
  };
  revenueAtRisk: {
    definition: string | null;
    byCurrency: {
      currency: string;
      amountMinor: number;
      projects: number;
      drilldown: Record<string, string>;
    }[];
    trend: { day: string; currency: string; amountMinor: number }[];
  };
  forecastMovers: { items: { projectId: string; change: number }[] };
  topRisks: { items: { projectId: string; reason: string }[] };
  sla: {
    compliance: number | null;
    definition: Record<string, unknown> | null;
    trend: { day: string; compliance: number | null }[];
    asOf: string | null;
  };
  recommendationsActed: { accepted: number; done: number; actionsSucceeded: number };
  freshness: { connectors: { connector: string; dataAsOf: string | null; projects: number }[] };
};
type Drill = {
  rows: {
    projectId: string;
    value: number | null;
    currency: string | null;
    deals: { id: string; atRiskMinor: number }[];
  }[];
  totals: { currency: string | null; value: number | null }[];
};

async function get(s: Session, url: string) {
  return t.app.inject({ method: 'GET', url, headers: authed(s) });
}
const tower = async (s: Session): Promise<Tower> => {
  const res = await get(s, '/control-tower');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
};
const drill = async (s: Session, query: string): Promise<Drill> => {
  const res = await get(s, `/analytics/drilldown?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
};

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'tower-ws' });
  const e = await seedUser(t, { role: 'exec', workspace: 'tower-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'tower-ws' });
  const db = t.deps.db;
  const ws = o.workspace.id;
  atlas = await createProject(db, { accountScopeId: ws, name: 'Atlas Rebuild' });
  beacon = await createProject(db, { accountScopeId: ws, name: 'Beacon Site' });
  cobalt = await createProject(db, { accountScopeId: ws, name: 'Cobalt App' });
  await addProjectMember(db, { projectId: atlas.id, userId: p.user.id });

  await createScore(db, atlas, { value: 42, asOf: daysAgo(0.1) });
  await createScore(db, beacon, { value: 88, asOf: daysAgo(0.1) });
  await db.insert(kagScoreHistory).values([
    {
      accountScopeId: ws,
      projectId: atlas.id,
      scoreType: 'health',
      value: 75,
      configVersion: 't',
      asOf: daysAgo(10),
    },
    {
      accountScopeId: ws,
      projectId: atlas.id,
      scoreType: 'health',
      value: 42,
      configVersion: 't',
      asOf: daysAgo(0.1),
    },
    {
      accountScopeId: ws,
      projectId: beacon.id,
      scoreType: 'health',
      value: 88,
      configVersion: 't',
      asOf: daysAgo(40),
    },
  ]);
  await createSignal(db, atlas, {
    key: 'client_waiting',
    severity: 0.8,
    sentence: 'A client has waited 30 hours.',
  });

  // Revenue: Atlas in USD (two deals) and EUR; Beacon in USD with a partial breakdown; an older day for the trend.
  await insertRevenueSnapshot(db, atlas, {
    day: '2026-11-20',
    currency: 'USD',
    atRiskMinor: 330_000,
    deals: [
      {
        dealId: 'd1',
        name: 'Phase 2',
        kind: 'open',
        amountMinor: 500_000,
        riskProbability: 0.6,
        atRiskMinor: 300_000,
      },
      {
        dealId: 'd2',
        name: 'Support',
        kind: 'renewal',
        amountMinor: 50_000,
        riskProbability: 0.6,
        atRiskMinor: 30_000,
      },
    ],
  });
  await insertRevenueSnapshot(db, atlas, {
    day: '2026-11-20',
    currency: 'EUR',
    atRiskMinor: 72_000,
    deals: [],
  });
  await insertRevenueSnapshot(db, atlas, {
    day: '2026-11-20',
    currency: 'USD',
    atRiskMinor: 1,
    periodDays: 7,
  });
  await insertRevenueSnapshot(db, atlas, { day: '2026-11-19', currency: 'USD', atRiskMinor: 100_000 });
  await insertRevenueSnapshot(db, beacon, {
    day: '2026-11-20',
    currency: 'USD',
    atRiskMinor: 25_001,
    deals: [
      {
        dealId: 'd3',
        name: 'Retainer',
        kind: 'open',
        amountMinor: 250_000,
        riskProbability: 0.1,
        atRiskMinor: 25_000,
      },
    ],
  });

  await insertCommsSnapshot(db, atlas, { day: '2026-11-20', slaCompliance: 0.5, inbound: 10 });
  await insertCommsSnapshot(db, beacon, { day: '2026-11-20', slaCompliance: 1, inbound: 30 });
  await insertCommsSnapshot(db, atlas, { day: '2026-11-19', slaCompliance: 0.4, inbound: 10 });

  await db.insert(kagRiskForecasts).values([
    {
      accountScopeId: ws,
      projectId: atlas.id,
      horizonDays: 14,
      probability: 0.2,
      modelVersion: 't',
      asOf: daysAgo(8),
    },
    {
      accountScopeId: ws,
      projectId: atlas.id,
      horizonDays: 14,
      probability: 0.65,
      modelVersion: 't',
      asOf: daysAgo(0.2),
    },
    {
      accountScopeId: ws,
      projectId: beacon.id,
      horizonDays: 14,
      probability: 0.3,
      modelVersion: 't',
      asOf: daysAgo(6),
    },
    {
      accountScopeId: ws,
      projectId: beacon.id,
      horizonDays: 14,
      probability: 0.1,
      modelVersion: 't',
      asOf: daysAgo(0.2),
    },
  ]);

  const [rec] = await db
    .insert(recommendationsV2)
    .values([
      {
        accountScopeId: ws,
        projectId: beacon.id,
        type: 'reply',
        title: 'Reply',
        body: 'b',
        status: 'done',
        priority: 0.5,
        severity: 0.5,
        confidence: 0.5,
        configVersion: 't',
        asOf: now,
        statusChangedAt: daysAgo(2),
      },
      {
        accountScopeId: ws,
        projectId: beacon.id,
        type: 'old',
        title: 'Old',
        body: 'b',
        status: 'done',
        priority: 0.5,
        severity: 0.5,
        confidence: 0.5,
        configVersion: 't',
        asOf: now,
        statusChangedAt: daysAgo(20),
      },
      {
        accountScopeId: ws,
        projectId: atlas.id,
        type: 'call',
        title: 'Call',
        body: 'b',
        status: 'accepted',
        priority: 0.5,
        severity: 0.5,
        confidence: 0.5,
        configVersion: 't',
        asOf: now,
        statusChangedAt: daysAgo(1),
      },
    ])
    .returning();
  await db.insert(recommendationActionRuns).values({
    accountScopeId: ws,
    projectId: beacon.id,
    recommendationId: rec?.id as string,
    actionType: 'send_message',
    idempotencyKey: 'tower-test-run',
    status: 'succeeded',
    finishedAt: daysAgo(2),
  });

  await db.insert(connectorSyncState).values([
    {
      accountScopeId: ws,
      projectId: atlas.id,
      connector: 'chatwoot',
      status: 'ok',
      lastSuccessAt: daysAgo(0.5),
    },
    {
      accountScopeId: ws,
      projectId: beacon.id,
      connector: 'chatwoot',
      status: 'ok',
      lastSuccessAt: daysAgo(0.25),
    },
  ]);

  owner = await login(t, o.email, o.password);
  exec = await login(t, e.email, e.password);
  pm = await login(t, p.email, p.password);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /control-tower', () => {
  it('when an exec asks, then every project of the workspace is in it, revenue per currency from the 30-day snapshots', async () => {
    const data = await tower(exec);
    expect(data.projects).toBe(3);
    expect(data.revenueAtRisk.byCurrency.map((c) => [c.currency, c.amountMinor, c.projects])).toEqual([
      ['USD', 355_001, 2],
      ['EUR', 72_000, 1],
    ]);
    expect(data.revenueAtRisk.definition).toBe('open and renewal deals × 30-day risk');
    expect(data.revenueAtRisk.trend).toEqual(
      expect.arrayContaining([
        { day: '2026-11-19', currency: 'USD', amountMinor: 100_000 },
        { day: '2026-11-20', currency: 'USD', amountMinor: 355_001 },
      ]),
    );
  });

  it('when revenue at risk is drilled into per currency, then the rows (and each row’s deals) add up to the tile exactly, in that currency only', async () => {
    const data = await tower(exec);
    for (const c of data.revenueAtRisk.byCurrency) {
      const d = await drill(exec, `metric=revenue_at_risk&currency=${c.currency}`);
      expect(d.rows.every((r) => r.currency === c.currency)).toBe(true);
      expect(d.rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBe(c.amountMinor);
      for (const r of d.rows) expect(r.deals.reduce((s, x) => s + x.atRiskMinor, 0)).toBe(r.value);
      expect(d.totals).toEqual([{ currency: c.currency, value: c.amountMinor }]);
    }
    const usd = await drill(exec, 'metric=revenue_at_risk&currency=USD');
    expect(usd.rows.map((r) => [r.projectId, r.deals.map((d) => [d.id, d.atRiskMinor])])).toEqual([
      [
        atlas.id,
        [
          ['d1', 300_000],
          ['d2', 30_000],
        ],
      ],
      // The writer's deals explain 25 000 of 25 001: the rest is named, not dropped.
      [
        beacon.id,
        [
          ['d3', 25_000],
          ['unattributed', 1],
        ],
      ],
    ]);
    // Unfiltered: one total per currency, never one sum over currencies.
    const all = await drill(exec, 'metric=revenue_at_risk');
    expect(all.totals).toEqual([
      { currency: 'USD', value: 355_001 },
      { currency: 'EUR', value: 72_000 },
    ]);
  });

  it('when the health distribution is read, then it is the portfolio’s, and each project’s health is its project page’s', async () => {
    const data = await tower(exec);
    const portfolio = (await get(exec, '/portfolio/overview?limit=500')).json().data;
    expect(Object.fromEntries(data.health.bands.map((b) => [b.band, b.projects]))).toEqual(
      portfolio.totals.byBand,
    );
    expect(data.health.averageHealth).toBe(portfolio.totals.averageHealth);
    expect(data.health.trend.at(-1)?.byBand).toEqual(portfolio.totals.byBand);

    const drilled = await drill(exec, 'metric=health_band');
    const byId = new Map(drilled.rows.map((r) => [r.projectId, r.value]));
    for (const p of portfolio.projects as { id: string; health: number | null }[])
      expect(byId.get(p.id)).toBe(p.health);

    // The project page's health for Atlas (GET /kag/scores for the selected project).
    const sel = await t.app.inject({
      method: 'POST',
      url: `/projects/${atlas.id}/select`,
      headers: authed(owner),
    });
    expect(sel.statusCode, sel.body).toBe(200);
    const scores = (await get(owner, '/kag/scores')).json().data.items as {
      scoreType: string;
      value: number;
    }[];
    expect(byId.get(atlas.id)).toBe(scores.find((s) => s.scoreType === 'health')?.value);
    expect((await drill(exec, 'metric=health_band&band=at_risk')).rows.map((r) => r.projectId)).toEqual([
      atlas.id,
    ]);
    // Ten days ago Atlas was healthy (75) and Beacon too; Cobalt had no score.
    const past = await drill(
      exec,
      `metric=health_band&day=${daysAgo(9).toISOString().slice(0, 10)}&band=healthy`,
    );
    expect(past.rows.map((r) => r.projectId).sort()).toEqual([atlas.id, beacon.id].sort());
  });

  it('when forecasts, SLA, recommendations and syncs are there, then each figure shows them with its definition and drilldown', async () => {
    const data = await tower(exec);
    expect(data.forecastMovers.items.map((m) => [m.projectId, m.change])).toEqual([
      [atlas.id, 0.45],
      [beacon.id, -0.2],
    ]);
    expect(data.topRisks.items[0]).toMatchObject({
      projectId: atlas.id,
      reason: 'A client has waited 30 hours.',
    });
    // (0.5 × 10 + 1 × 30) / 40
    expect(data.sla.compliance).toBe(0.875);
    expect(data.sla.definition).toEqual(RESPONSE_DEFINITION);
    expect(data.sla.trend.map((p) => [p.day, p.compliance])).toEqual([
      ['2026-11-19', 0.4],
      ['2026-11-20', 0.875],
    ]);
    expect(data.recommendationsActed).toMatchObject({ accepted: 1, done: 1, actionsSucceeded: 1 });
    expect(data.freshness.connectors).toEqual([
      expect.objectContaining({ connector: 'chatwoot', projects: 2, dataAsOf: daysAgo(0.5).toISOString() }),
    ]);
    const sla = await drill(exec, 'metric=sla_compliance');
    expect(sla.totals[0]?.value).toBe(0.875);
    expect(
      (await drill(exec, 'metric=recommendations_acted')).rows.map((r) => [r.projectId, r.value]),
    ).toEqual([
      [beacon.id, 2],
      [atlas.id, 1],
    ]);
  });
});

describe('scope', () => {
  it('when a pm asks, then only their project’s figures are in the tower and its drilldowns', async () => {
    const data = await tower(pm);
    expect(data.projects).toBe(1);
    expect(data.revenueAtRisk.byCurrency.map((c) => [c.currency, c.amountMinor])).toEqual([
      ['USD', 330_000],
      ['EUR', 72_000],
    ]);
    expect(data.forecastMovers.items.map((m) => m.projectId)).toEqual([atlas.id]);
    expect(data.sla.compliance).toBe(0.5);
    expect(data.recommendationsActed).toMatchObject({ accepted: 1, done: 0, actionsSucceeded: 0 });
    expect(data.freshness.connectors[0]?.projects).toBe(1);
    for (const metric of [
      'revenue_at_risk',
      'health_band',
      'sla_compliance',
      'recommendations_acted',
      'connector_freshness',
      'forecast_movers',
      'top_risks',
    ]) {
      const d = await drill(pm, `metric=${metric}`);
      expect(
        d.rows.every((r) => r.projectId === atlas.id),
        metric,
      ).toBe(true);
    }
    expect(cobalt.id).not.toBe(atlas.id);
  });

  it('when nobody is signed in, then 401; when the metric or filters are wrong, then 400 with the envelope', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/control-tower' })).statusCode).toBe(401);
    for (const q of [
      'metric=nope',
      'metric=revenue_at_risk&currency=dollars',
      'metric=health_band&day=yesterday',
      '',
    ]) {
      const res = await get(exec, `/analytics/drilldown?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ ok: false });
    }
  });
});

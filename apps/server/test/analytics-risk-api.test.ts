import { manualClock } from '@keel/core/clock';
import { addProjectMember, createConversation, createMessage, createProject } from '@keel/db/factories';
import { crmOpportunities } from '@keel/db/schema/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * POST /risk/refresh, GET /risk/overview, POST /analytics/refresh, GET /analytics/overview over
 * HTTP and a real database: viewers read, only pms and owners refresh; money is per currency and
 * the response-time definition travels with the comms figures.
 */
const now = new Date('2025-06-20T12:00:00Z');
let t: TestApp;
let owner: Session;
let viewer: Session;
let project: Awaited<ReturnType<typeof createProject>>;

type Envelope<T> = { ok: boolean; data: T; error?: string };
const as = (s: Session) => ({ ...authed(s), 'x-project-id': project.id });

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'analytics-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'analytics-ws' });
  const db = t.deps.db;
  project = await createProject(db, {
    accountScopeId: o.workspace.id,
    name: 'Apollo',
    clientName: 'Acme',
    settings: { timezone: 'Europe/Berlin' },
  });
  await addProjectMember(db, { projectId: project.id, userId: v.user.id, role: 'viewer' });
  const ref = { id: project.id, accountScopeId: project.accountScopeId };
  const c = await createConversation(db, ref, { createdAtSource: new Date('2025-05-20T09:00:00Z') });
  for (let d = 20; d <= 50; d += 2) {
    await createMessage(db, ref, {
      cwConversationId: c.cwConversationId,
      createdAtSource: new Date(Date.UTC(2025, 4, d, 10)),
      content: 'Any news on the release?',
    });
  }
  await db.insert(crmOpportunities).values([
    {
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      source: 'manual',
      title: 'Phase 2',
      stage: 'Proposal',
      amountMinor: 1_000_000,
      currency: 'USD',
      createdAt: new Date('2025-05-20T09:00:00Z'),
    },
    {
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      source: 'manual',
      title: 'Retainer',
      stage: 'Proposal',
      amountMinor: 500_000,
      currency: 'EUR',
      createdAt: new Date('2025-05-21T09:00:00Z'),
    },
  ]);
  owner = await login(t, o.email, o.password);
  viewer = await login(t, v.email, v.password);
});

afterAll(async () => {
  await t?.close();
});

describe('risk and analytics endpoints', () => {
  it('when a viewer asks to refresh risk or analytics, then 403 with the envelope', async () => {
    for (const url of ['/risk/refresh', '/analytics/refresh']) {
      const res = await t.app.inject({ method: 'POST', url, headers: as(viewer) });
      expect(res.statusCode, url).toBe(403);
      expect((res.json() as Envelope<unknown>).ok).toBe(false);
    }
  });

  it('when nothing was computed yet, then a viewer reads empty overviews', async () => {
    const risk = await t.app.inject({ method: 'GET', url: '/risk/overview', headers: as(viewer) });
    expect(risk.statusCode, risk.body).toBe(200);
    expect((risk.json() as Envelope<{ items: unknown[]; exposure: unknown[] }>).data).toMatchObject({
      items: [],
      exposure: [],
      health: null,
    });
    const analytics = await t.app.inject({ method: 'GET', url: '/analytics/overview', headers: as(viewer) });
    expect(analytics.statusCode, analytics.body).toBe(200);
    expect((analytics.json() as Envelope<{ comms: unknown }>).data.comms).toBeNull();
  });

  it('when the owner refreshes analytics, then rows are written per currency and a viewer reads them with the definition', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/analytics/refresh', headers: as(owner) });
    expect(res.statusCode, res.body).toBe(200);
    const data = (res.json() as Envelope<{ date: string; days: number; rows: { revenue: number } }>).data;
    expect(data.date).toBe('2025-06-20');
    expect(data.days).toBeGreaterThan(1);
    // Two windows × two currencies a day, except the first day (2025-05-20): the EUR deal came a day later.
    expect(data.rows.revenue).toBe((data.days - 1) * 4 + 2);

    const read = await t.app.inject({
      method: 'GET',
      url: '/analytics/overview?periodDays=7',
      headers: as(viewer),
    });
    expect(read.statusCode, read.body).toBe(200);
    const o = (
      read.json() as Envelope<{
        periodDays: number;
        revenue: { byCurrency: Array<{ currency: string; pipelineMinor: number; periodDays: number }> };
        comms: { periodDays: number; details: { definition: { businessHours: { timezone: string } } } };
        responseTimeDefinition: { target: { minutes: number }; businessHours: { timezone: string } };
        series: { revenue: Array<{ currency: string }> };
      }>
    ).data;
    expect(o.periodDays).toBe(7);
    expect(o.revenue.byCurrency.map((r) => [r.currency, r.pipelineMinor, r.periodDays])).toEqual([
      ['EUR', 500_000, 7],
      ['USD', 1_000_000, 7],
    ]);
    expect(o.comms.details.definition.businessHours.timezone).toBe('Europe/Berlin');
    expect(o.responseTimeDefinition.businessHours.timezone).toBe('Europe/Berlin');
    expect(o.responseTimeDefinition.target.minutes).toBe(240);
    expect(new Set(o.series.revenue.map((p) => p.currency))).toEqual(new Set(['EUR', 'USD']));
  });

  it('when the owner refreshes the pipeline and the risk radar, then a viewer reads health, items and exposure per currency', async () => {
    const kag = await t.app.inject({ method: 'POST', url: '/kag/refresh', headers: as(owner) });
    expect(kag.statusCode, kag.body).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/risk/refresh', headers: as(owner) });
    expect(res.statusCode, res.body).toBe(200);
    const r = (res.json() as Envelope<{ open: number; health: { score: number } | null }>).data;
    expect(r.health?.score).toEqual(expect.any(Number));
    const read = await t.app.inject({ method: 'GET', url: '/risk/overview', headers: as(viewer) });
    expect(read.statusCode, read.body).toBe(200);
    const o = (
      read.json() as Envelope<{
        health: { score: number };
        items: Array<{ status: string; signalKeys: string[]; mitigation: string }>;
        exposure: Array<{ currency: string }>;
      }>
    ).data;
    expect(o.health.score).toBe(r.health?.score);
    expect(o.items).toHaveLength(r.open);
    // The client has been waiting since 2025-06-19: the radar says so.
    expect(o.items.some((i) => i.signalKeys.includes('client_waiting') && i.status === 'open')).toBe(true);
    expect(o.exposure.map((e) => e.currency).sort()).toEqual(['EUR', 'USD']);
  });

  it('when the overview is asked for a window that does not exist, then 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/analytics/overview?periodDays=9',
      headers: as(viewer),
    });
    expect(res.statusCode).toBe(400);
  });
});

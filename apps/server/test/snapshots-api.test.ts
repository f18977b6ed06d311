import { manualClock } from '@keel/core/clock';
import { addProjectMember, createConversation, createMessage, createProject } from '@keel/db/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * POST /kag/snapshots/refresh, GET /kag/snapshots, GET /kag/outcomes and the whole pipeline
 * behind POST /kag/refresh, over HTTP: pm and owner build, viewers read, pages follow cursors.
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
  const o = await seedUser(t, { role: 'owner', workspace: 'snap-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'snap-ws' });
  const db = t.deps.db;
  project = await createProject(db, { accountScopeId: o.workspace.id, name: 'Apollo', clientName: 'Acme' });
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
  owner = await login(t, o.email, o.password);
  viewer = await login(t, v.email, v.password);
});

afterAll(async () => {
  await t?.close();
});

describe('snapshot endpoints', () => {
  it('when a viewer asks to build snapshots or refresh, then 403; reading is allowed', async () => {
    for (const url of ['/kag/snapshots/refresh', '/kag/refresh']) {
      const res = await t.app.inject({ method: 'POST', url, headers: as(viewer) });
      expect(res.statusCode, url).toBe(403);
    }
    const res = await t.app.inject({ method: 'GET', url: '/kag/snapshots', headers: as(viewer) });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Envelope<{ items: unknown[] }>).data.items).toEqual([]);
  });

  it('when the owner refreshes, then the whole pipeline runs and reports graph and snapshot counts with its steps', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/kag/refresh', headers: as(owner) });
    expect(res.statusCode, res.body).toBe(200);
    const data = (res.json() as Envelope<Record<string, unknown>>).data;
    expect(data).toMatchObject({
      configVersion: expect.any(String),
      events: { inserted: expect.any(Number) },
      signals: expect.any(Object),
      health: expect.any(Number),
      recommendations: expect.any(Object),
      graph: { nodes: 2, edges: 1 },
      snapshots: { date: '2025-06-20', today: 'live', backfilled: 31, snapshots: 32 },
    });
    expect(
      (data.steps as Array<{ step: string; status: string }>).map((s) => `${s.step}:${s.status}`),
    ).toEqual([
      'refresh:done',
      'graph:done',
      'snapshots:done',
      'caseSignatures:done',
      'forecasts:done',
      'analytics:done',
      'risk:done',
      'legacy:done',
      'evidence:done',
    ]);
  });

  it('when snapshots are built again, then nothing is backfilled and today is rewritten from the refresh', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/kag/snapshots/refresh', headers: as(owner) });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Envelope<unknown>).data).toMatchObject({
      backfilled: 0,
      snapshots: 1,
      today: 'live',
      outcomes: 0,
      skipped: null,
    });
  });

  it('when snapshots are listed by a viewer, then they page newest first within the date range', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/kag/snapshots?from=2025-06-01&to=2025-06-20&limit=8${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url: q, headers: as(viewer) });
      expect(res.statusCode, res.body).toBe(200);
      const page = (
        res.json() as Envelope<{
          items: Array<{ snapshotDate: string; scores: unknown }>;
          nextCursor: string | null;
        }>
      ).data;
      seen.push(...page.items.map((s) => s.snapshotDate));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect(seen[0]).toBe('2025-06-20');
    expect(seen.at(-1)).toBe('2025-06-01');
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('when outcomes are listed, then only closed windows appear, filtered by horizon and paged', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/kag/outcomes?limit=200', headers: as(viewer) });
    expect(all.statusCode, all.body).toBe(200);
    const items = (all.json() as Envelope<{ items: Array<{ horizonDays: number; windowEnd: string }> }>).data
      .items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((o) => o.windowEnd < '2025-06-20')).toBe(true);
    const week = await t.app.inject({
      method: 'GET',
      url: '/kag/outcomes?horizon=7&limit=5',
      headers: as(viewer),
    });
    const page = (
      week.json() as Envelope<{ items: Array<{ horizonDays: number }>; nextCursor: string | null }>
    ).data;
    expect(page.items).toHaveLength(5);
    expect(page.items.every((o) => o.horizonDays === 7)).toBe(true);
    expect(page.nextCursor).not.toBeNull();
    const bad = await t.app.inject({ method: 'GET', url: '/kag/outcomes?horizon=9', headers: as(viewer) });
    expect(bad.statusCode).toBe(400);
  });
});

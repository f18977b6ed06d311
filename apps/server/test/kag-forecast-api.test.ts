import { manualClock } from '@keel/core/clock';
import { createProject } from '@keel/db/factories';
import { upsertProjectMember } from '@keel/db/queries/projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURVES, seedProjectHistory } from '../../../packages/app/test/forecast-fixtures.ts';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * Forecasts, similar cases and the track record over HTTP: viewers read, owners and project
 * managers refresh; everything is scoped to the project in X-Project-Id; a neighbour from a
 * project the caller cannot open keeps its outcome but not its name.
 */
const now = new Date('2026-11-20T12:00:00Z');
let t: TestApp;
let owner: Session;
let viewer: Session;
let pm: Session;
const projects: Array<{ id: string; name: string }> = [];

const call = (s: Session, method: 'GET' | 'POST', url: string, projectId: string) =>
  t.app.inject({ method, url, headers: { ...authed(s), 'x-project-id': projectId } });

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'forecast-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'forecast-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'forecast-ws' });
  const ws = o.workspace.id;
  for (const [i, curve] of ['rising', 'wave', 'calm', 'red'].entries()) {
    const project = await createProject(t.deps.db, { accountScopeId: ws, name: `${curve} ${i}` });
    const scope = { accountScopeId: ws, projectId: project.id };
    await seedProjectHistory(t.deps.db, scope, now, 60, CURVES[curve] as (typeof CURVES)['calm']);
    projects.push(project);
  }
  const first = { id: (projects[0] as { id: string }).id, accountScopeId: ws };
  await upsertProjectMember(t.deps.db, first, v.user.id, 'viewer');
  await upsertProjectMember(t.deps.db, first, p.user.id, 'pm');
  owner = await login(t, o.email, o.password);
  viewer = await login(t, v.email, v.password);
  pm = await login(t, p.email, p.password);
  for (const project of projects)
    expect((await call(owner, 'POST', '/kag/similarity/rebuild', project.id)).statusCode).toBe(200);
}, 180_000);
afterAll(async () => t?.close());

describe('forecast routes', () => {
  it('when a viewer refreshes, then 403; when a pm refreshes, then the three horizons come back with drivers', async () => {
    const id = (projects[0] as { id: string }).id;
    expect((await call(viewer, 'POST', '/kag/v2/forecast/refresh', id)).statusCode).toBe(403);
    const res = await call(pm, 'POST', '/kag/v2/forecast/refresh', id);
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data.items.map((f: { horizonDays: number }) => f.horizonDays)).toEqual([7, 14, 30]);
    expect(data.items[1].probability).toBeGreaterThan(0);
    expect(data.items[1].drivers.length).toBeGreaterThan(0);
    expect(typeof data.items[1].atRisk).toBe('boolean');
  });

  it('when a viewer reads the forecast, then the newest row per horizon answers', async () => {
    const id = (projects[0] as { id: string }).id;
    const res = await call(viewer, 'GET', '/kag/v2/forecast', id);
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data.items).toHaveLength(3);
    expect(data.atRiskThreshold14d).toBeGreaterThan(0);
    // Another project (never refreshed) has no forecast rows.
    const other = await call(owner, 'GET', '/kag/v2/forecast', (projects[1] as { id: string }).id);
    expect(other.json().data.items).toEqual([]);
  });

  it('when similar cases are read, then vector and exact agree and other projects’ names are hidden from a viewer', async () => {
    const id = (projects[0] as { id: string }).id;
    const auto = (await call(owner, 'GET', '/kag/similar-cases?k=5', id)).json().data;
    const exact = (await call(owner, 'GET', '/kag/similar-cases?k=5&mode=exact', id)).json().data;
    expect(auto.items.length).toBe(5);
    expect(auto.items).toEqual(exact.items);
    expect(auto.items.every((c: { projectName: string | null }) => c.projectName !== null)).toBe(true);
    const seen = (await call(viewer, 'GET', '/kag/similar-cases?k=5', id)).json().data;
    expect(seen.items.map((c: { snapshotId: string }) => c.snapshotId)).toEqual(
      auto.items.map((c: { snapshotId: string }) => c.snapshotId),
    );
    expect(
      seen.items.every(
        (c: { projectName: string | null; accessible: boolean }) => c.projectName === null && !c.accessible,
      ),
    ).toBe(true);
    expect((await call(owner, 'GET', '/kag/similar-cases?k=0', id)).statusCode).toBe(400);
  });

  it('when the portfolio is sorted by 14-day risk, then the forecast project leads with its probability', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/portfolio/overview?sort=risk14d',
      headers: authed(owner),
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().data.projects as Array<{
      id: string;
      risk14d: number | null;
      atRisk14d: boolean | null;
    }>;
    expect(rows[0]?.id).toBe((projects[0] as { id: string }).id);
    expect(rows[0]?.risk14d).toBeGreaterThan(0);
    expect(rows.slice(1).every((r) => r.risk14d === null && r.atRisk14d === null)).toBe(true);
    // The column's flag is the forecast's own (one rule, two views).
    const forecast = (await call(owner, 'GET', '/kag/v2/forecast', rows[0]?.id as string)).json().data;
    const h14 = forecast.items.find((f: { horizonDays: number }) => f.horizonDays === 14);
    expect(typeof h14.atRisk).toBe('boolean');
    expect(rows[0]?.atRisk14d).toBe(h14.atRisk);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/portfolio/overview?sort=name',
      headers: authed(owner),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('when signatures are rebuilt, then pm may and viewer may not', async () => {
    const id = (projects[0] as { id: string }).id;
    expect((await call(viewer, 'POST', '/kag/similarity/rebuild', id)).statusCode).toBe(403);
    const res = await call(pm, 'POST', '/kag/similarity/rebuild', id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ snapshots: 60, written: 60, removedOldVersions: 0 });
  });

  it('when the track record is read twice, then it has 10 bins per horizon and the second read is cached', async () => {
    const id = (projects[0] as { id: string }).id;
    const first = await call(viewer, 'GET', '/kag/v2/forecast/track-record', id);
    expect(first.statusCode, first.body).toBe(200);
    const tr = first.json().data;
    expect(tr.cached).toBe(false);
    expect(tr.horizons.map((h: { horizonDays: number }) => h.horizonDays)).toEqual([7, 14, 30]);
    for (const h of tr.horizons) expect(h.bins).toHaveLength(10);
    expect(tr.horizons[0].labelled).toBeGreaterThan(30);
    const second = (await call(viewer, 'GET', '/kag/v2/forecast/track-record', id)).json().data;
    expect(second.cached).toBe(true);
    expect(second.horizons).toEqual(tr.horizons);
  });
});

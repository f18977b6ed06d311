import { manualClock } from '@keel/core/clock';
import { makeEvent } from '@keel/core/events';
import { addProjectMember, createProject } from '@keel/db/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * GET /portfolio/overview with the read cache on, as in production: kept per caller and page
 * until an event of the workspace; what one caller sees never answers another.
 */
const now = new Date('2026-11-18T12:00:00Z');
let t: TestApp;
let owner: Session;
let viewer: Session;
let workspaceId: string;

const names = async (s: Session, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/portfolio/overview${query}`, headers: authed(s) });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: { projects: Array<{ name: string }> } }).data.projects
    .map((p) => p.name)
    .sort();
};

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now), readCacheTtlMs: 60_000 });
  const o = await seedUser(t, { role: 'owner', workspace: 'portfolio-cache-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'portfolio-cache-ws' });
  workspaceId = o.workspace.id;
  const atlas = await createProject(t.deps.db, {
    accountScopeId: workspaceId,
    name: 'Atlas',
    clientName: 'Atlas',
  });
  await addProjectMember(t.deps.db, { projectId: atlas.id, userId: v.user.id, role: 'viewer' });
  owner = await login(t, o.email, o.password);
  viewer = await login(t, v.email, v.password);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('portfolio overview through the read cache', () => {
  it('when nothing announced a change, then the overview is answered from the cache; an event of the workspace empties it', async () => {
    expect(await names(owner)).toEqual(['Atlas']);
    // Written behind the API's back: no event, so the cached overview cannot know of it.
    await createProject(t.deps.db, { accountScopeId: workspaceId, name: 'Borealis', clientName: 'Borealis' });
    expect(await names(owner)).toEqual(['Atlas']);
    await t.deps.bus.publish(
      makeEvent(
        'kag.refreshed',
        { accountScopeId: workspaceId, projectId: null },
        { health: 80, risk: 10, signals: 0 },
        now,
      ),
    );
    expect(await names(owner)).toEqual(['Atlas', 'Borealis']);
  });

  it('when the owner and a viewer ask, then each gets their own entry: the viewer never sees the owner’s projects', async () => {
    expect(await names(owner)).toEqual(['Atlas', 'Borealis']);
    expect(await names(viewer)).toEqual(['Atlas']);
    expect(await names(owner, '?limit=1')).toHaveLength(1);
  });
});

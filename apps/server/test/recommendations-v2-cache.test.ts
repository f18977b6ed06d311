import { manualClock } from '@keel/core/clock';
import { addProjectMember, createProject } from '@keel/db/factories';
import { recommendationsV2 } from '@keel/db/schema/kag-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * GET /kag/v2/recommendations with the read cache on, as in production: the list is kept per
 * caller until an event of the workspace, and whoever acts reads the change in the very next
 * request (publishing empties this process's entries before the action is answered).
 */
const now = new Date('2026-11-18T12:00:00Z');
let t: TestApp;
let owner: Session;
let pm: Session;
let viewer: Session;
let atlas: Awaited<ReturnType<typeof createProject>>;

type Rec = { id: string; status: string; type: string; canAct: boolean };
const list = async (s: Session, query = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/kag/v2/recommendations${query}`,
    headers: authed(s),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: { items: Rec[] } }).data.items;
};
const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: authed(s), payload });

/** A row written behind the API's back: no event, so a cached list cannot know of it. */
async function insertRow(type: string, priority: number) {
  const [row] = await t.deps.db
    .insert(recommendationsV2)
    .values({
      accountScopeId: owner.accountScopeId,
      projectId: atlas.id,
      type,
      subjectKey: type,
      title: `Do ${type}`,
      body: '…',
      priority,
      severity: 0.7,
      confidence: 0.75,
      configVersion: 't',
      asOf: now,
    })
    .returning({ id: recommendationsV2.id });
  if (!row) throw new Error('insert failed');
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now), readCacheTtlMs: 60_000 });
  const o = await seedUser(t, { role: 'owner', workspace: 'recs-cache-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'recs-cache-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'recs-cache-ws' });
  atlas = await createProject(t.deps.db, {
    accountScopeId: o.workspace.id,
    name: 'Atlas',
    clientName: 'Atlas',
  });
  await addProjectMember(t.deps.db, { projectId: atlas.id, userId: p.user.id, role: 'pm' });
  await addProjectMember(t.deps.db, { projectId: atlas.id, userId: v.user.id, role: 'viewer' });
  owner = await login(t, o.email, o.password);
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('recommendations v2 list through the read cache', () => {
  it('when nothing announced a change, then the list is answered from the cache (a row written directly stays unseen)', async () => {
    const first = await insertRow('triage_bugs', 0.5);
    expect((await list(pm)).map((r) => r.id)).toEqual([first]);
    await insertRow('chase_invoice', 0.9);
    expect((await list(pm)).map((r) => r.id)).toEqual([first]);
  });

  it('when the pm acts on a row, then their very next list shows it, and so does everyone else’s', async () => {
    const before = await list(pm);
    const [top] = before;
    if (!top) throw new Error('no recommendation');
    await list(owner); // the owner's own entry, cached too
    const accepted = await post(pm, `/kag/v2/recommendations/${top.id}/status`, { status: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // The action's event emptied the workspace's entries: the direct insert shows now as well.
    const after = await list(pm);
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.id === top.id)?.status).toBe('accepted');
    expect((await list(owner)).find((r) => r.id === top.id)?.status).toBe('accepted');

    const dismiss = after.find((r) => r.id !== top.id);
    if (!dismiss) throw new Error('no second recommendation');
    const dismissed = await post(pm, `/kag/v2/recommendations/${dismiss.id}/status`, {
      status: 'dismissed',
      reason: 'Not ours',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect((await list(pm)).map((r) => r.id)).toEqual([top.id]);
  });

  it('when callers differ, then each has their own entry: the pm may act on a row, the viewer may not', async () => {
    const asPm = await list(pm, '?status=accepted');
    const asViewer = await list(viewer, '?status=accepted');
    expect(asPm.map((r) => r.id)).toEqual(asViewer.map((r) => r.id));
    expect(asPm.length).toBeGreaterThan(0);
    expect(asPm.every((r) => r.canAct)).toBe(true);
    expect(asViewer.some((r) => r.canAct)).toBe(false);
  });
});

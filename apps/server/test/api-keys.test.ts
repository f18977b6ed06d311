import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@keel/app/auth/api-keys';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let owner: Session;
let projectA: { id: string };
let projectB: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const u = await seedUser(t, { role: 'owner', workspace: 'keys-ws' });
  owner = await login(t, u.email, u.password);
  projectA = await createAndSelectProject(t, owner, 'Keys A');
  projectB = await createAndSelectProject(t, owner, 'Keys B');
});
afterAll(async () => {
  await t?.close();
});

async function createKey(payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api-keys', headers: authed(owner), payload });
  expect(res.statusCode).toBe(201);
  return (res.json() as { data: { id: string; key: string; prefix: string } }).data;
}

function withKey(key: string, projectId?: string): Record<string, string> {
  return { authorization: `Bearer ${key}`, ...(projectId ? { 'x-project-id': projectId } : {}) };
}

describe('API keys', () => {
  it('when an owner revokes a key, then its very next call is refused with 401 and the envelope', async () => {
    const k = await createKey({ name: 'ci' });
    const before = await t.app.inject({ method: 'GET', url: '/auth/me', headers: withKey(k.key) });
    expect(before.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api-keys', headers: authed(owner) });
    expect(list.statusCode).toBe(200);
    const listed = (list.json() as { data: { keys: { id: string; status: string }[] } }).data.keys;
    expect(listed.find((x) => x.id === k.id)?.status).toBe('active');
    expect(list.body).not.toContain(k.key);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api-keys/${k.id}/revoke`,
      headers: authed(owner),
    });
    expect(revoke.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/auth/me', headers: withKey(k.key) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ ok: false, error: 'unauthorized', request_id: expect.any(String) });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api-keys/${k.id}/revoke`,
      headers: authed(owner),
    });
    expect(again.statusCode).toBe(404);
    const relisted = await t.app.inject({ method: 'GET', url: '/api-keys', headers: authed(owner) });
    const row = (relisted.json() as { data: { keys: { id: string; status: string }[] } }).data.keys;
    expect(row.find((x) => x.id === k.id)?.status).toBe('revoked');
  });

  it('when a key has expired, then it is refused with 401', async () => {
    const expired = await createApiKey(t.db.db, {
      accountScopeId: owner.accountScopeId,
      userId: owner.userId,
      name: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await t.app.inject({ method: 'GET', url: '/auth/me', headers: withKey(expired.key) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    const created = await createKey({ name: 'soon', expiresInDays: 30 });
    const ok = await t.app.inject({ method: 'GET', url: '/auth/me', headers: withKey(created.key) });
    expect(ok.statusCode).toBe(200);
  });

  it('when a read-only key reads, then 200; when it mutates over REST or tRPC, then 403', async () => {
    const k = await createKey({ name: 'reader', readOnly: true });
    const read = await t.app.inject({ method: 'GET', url: '/projects', headers: withKey(k.key) });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: withKey(k.key),
      payload: { name: 'Nope' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ ok: false, error: 'forbidden' });
    const trpc = await t.app.inject({
      method: 'POST',
      url: '/trpc/projects.create',
      headers: withKey(k.key),
      payload: { name: 'Nope' },
    });
    expect(trpc.statusCode).toBe(403);
  });

  it('when a key is scoped to one project, then that project works and another project or a workspace-wide route is 403', async () => {
    const k = await createKey({ name: 'scoped', projectIds: [projectA.id] });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/contacts',
      headers: withKey(k.key, projectA.id),
    });
    expect(mine.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'GET',
      url: '/contacts',
      headers: withKey(k.key, projectB.id),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ ok: false, error: 'forbidden' });
    const wide = await t.app.inject({ method: 'GET', url: '/projects', headers: withKey(k.key) });
    expect(wide.statusCode).toBe(403);
  });

  it('when a project manager or a viewer manages keys, then 403', async () => {
    for (const role of ['pm', 'viewer'] as const) {
      const u = await seedUser(t, { role, workspace: 'keys-ws' });
      const s = await login(t, u.email, u.password);
      const list = await t.app.inject({ method: 'GET', url: '/api-keys', headers: authed(s) });
      expect(list.statusCode).toBe(403);
      const create = await t.app.inject({
        method: 'POST',
        url: '/api-keys',
        headers: authed(s),
        payload: { name: 'x' },
      });
      expect(create.statusCode).toBe(403);
    }
  });

  it("when an owner revokes another workspace's key by id, then 404 and the key keeps working", async () => {
    const other = await seedUser(t, { role: 'owner', workspace: 'other-keys-ws' });
    const otherSession = await login(t, other.email, other.password);
    const theirs = await createApiKey(t.db.db, {
      accountScopeId: otherSession.accountScopeId,
      userId: otherSession.userId,
      name: 'theirs',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api-keys/${theirs.id}/revoke`,
      headers: authed(owner),
    });
    expect(res.statusCode).toBe(404);
    const still = await t.app.inject({ method: 'GET', url: '/auth/me', headers: withKey(theirs.key) });
    expect(still.statusCode).toBe(200);
  });
});

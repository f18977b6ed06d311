import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, userSessions, users } from '@keel/db/schema/platform';
import { createApiKey } from '@keel/app/auth/api-keys';
import { authed, createAndSelectProject, createTestApp, login, seedUser, type TestApp } from './helpers.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_SECONDS: '600' } });
});
afterAll(async () => {
  await t?.close();
});

describe('sessions', () => {
  it('when a user signs in, then the cookie is httpOnly, SameSite=Lax, 14 days, and the id has ≥128 bits', async () => {
    const u = await seedUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'keel_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.maxAge).toBe(14 * 86_400);
    expect(cookie?.path).toBe('/');
    expect(Buffer.from(cookie?.value ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);
    const [row] = await t.db.db.select().from(users).where(eq(users.email, u.email));
    expect(row?.passwordHash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
  });

  it('when a signed-in browser signs in again, then the old session is rotated out', async () => {
    const u = await seedUser(t);
    const first = await login(t, u.email, u.password);
    const second = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { cookie: first.cookie },
      payload: { email: u.email, password: u.password },
    });
    expect(second.statusCode).toBe(200);
    const newCookie = second.cookies.find((c) => c.name === 'keel_session')?.value;
    expect(`keel_session=${newCookie}`).not.toBe(first.cookie);
    const old = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
  });

  it('when a user signs out, then the session row is deleted and the cookie no longer works', async () => {
    const u = await seedUser(t);
    const s = await login(t, u.email, u.password);
    const before = await t.db.db.select().from(userSessions).where(eq(userSessions.userId, s.userId));
    expect(before).toHaveLength(1);
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: authed(s) });
    expect(out.statusCode).toBe(200);
    const after = await t.db.db.select().from(userSessions).where(eq(userSessions.userId, s.userId));
    expect(after).toHaveLength(0);
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('when the password is wrong, then 401 with an actionable message and no cookie', async () => {
    const u = await seedUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: u.email, password: 'nope-nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      ok: false,
      error: 'unauthorized',
      message: 'E-mail or password is incorrect.',
    });
    expect(res.cookies.find((c) => c.name === 'keel_session')).toBeUndefined();
  });

  it('when an account fails too often, then further attempts get 429 even with the right password', async () => {
    const u = await seedUser(t);
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: u.email, password: 'wrong-one' },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: u.email, password: u.password },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('600');
    expect(blocked.json()).toMatchObject({ ok: false, error: 'rate_limited' });
  });

  it('when a mutation carries a wrong CSRF token, then 403; with the right one, then it succeeds', async () => {
    const u = await seedUser(t);
    const s = await login(t, u.email, u.password);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'X' },
    });
    expect(bad.statusCode).toBe(403);
    const good = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: authed(s),
      payload: { name: 'X' },
    });
    expect(good.statusCode).toBe(201);
  });

  it('when a tRPC mutation is posted with the cookie and no CSRF token, then it is refused too', async () => {
    const u = await seedUser(t);
    const s = await login(t, u.email, u.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/projects.create',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Sneaky' }),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('when a script sends a valid key, then it is authenticated without CSRF and scoped by X-Project-Id', async () => {
    const u = await seedUser(t, { workspace: 'ws-keys' });
    const s = await login(t, u.email, u.password);
    const project = await createAndSelectProject(t, s, 'Key Project');
    const key = await createApiKey(t.deps.db, {
      accountScopeId: s.accountScopeId,
      userId: s.userId,
      name: 'ci',
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${key.key}`, 'x-project-id': project.id },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ data: { via: 'api_key', activeProjectId: project.id } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: { authorization: `Bearer ${key.key}` },
      payload: { name: 'From script' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('when the key is unknown or malformed, then 401', async () => {
    const a = await t.app.inject({
      method: 'GET',
      url: '/projects',
      headers: { authorization: 'Bearer keel_not-a-real-key' },
    });
    expect(a.statusCode).toBe(401);
    const b = await t.app.inject({
      method: 'GET',
      url: '/projects',
      headers: { authorization: 'Basic abc' },
    });
    expect(b.statusCode).toBe(401);
  });
});

describe('workspace and project isolation', () => {
  it("when a user tries another workspace's project by id, then it is refused everywhere", async () => {
    const a = await seedUser(t, { workspace: 'ws-a' });
    const b = await seedUser(t, { workspace: 'ws-b' });
    const sa = await login(t, a.email, a.password);
    const sb = await login(t, b.email, b.password);
    const projectA = await createAndSelectProject(t, sa, 'Secret A');
    const select = await t.app.inject({
      method: 'POST',
      url: `/projects/${projectA.id}/select`,
      headers: authed(sb),
    });
    expect(select.statusCode).toBe(404);
    const header = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { ...authed(sb), 'x-project-id': projectA.id },
    });
    expect(header.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/projects', headers: authed(sb) });
    expect(JSON.stringify(list.json())).not.toContain(projectA.id);
    const audit = await t.app.inject({ method: 'GET', url: '/audit', headers: authed(sb) });
    expect(JSON.stringify(audit.json())).not.toContain(projectA.id);
  });

  it('when a pm is not a member of a project, then they cannot see or select it; a viewer cannot create projects', async () => {
    const owner = await seedUser(t, { workspace: 'ws-roles' });
    const pm = await seedUser(t, { workspace: 'ws-roles', role: 'pm' });
    const viewer = await seedUser(t, { workspace: 'ws-roles', role: 'viewer' });
    const so = await login(t, owner.email, owner.password);
    const project = await createAndSelectProject(t, so, 'Owner only');
    const sp = await login(t, pm.email, pm.password);
    const list = await t.app.inject({ method: 'GET', url: '/projects', headers: authed(sp) });
    expect((list.json() as { data: { projects: unknown[] } }).data.projects).toHaveLength(0);
    const sel = await t.app.inject({
      method: 'POST',
      url: `/projects/${project.id}/select`,
      headers: authed(sp),
    });
    expect(sel.statusCode).toBe(404);
    const sv = await login(t, viewer.email, viewer.password);
    const create = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: authed(sv),
      payload: { name: 'Nope' },
    });
    expect(create.statusCode).toBe(403);
  });
});

describe('audit', () => {
  it('when a user signs in and creates a project, then both are in the audit trail', async () => {
    const u = await seedUser(t, { workspace: 'ws-audit' });
    const s = await login(t, u.email, u.password);
    const p = await createAndSelectProject(t, s, 'Audited');
    const rows = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.accountScopeId, s.accountScopeId));
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'project.create', 'project.select']));
    const res = await t.app.inject({ method: 'GET', url: '/audit?limit=10', headers: authed(s) });
    expect(res.statusCode).toBe(200);
    const events = (res.json() as { data: { events: { action: string; entityId: string | null }[] } }).data
      .events;
    expect(events.find((e) => e.action === 'project.create')?.entityId).toBe(p.id);
  });
});

describe('workspaces', () => {
  it('when a user belongs to two workspaces, then they can list and switch, and the active project is cleared', async () => {
    const u = await seedUser(t, { workspace: 'ws-one' });
    const { ensureUser } = await import('@keel/app/services/users');
    await ensureUser(t.deps.db, {
      email: u.email,
      name: 'x',
      password: u.password,
      workspaceSlug: 'ws-two',
      workspaceName: 'Two',
      role: 'pm',
    });
    const s = await login(t, u.email, u.password);
    await createAndSelectProject(t, s, 'In one');
    const list = await t.app.inject({ method: 'GET', url: '/auth/workspaces', headers: authed(s) });
    const workspaces = (list.json() as { data: { workspaces: { id: string; slug: string; role: string }[] } })
      .data.workspaces;
    expect(workspaces.map((w) => w.slug).sort()).toEqual(['ws-one', 'ws-two']);
    const two = workspaces.find((w) => w.slug === 'ws-two');
    const sw = await t.app.inject({
      method: 'POST',
      url: '/auth/workspace',
      headers: authed(s),
      payload: { accountScopeId: two?.id },
    });
    expect(sw.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: authed(s) });
    expect(me.json()).toMatchObject({
      data: { workspace: { slug: 'ws-two' }, workspaceRole: 'pm', activeProjectId: null },
    });
    const stranger = await seedUser(t, { workspace: 'ws-stranger' });
    const strangerSession = await login(t, stranger.email, stranger.password);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/auth/workspace',
      headers: authed(strangerSession),
      payload: { accountScopeId: two?.id },
    });
    expect(denied.statusCode).toBe(404);
  });

  it('when audit events are listed, then each names its actor and project, and a prefix filter works', async () => {
    const u = await seedUser(t, { workspace: 'ws-audit-2' });
    const s = await login(t, u.email, u.password);
    await createAndSelectProject(t, s, 'Named project');
    const res = await t.app.inject({
      method: 'GET',
      url: '/audit?actionPrefix=project.',
      headers: authed(s),
    });
    const events = (
      res.json() as {
        data: { events: { action: string; actor: { email: string } | null; projectName: string | null }[] };
      }
    ).data.events;
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.action.startsWith('project.'))).toBe(true);
    expect(events[0]?.actor?.email).toBe(u.email);
    expect(events[0]?.projectName).toBe('Named project');
  });
});

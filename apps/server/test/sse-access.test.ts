import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { projectMembers, userSessions } from '@keel/db/schema/platform';
import { authed, createAndSelectProject, login, seedUser, type Session } from './helpers.ts';
import { createListeningApp, openSse } from './sse-support.ts';

/**
 * Live streams end with the access they were opened with: sign-out and key revocation close them
 * at once (the `access.revoked` bus event reaches every server); expiry and removal from a
 * project are caught by the periodic re-check (shortened here to 200 ms).
 */
let t: Awaited<ReturnType<typeof createListeningApp>>;
let owner: Session;
let project: { id: string };

const within = (ms: number, closed: Promise<void>) =>
  Promise.race([
    closed.then(() => 'closed' as const),
    new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms)),
  ]);

beforeAll(async () => {
  t = await createListeningApp({ heartbeatMs: 100, revalidateMs: 200 });
  const o = await seedUser(t, { role: 'owner', workspace: 'ws-sse-access' });
  owner = await login(t, o.email, o.password);
  project = await createAndSelectProject(t, owner);
});
afterAll(async () => {
  await t?.close();
});

describe('streams that end with their access', () => {
  it('when the user signs out, then their open stream closes within seconds and a new one is refused', async () => {
    const u = await seedUser(t, { role: 'owner', workspace: 'ws-sse-access' });
    const s = await login(t, u.email, u.password);
    const stream = await openSse(t.url, { cookie: s.cookie });
    expect(stream.status).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: authed(s) });
    expect(out.statusCode).toBe(200);
    expect(await within(3_000, stream.closed)).toBe('closed');
    const again = await openSse(t.url, { cookie: s.cookie });
    expect(again.status).toBe(401);
    again.close();
  });

  it('when an API key is revoked, then the stream opened with it closes within seconds', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api-keys',
      headers: authed(owner),
      payload: { name: 'stream key' },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json().data as { id: string; key: string };
    const stream = await openSse(t.url, { authorization: `Bearer ${key.key}`, 'x-project-id': project.id });
    expect(stream.status).toBe(200);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api-keys/${key.id}/revoke`,
      headers: authed(owner),
    });
    expect(revoked.statusCode).toBe(200);
    expect(await within(3_000, stream.closed)).toBe('closed');
  });

  it('when the session expires, then the re-check closes the stream', async () => {
    const u = await seedUser(t, { role: 'owner', workspace: 'ws-sse-access' });
    const s = await login(t, u.email, u.password);
    const stream = await openSse(t.url, { cookie: s.cookie });
    expect(stream.status).toBe(200);
    await t.deps.db
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.userId, s.userId));
    expect(await within(3_000, stream.closed)).toBe('closed');
  });

  it('when a viewer is removed from the project, then the re-check closes their project stream; a stream with access stays open', async () => {
    const v = await seedUser(t, { role: 'viewer', workspace: 'ws-sse-access' });
    await t.deps.db.insert(projectMembers).values({
      accountScopeId: owner.accountScopeId,
      projectId: project.id,
      userId: v.user.id,
      role: 'viewer',
    });
    const s = await login(t, v.email, v.password);
    const selected = await t.app.inject({
      method: 'POST',
      url: `/projects/${project.id}/select`,
      headers: authed(s),
    });
    expect(selected.statusCode).toBe(200);
    const stream = await openSse(t.url, { cookie: s.cookie });
    const ownerStream = await openSse(t.url, { cookie: owner.cookie });
    expect(stream.status).toBe(200);
    await t.deps.db.delete(projectMembers).where(eq(projectMembers.userId, v.user.id));
    expect(await within(3_000, stream.closed)).toBe('closed');
    expect(await within(600, ownerStream.closed)).toBe('open');
    ownerStream.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProjectMember } from '@keel/db/queries/projects';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  type Session,
  seedUser,
  type TestApp,
} from './helpers.ts';

/**
 * Workspace-wide settings need the workspace's owner. Connector credentials and source bindings
 * serve every project of the workspace: a project manager of one project pointing Chatwoot at
 * their own server would read or rewrite every other project's conversations.
 */
let t: TestApp;
let owner: Session;
const sessions: Record<'pm' | 'exec' | 'viewer', Session> = {} as Record<'pm' | 'exec' | 'viewer', Session>;

const MUTATIONS = [
  [
    'PUT',
    '/connectors/linear/credentials',
    { token: 'lin_api_attacker_token', baseUrl: 'https://evil.example' },
  ],
  ['POST', '/connectors/linear/test', {}],
  ['POST', '/connectors/sources', { sourceKind: 'chatwoot_inbox', externalId: '9999' }],
  ['POST', '/connectors/sources/unbind', { sourceKind: 'chatwoot_inbox', externalId: '9999' }],
] as const;

beforeAll(async () => {
  t = await createTestApp();
  const o = await seedUser(t, { role: 'owner', workspace: 'ws-admin' });
  owner = await login(t, o.email, o.password);
  const pmUser = await seedUser(t, { role: 'pm', workspace: 'ws-admin' });
  sessions.pm = await login(t, pmUser.email, pmUser.password);
  // The pm's own project: they are its project manager.
  const project = await createAndSelectProject(t, sessions.pm);
  const execUser = await seedUser(t, { role: 'exec', workspace: 'ws-admin' });
  const viewerUser = await seedUser(t, { role: 'viewer', workspace: 'ws-admin' });
  await upsertProjectMember(
    t.deps.db,
    { id: project.id, accountScopeId: sessions.pm.accountScopeId },
    viewerUser.user.id,
    'viewer',
  );
  for (const [role, u] of [
    ['exec', execUser],
    ['viewer', viewerUser],
  ] as const) {
    const s = await login(t, u.email, u.password);
    const sel = await t.app.inject({
      method: 'POST',
      url: `/projects/${project.id}/select`,
      headers: authed(s),
    });
    expect(sel.statusCode).toBe(200);
    sessions[role] = s;
  }
  const ownerSel = await t.app.inject({
    method: 'POST',
    url: `/projects/${project.id}/select`,
    headers: authed(owner),
  });
  expect(ownerSel.statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('workspace-wide settings', () => {
  for (const role of ['pm', 'exec', 'viewer'] as const) {
    it.each(MUTATIONS)(
      `when a project ${role} calls %s %s, then 403 and nothing changes`,
      async (method, url, payload) => {
        const res = await t.app.inject({ method, url, headers: authed(sessions[role]), payload });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({
          ok: false,
          error: 'forbidden',
          message: expect.stringContaining('owner'),
        });
        const creds = await t.app.inject({
          method: 'GET',
          url: '/connectors/credentials',
          headers: authed(owner),
        });
        expect(JSON.stringify(creds.json())).not.toContain('evil.example');
      },
    );
  }

  it('when the workspace owner stores a credential, then it is accepted', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/connectors/linear/credentials',
      headers: authed(owner),
      payload: { token: 'lin_api_owner_token_123' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('when auth.me is asked, then the capabilities say who may manage the workspace', async () => {
    const me = async (s: Session) =>
      (await t.app.inject({ method: 'GET', url: '/auth/me', headers: authed(s) })).json().data.capabilities;
    expect(await me(owner)).toMatchObject({ manageWorkspace: true, writeProject: true });
    expect(await me(sessions.pm)).toMatchObject({ manageWorkspace: false, writeProject: true });
    expect(await me(sessions.exec)).toMatchObject({
      manageWorkspace: false,
      writeProject: false,
      readWorkspace: true,
    });
    expect(await me(sessions.viewer)).toMatchObject({ manageWorkspace: false, writeProject: false });
  });
});

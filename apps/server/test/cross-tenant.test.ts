import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/**
 * Two workspaces. Every id user A can read is collected from A's GET responses, then user B
 * tries every route with those ids (in paths and X-Project-Id): nothing of A's may come back,
 * and no mutation of B's may touch A's rows.
 */
let t: TestApp;
let a: Session;
let b: Session;
let projectA: { id: string };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

beforeAll(async () => {
  t = await createTestApp();
  const ua = await seedUser(t, { workspace: 'tenant-a' });
  const ub = await seedUser(t, { workspace: 'tenant-b' });
  a = await login(t, ua.email, ua.password);
  b = await login(t, ub.email, ub.password);
  projectA = await createAndSelectProject(t, a, 'Tenant A project');
  await createAndSelectProject(t, b, 'Tenant B project');
});
afterAll(async () => {
  await t?.close();
});

async function idsVisibleTo(s: Session): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const r of t.app.keelRoutes) {
    if (r.method !== 'GET' || r.pathParams.length > 0) continue;
    const res = await t.app.inject({ method: 'GET', url: r.path, headers: authed(s) });
    if (res.statusCode !== 200) continue;
    for (const m of res.body.matchAll(UUID)) ids.add(m[0].toLowerCase());
  }
  return ids;
}

describe('cross-workspace isolation over every route', () => {
  it("when B uses A's project id in X-Project-Id, then every route refuses with 403", async () => {
    for (const r of t.app.keelRoutes) {
      if (r.access === 'public') continue;
      const res = await t.app.inject({
        method: r.method,
        url: r.path.replace(/:([A-Za-z0-9_]+)/g, projectA.id),
        headers: { ...authed(b), 'x-project-id': projectA.id },
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it("when B calls routes with any id A can see, then no response contains A's ids and nothing succeeds on them", async () => {
    const aIds = await idsVisibleTo(a);
    const bIds = await idsVisibleTo(b);
    const foreign = [...aIds].filter((id) => !bIds.has(id) && id !== a.userId);
    expect(foreign).toContain(projectA.id);
    const withParams = t.app.keelRoutes.filter((r) => r.pathParams.length > 0 && r.access !== 'public');
    for (const r of withParams) {
      for (const id of foreign) {
        const res = await t.app.inject({
          method: r.method,
          url: r.path.replace(/:([A-Za-z0-9_]+)/g, id),
          headers: authed(b),
          payload: r.method === 'GET' ? undefined : {},
        });
        expect([400, 403, 404, 409], `${r.method} ${r.path} with ${id}: ${res.body}`).toContain(
          res.statusCode,
        );
      }
    }
    const seenByB = await idsVisibleTo(b);
    for (const id of foreign) expect(seenByB.has(id), `B can see ${id}`).toBe(false);
  });
});

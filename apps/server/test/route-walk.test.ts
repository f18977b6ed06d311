import fc from 'fast-check';
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
import { SEED_ENDPOINTS } from './seed-endpoints.ts';

/**
 * Walks the REST route table (generated from the tRPC procedures) and checks the security
 * and envelope contract on every route, so a new endpoint cannot forget them.
 */
let t: TestApp;
let session: Session;
let noProjectSession: Session;

const PUBLIC = new Set(['POST /auth/login']);

function fillPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '00000000-0000-4000-8000-000000000000');
}

function expectEnvelope(body: unknown, ok: boolean) {
  expect(body).toMatchObject({ ok, request_id: expect.any(String) });
  if (!ok)
    expect(body).toMatchObject({
      error: expect.any(String),
      message: expect.any(String),
      details: expect.any(Object),
    });
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await seedUser(t, { role: 'owner' });
  session = await login(t, owner.email, owner.password);
  await createAndSelectProject(t, session);
  noProjectSession = await login(t, owner.email, owner.password);
});

afterAll(async () => {
  await t?.close();
});

describe('REST route table', () => {
  it('when the table is built, then it holds the seed auth and project routes', () => {
    const keys = t.app.keelRoutes.map((r) => `${r.method} ${r.path}`);
    for (const k of [
      'POST /auth/login',
      'GET /auth/me',
      'POST /auth/logout',
      'GET /projects',
      'POST /projects',
      'POST /projects/:id/select',
      'GET /audit',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it('when called without credentials, then every non-public route answers 401 with the envelope', async () => {
    for (const r of t.app.keelRoutes) {
      if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
      const res = await t.app.inject({
        method: r.method,
        url: fillPath(r.path),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(401);
      expectEnvelope(res.json(), false);
    }
  });

  it('when a cookie-authenticated mutation has no CSRF token, then it answers 403', async () => {
    for (const r of t.app.keelRoutes) {
      if (r.method === 'GET' || PUBLIC.has(`${r.method} ${r.path}`)) continue;
      const res = await t.app.inject({
        method: r.method,
        url: fillPath(r.path),
        headers: { cookie: session.cookie },
        payload: {},
      });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(403);
      expect(res.json()).toMatchObject({ ok: false, error: 'csrf_failed' });
    }
  });

  it('when a project-scoped route is called without an active project, then it answers 409', async () => {
    const scoped = t.app.keelRoutes.filter((r) => r.access === 'project');
    for (const r of scoped) {
      const res = await t.app.inject({
        method: r.method,
        url: fillPath(r.path),
        headers: authed(noProjectSession),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(409);
      expect(res.json()).toMatchObject({ ok: false, error: 'project_required' });
    }
  });

  it('when a route does not exist, then 404 carries the envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/definitely/not/here' });
    expect(res.statusCode).toBe(404);
    expectEnvelope(res.json(), false);
  });

  it('when any route gets arbitrary params and bodies, then it never answers 5xx and always sends the envelope', async () => {
    const routes = t.app.keelRoutes.filter((r) => r.path !== '/auth/logout' && r.path !== '/auth/login');
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 6 }), jsonValue),
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }).filter((s) => /^[a-z_]+$/i.test(s)),
          fc.string({ maxLength: 20 }),
          { maxKeys: 4 },
        ),
        fc.string({ maxLength: 40 }),
        async (route, body, query, param) => {
          const path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(param) || 'x');
          const qs = new URLSearchParams(query).toString();
          const res = await t.app.inject({
            method: route.method,
            url: `${path}${qs ? `?${qs}` : ''}`,
            headers: { ...authed(session), 'content-type': 'application/json' },
            ...(route.method === 'GET' ? {} : { payload: JSON.stringify(body) }),
          });
          expect(res.statusCode, `${route.method} ${path} ${res.body}`).toBeLessThan(500);
          expectEnvelope(res.json(), res.statusCode < 400);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('when the body is not JSON or too large, then 400/413 come back in the envelope', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: { ...authed(session), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expectEnvelope(bad.json(), false);
    const big = await t.app.inject({
      method: 'POST',
      url: '/projects',
      headers: { ...authed(session), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(70 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expectEnvelope(big.json(), false);
  });

  it('when /openapi.json is requested, then it lists every route of the table', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of t.app.keelRoutes) {
      const p = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
  });
});

describe('the seed catalogue', () => {
  it('when the server is built, then every one of the seed endpoints is served and in /openapi.json', async () => {
    const served = new Set(t.app.keelRoutes.map((r) => `${r.method} ${r.path}`));
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const missing: string[] = [];
    const undocumented: string[] = [];
    for (const endpoint of SEED_ENDPOINTS) {
      const [method = '', path = ''] = endpoint.split(' ');
      const plain = t.app.hasRoute({ method: method as 'GET', url: path });
      if (!served.has(endpoint) && !plain) missing.push(endpoint);
      const openapiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      if (!doc.paths[openapiPath]?.[method.toLowerCase()]) undocumented.push(endpoint);
    }
    expect(SEED_ENDPOINTS).toHaveLength(91);
    expect(missing).toEqual([]);
    expect(undocumented).toEqual([]);
  });
});

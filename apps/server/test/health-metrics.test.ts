import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatWorkerRun, startWorkerRun } from '@keel/db/queries/jobs';
import { createTestApp, login, seedUser, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('/health and /metrics', () => {
  it('when the database is migrated, then /health answers 200 with db ok and the search mode', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { ok: boolean; data: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.data).toMatchObject({ db: 'ok', migrations: { ok: true } });
    const search = body.data.search as { mode: string; vector: { enabled: boolean } };
    expect(search.mode).toBe(
      t.db.kind === 'pglite' ? 'hybrid' : search.vector.enabled ? 'hybrid' : 'text-only',
    );
  });

  it('when a worker started its tick long ago but heart-beats now, then /health reports it seen now and ok', async () => {
    const now = Date.now();
    const id = await startWorkerRun(t.deps.db, {
      workerId: 'busy-worker',
      hostname: 'test',
      pid: 1,
      mode: 'loop',
      now: new Date(now - 30 * 60_000),
    });
    await heartbeatWorkerRun(t.deps.db, id, new Date(now));
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    const body = res.json() as { data: { worker: { lastSeenAt: string | null; ok: boolean } } };
    expect(body.data.worker).toEqual({ lastSeenAt: new Date(now).toISOString(), ok: true });
  });

  it('when requests were served, then /metrics exposes Prometheus text with route templates', async () => {
    const u = await seedUser(t);
    await login(t, u.email, u.password);
    await t.app.inject({ method: 'GET', url: '/projects' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('keel_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/route="\/auth\/login",status="200"/);
    expect(res.body).toContain('keel_sse_connections');
  });

  it('when any response is sent, then security headers and a request id are present', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-request-id']).toBe((res.json() as { request_id: string }).request_id);
  });

  it('when a browser from another origin asks, then CORS only allows CORS_ORIGIN', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/projects',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const denied = await t.app.inject({
      method: 'OPTIONS',
      url: '/projects',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});

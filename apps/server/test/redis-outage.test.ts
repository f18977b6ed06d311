import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { silentLogger } from '@keel/core/logger';
import { freePort, startTestRedis, type TestRedis } from '@keel/core/test-redis';
import { createTestDatabase } from '@keel/db/test-db';
import { type AppRuntime, createAppDeps } from '@keel/app/deps';
import { buildServer, type KeelServer } from '../src/build-server.ts';
import { authed, createAndSelectProject, login, seedUser, type TestApp } from './helpers.ts';
import { openSse } from './sse-support.ts';

/**
 * Redis outages (issue 13 item 6), with a redis-server of the test's own (never the machine's):
 * the server is built by the one composition root from a REDIS_URL, as main.ts builds it.
 */
type Built = TestApp & { url: string; runtime: AppRuntime };

async function buildWithRedis(redisUrl: string): Promise<Built> {
  const db = await createTestDatabase();
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: redisUrl });
  const runtime = await createAppDeps(env, {
    database: db,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('test')),
  });
  const app: KeelServer = await buildServer({ deps: runtime.deps, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db,
    deps: runtime.deps,
    runtime,
    url,
    async close() {
      await app.close();
      await runtime.close();
      await db.close();
    },
  };
}

describe('when REDIS_URL points at a port where nothing listens', () => {
  let t: Built;
  beforeAll(async () => {
    t = await buildWithRedis(`redis://127.0.0.1:${await freePort()}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('then the server starts, /health answers degraded with in-process events, and requests are served', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      data: { status: 'degraded', db: 'ok', events: 'degraded (in-process)' },
    });
    const user = await seedUser(t);
    const s = await login(t, user.email, user.password);
    const project = await createAndSelectProject(t, s);
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: authed(s) });
    expect(me.statusCode).toBe(200);
    const listed = await t.app.inject({ method: 'GET', url: '/projects', headers: authed(s) });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain(project.id);
  });
});

describe('when Redis stops and starts again under a running server', () => {
  let redis: TestRedis;
  let t: Built;
  beforeAll(async () => {
    redis = await startTestRedis();
    t = await buildWithRedis(redis.url);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.close();
  });

  it('then every connected SSE client gets event: resync, and /health says redis again', async () => {
    const user = await seedUser(t);
    const s = await login(t, user.email, user.password);
    await createAndSelectProject(t, s);
    const clients = await Promise.all([openSse(t.url, authed(s)), openSse(t.url, authed(s))]);
    try {
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({
        data: { events: 'redis' },
      });
      await redis.stop();
      await expect
        .poll(async () => (await t.app.inject({ method: 'GET', url: '/health' })).json().data.events, {
          timeout: 5000,
        })
        .toBe('degraded (in-process)');
      // Still serving while Redis is away.
      const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: authed(s) });
      expect(me.statusCode).toBe(200);
      await redis.start();
      for (const c of clients) {
        const m = await c.waitFor((x) => x.event === 'resync', 10_000);
        expect(m.data).toBe('{}');
      }
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({
        data: { status: 'ok', events: 'redis' },
      });
    } finally {
      for (const c of clients) c.close();
    }
  });
});

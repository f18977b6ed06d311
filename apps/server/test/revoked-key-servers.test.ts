import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppDeps, createAppDeps } from '@keel/app/deps';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv, readRawEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { systemClock } from '@keel/core/clock';
import { buildServer, type KeelServer } from '../src/build-server.ts';
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
 * Two servers over one database and one bus (Redis in the server pass): each keeps API keys and
 * project roles for a few seconds, and a key revoked on one is refused by the other well before
 * that cache would have expired — the revocation travels as `access.revoked`.
 */
let a: TestApp;
let b: { app: KeelServer; deps: AppDeps; close(): Promise<void> };
let owner: Session;
let projectId: string;
let secondBus: EventBus;

beforeAll(async () => {
  // One channel, two connections (two processes' buses) in the server pass; one in-process bus otherwise.
  const redisUrl = readRawEnv('KEEL_TEST_REDIS_URL');
  const channel = `keel:test:${Math.random().toString(36).slice(2)}`;
  const firstBus = redisUrl ? createRedisEventBus(redisUrl, channel) : createMemoryEventBus();
  a = await createTestApp({ bus: firstBus });
  secondBus = redisUrl ? createRedisEventBus(redisUrl, channel) : firstBus;
  const runtime = await createAppDeps(parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
    database: a.db,
    bus: secondBus,
    clock: systemClock,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('test')),
  });
  const app = await buildServer({ deps: runtime.deps, logger: false });
  await app.ready();
  b = {
    app,
    deps: runtime.deps,
    async close() {
      await app.close();
      await runtime.close();
      if (secondBus !== a.deps.bus) await secondBus.close();
    },
  };
  const u = await seedUser(a, { role: 'owner', workspace: 'revoke-ws' });
  owner = await login(a, u.email, u.password);
  projectId = (await createAndSelectProject(a, owner, 'Revoke A')).id;
});

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('a revoked API key on two servers', () => {
  it('when a key used on server B is revoked on server A, then B refuses it without waiting for its cache', async () => {
    const created = await a.app.inject({
      method: 'POST',
      url: '/api-keys',
      headers: authed(owner),
      payload: { name: 'two servers' },
    });
    expect(created.statusCode).toBe(201);
    const key = (created.json() as { data: { id: string; key: string } }).data;
    const withKey = { authorization: `Bearer ${key.key}`, 'x-project-id': projectId };
    // B reads the key and the project role once and keeps both.
    for (let i = 0; i < 3; i++) {
      const res = await b.app.inject({ method: 'GET', url: '/kag/signals', headers: withKey });
      expect(res.statusCode).toBe(200);
    }
    expect(b.deps.identityCache.size).toBe(2);

    const revoke = await a.app.inject({
      method: 'POST',
      url: `/api-keys/${key.id}/revoke`,
      headers: authed(owner),
    });
    expect(revoke.statusCode).toBe(200);
    expect((await a.app.inject({ method: 'GET', url: '/auth/me', headers: withKey })).statusCode).toBe(401);
    // The bus delivers in milliseconds; the cache would keep the key for 5 s.
    await vi.waitFor(
      async () => {
        const res = await b.app.inject({ method: 'GET', url: '/kag/signals', headers: withKey });
        expect(res.statusCode).toBe(401);
      },
      { timeout: 2_000, interval: 20 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppDeps, type AppRuntime } from '@keel/app/deps';
import { sql } from 'drizzle-orm';
import { parseEnv, readRawEnv } from '@keel/core/env';
import { silentLogger } from '@keel/core/logger';
import { createDatabase, type DatabaseHandle } from '@keel/db/client';
import { databaseUnavailableReason } from '@keel/db/unavailable';
import { buildServer, type KeelServer } from '../src/build-server.ts';
import { createTestEventBus } from './helpers.ts';

/**
 * PostgreSQL down: requests fail fast with 503 and the envelope (never a 500 after a long hang),
 * so clients and load balancers retry. A server pointed at a port nothing listens on stands in
 * for a stopped database.
 */
let handle: DatabaseHandle;
let runtime: AppRuntime;
let app: KeelServer;

beforeAll(async () => {
  handle = await createDatabase({
    url: 'postgres://postgres@127.0.0.1:9/keel_down',
    connectTimeoutSeconds: 2,
  });
  runtime = await createAppDeps(parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
    database: handle,
    bus: createTestEventBus(),
    logger: silentLogger,
  });
  app = await buildServer({ deps: runtime.deps, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await runtime?.deps.bus.close();
  await handle?.close().catch(() => undefined);
});

describe('database outage', () => {
  it.each([
    ['GET', '/projects', { authorization: 'Bearer keel_0000000000000000000000000000000000000000' }],
    ['POST', '/auth/login', {}],
  ])(
    'when PostgreSQL is down and %s %s is called, then it answers 503 with the envelope within seconds',
    async (method, url, headers) => {
      const started = Date.now();
      const res = await app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        ...(method === 'POST' ? { payload: { email: 'a@b.test', password: 'whatever password' } } : {}),
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      const body = res.json();
      expect(body).toMatchObject({ ok: false, error: 'unavailable' });
      expect(body.request_id).toEqual(expect.any(String));
      expect(body.message).toMatch(/database/);
    },
  );
});

describe('databaseUnavailableReason', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'the database is not reachable'],
    [{ message: 'wrapped', cause: { code: 'CONNECTION_CLOSED' } }, 'the database is not reachable'],
    [{ code: '57P01' }, 'the database is shutting down'],
    [{ code: '08006' }, 'the connection to the database failed'],
    [{ code: '57014' }, 'the query took longer than its statement timeout'],
    [{ code: '23505' }, null],
    [new Error('plain bug'), null],
  ])('when the error is %o, then the reason is %s', (error, reason) => {
    expect(databaseUnavailableReason(error)).toBe(reason);
  });
});

const pgUrl = readRawEnv('KEEL_TEST_DATABASE_URL');
describe.skipIf(!pgUrl)('statement timeout (PostgreSQL)', () => {
  it('when a statement runs past the pool statement timeout, then PostgreSQL cancels it and it classifies as unavailable', async () => {
    const short = await createDatabase({ url: pgUrl ?? '', max: 1, statementTimeoutMs: 200 });
    try {
      const error = await short.db.execute(sql`select pg_sleep(2)`).catch((e: unknown) => e);
      expect(databaseUnavailableReason(error)).toBe('the query took longer than its statement timeout');
    } finally {
      await short.close();
    }
  });
});

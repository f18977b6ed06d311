import { manualClock, systemClock, type Clock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { readRawEnv } from '@keel/core/env';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { type AppDeps, createAppDeps } from '@keel/app/deps';
import { ensureUser } from '@keel/app/services/users';
import { createProject } from '@keel/app/services/projects';
import type { Role } from '@keel/db/schema/platform';
import { buildServer, type KeelServer } from '../src/build-server.ts';
import type { SseOptions } from '../src/sse/sse-hub.ts';

export { manualClock, systemClock };

/** The bus tests use: Redis (random channel) in the server pass, in-process otherwise. */
export function createTestEventBus(): EventBus {
  const url = readRawEnv('KEEL_TEST_REDIS_URL');
  return url
    ? createRedisEventBus(url, `keel:test:${Math.random().toString(36).slice(2)}`)
    : createMemoryEventBus();
}

export type TestApp = {
  app: KeelServer;
  db: TestDatabase;
  deps: AppDeps;
  close(): Promise<void>;
};

/** A server over an isolated, migrated database; one per test file (PGlite start-up is ~1 s). */
export async function createTestApp(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    sse?: Partial<SseOptions>;
    bus?: EventBus;
    /** Off (0) unless a test is about the read cache itself. */
    readCacheTtlMs?: number;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const bus = options.bus ?? createTestEventBus();
  const runtime = await createAppDeps(env, {
    database: db,
    bus,
    clock: options.clock ?? systemClock,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('test')),
    ...(options.readCacheTtlMs !== undefined ? { readCacheTtlMs: options.readCacheTtlMs } : {}),
  });
  const { deps } = runtime;
  const app = await buildServer({ deps, logger: false, ...(options.sse ? { sse: options.sse } : {}) });
  await app.ready();
  return {
    app,
    db,
    deps,
    async close() {
      await app.close();
      await runtime.close();
      await bus.close();
      await db.close();
    },
  };
}

let counter = 0;

/** A user with a workspace role, created directly through the service (no HTTP). */
export async function seedUser(
  t: TestApp,
  opts: { role?: Role; workspace?: string; password?: string; email?: string } = {},
) {
  counter += 1;
  const email = opts.email ?? `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = opts.password ?? 'correct horse battery';
  const r = await ensureUser(t.deps.db, {
    email,
    name: `User ${counter}`,
    password,
    workspaceSlug: opts.workspace ?? 'ws-test',
    workspaceName: opts.workspace ?? 'ws-test',
    role: opts.role ?? 'owner',
  });
  return { ...r, email, password };
}

export type Session = { cookie: string; csrf: string; userId: string; accountScopeId: string };

/** Signs in over HTTP and returns the cookie header and CSRF token to send back. */
export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'keel_session');
  if (!setCookie) throw new Error('no session cookie');
  const body = res.json() as { data: { csrfToken: string; user: { id: string }; accountScopeId: string } };
  return {
    cookie: `keel_session=${setCookie.value}`,
    csrf: body.data.csrfToken,
    userId: body.data.user.id,
    accountScopeId: body.data.accountScopeId,
  };
}

/** Creates a project as the session's user and makes it active. */
export async function createAndSelectProject(
  t: TestApp,
  s: Session,
  name = `Project ${Math.random().toString(36).slice(2, 7)}`,
) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/projects',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: { name },
  });
  if (created.statusCode !== 201) throw new Error(`create project failed: ${created.body}`);
  const project = (created.json() as { data: { id: string } }).data;
  const sel = await t.app.inject({
    method: 'POST',
    url: `/projects/${project.id}/select`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  if (sel.statusCode !== 200) throw new Error(`select failed: ${sel.body}`);
  return project;
}

/** Headers for an authenticated, CSRF-carrying request. */
export function authed(s: Session): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}

export { createProject };

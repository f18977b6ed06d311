import { manualClock, type ManualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv, readRawEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { createProject, createWorkspace } from '@keel/db/factories';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { type Sandbox, type SandboxOptions, startSandbox } from '@keel/sandbox/emulators/start';
import { saveSandboxCredentials } from '../src/sandbox-credentials.ts';
import { bindPortfolio, type BoundProject } from '../src/portfolio-bindings.ts';
import type { RecordedRequest, SyncDeps } from '../src/types.ts';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';

/** A migrated database, a running sandbox, a workspace with its credentials and bound projects. */
export type Harness = {
  db: TestDatabase;
  sandbox: Sandbox;
  accountScopeId: string;
  projects: BoundProject[];
  clock: ManualClock;
  deps: SyncDeps;
  bus: EventBus;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export function testBus(): EventBus {
  const url = readRawEnv('KEEL_TEST_REDIS_URL');
  return url
    ? createRedisEventBus(url, `keel:test:${Math.random().toString(36).slice(2)}`)
    : createMemoryEventBus();
}

export async function createHarness(options: SandboxOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const sandbox = await startSandbox({ size: 'tiny', seed: 7, ...options });
  // The connectors' clock follows the sandbox world's clock, as a real source's would.
  const clock = manualClock(new Date(sandbox.dataset.now));
  const bus = testBus();
  const requests: RecordedRequest[] = [];
  const deps: SyncDeps = {
    logger: silentLogger,
    bus,
    clock,
    secrets: createSecretBox(deriveDevKey('connectors-test')),
    // The emulators listen on loopback: allowed explicitly, host:port by host:port.
    env: parseEnv({
      NODE_ENV: 'test',
      CONNECTOR_EGRESS_ALLOW: Object.values(sandbox.urls)
        .map((u) => new URL(u).host)
        .join(','),
    }),
    http: { timeoutMs: 2_000, retries: 2, backoffMs: 5, maxRetryAfterMs: 50, pageRetries: 3 },
    onRequest: (r) => requests.push(r),
  };
  const workspace = await createWorkspace(db.db);
  const accountScopeId = workspace.id;
  const now = clock.now();
  await saveSandboxCredentials(db.db, deps.secrets, accountScopeId, sandbox, now);
  const projects = await bindPortfolio(db.db, accountScopeId, sandboxPortfolio(sandbox.dataset), (p) =>
    createProject(db.db, { accountScopeId, name: p.name, clientName: p.clientName }),
  );
  return {
    db,
    sandbox,
    accountScopeId,
    projects,
    clock,
    deps,
    bus,
    requests,
    async close() {
      await sandbox.close();
      await bus.close();
      await db.close();
    },
  };
}

export function scopeOf(h: Harness, index = 0) {
  const p = h.projects[index];
  if (!p) throw new Error(`no project ${index}`);
  return { accountScopeId: h.accountScopeId, projectId: p.projectId };
}

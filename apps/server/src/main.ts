import { getEnv, hasEnvConnectorCredentials } from '@keel/core/env';
import { createLogger } from '@keel/core/logger';
import { migrateDatabase } from '@keel/db/migrate';
import { createAppDeps } from '@keel/app/deps';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { startWorkerLoop } from '@keel/app/scheduler/worker-loop';
import { eventsModeOf } from '@keel/core/resilient-bus';
import { Redis } from 'ioredis';
import { buildServer } from './build-server.ts';
import { startDemoSandbox } from './demo-sandbox.ts';
import { recordJobOutcome } from './metrics.ts';

/** Listens and shuts down gracefully; everything else is in buildServer(). */
async function main(): Promise<void> {
  const configured = getEnv();
  const embeddedConfig = !configured.DATABASE_URL;
  // The embedded default is a demo: a workspace, the printed login, and (unless KEEL_SANDBOX=false)
  // the sandbox emulators with a generated portfolio standing in for Chatwoot, Linear and Attio.
  // The demo owner's password is public, so on PostgreSQL it exists only when KEEL_DEMO=true.
  const demoWanted = configured.KEEL_DEMO ?? embeddedConfig;
  const sandboxWanted =
    demoWanted && (configured.KEEL_SANDBOX ?? (embeddedConfig && !hasEnvConnectorCredentials(configured)));
  // The emulators listen on loopback, which connectors reach only when allow-listed: the demo
  // allow-lists 127.0.0.1 itself, so a real install never does by default.
  const env = sandboxWanted
    ? {
        ...configured,
        CONNECTOR_EGRESS_ALLOW: [configured.CONNECTOR_EGRESS_ALLOW, '127.0.0.1'].filter(Boolean).join(','),
      }
    : configured;
  const logger = createLogger(env.LOG_LEVEL);
  // A server that runs the worker too (embedded, or WORKER_IN_PROCESS) gets the jobs' statement timeout.
  const workerInProcess = env.WORKER_IN_PROCESS ?? !env.DATABASE_URL;
  const runtime = await createAppDeps(env, { logger, workload: workerInProcess ? 'jobs' : 'requests' });
  const migration = await migrateDatabase(runtime.handle);
  logger.info(
    { applied: migration.applied, total: migration.total, vector: migration.capabilities.vector },
    'database ready',
  );

  const embedded = runtime.handle.kind === 'pglite';
  if (!demoWanted && env.KEEL_SANDBOX)
    logger.warn('KEEL_SANDBOX=true is ignored without the demo workspace: set KEEL_DEMO=true as well');
  const demo = demoWanted
    ? await ensureDemoWorkspace(
        runtime.deps.db,
        { email: env.DEMO_EMAIL, password: env.DEMO_PASSWORD },
        { starterProjects: !sandboxWanted },
      )
    : null;
  const demoSandbox =
    demo && sandboxWanted
      ? await startDemoSandbox(runtime.deps, { accountScopeId: demo.workspace.id, ownerUserId: demo.user.id })
      : null;

  // Offline queue off: while Redis is away /health's ping fails at once instead of waiting.
  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 })
    : null;
  redis?.on('error', () => undefined);
  const pingRedis = async () => {
    if (!redis) return 'disabled' as const;
    try {
      await redis.ping();
      return 'ok' as const;
    } catch {
      return 'error' as const;
    }
  };
  const app = await buildServer({ deps: runtime.deps, pingRedis });
  await app.listen({ port: env.PORT, host: env.HOST });
  // Embedded mode runs the scheduler in this process (PGlite serves one process only).
  const worker = workerInProcess
    ? startWorkerLoop(runtime.deps, { mode: 'embedded', onJobFinished: recordJobOutcome(app.keelMetrics) })
    : null;

  const shownHost = env.HOST === '0.0.0.0' ? 'localhost' : env.HOST;
  const lines = [
    `Keel API listening on http://${shownHost}:${env.PORT}  (${embedded ? 'embedded PGlite' : 'PostgreSQL'}, ${eventsModeOf(runtime.deps.bus)} events)`,
  ];
  if (demo) {
    lines.push(`Demo login: ${env.DEMO_EMAIL} / ${env.DEMO_PASSWORD}`);
    lines.push(
      'This demo password is public: anyone who can reach this server can sign in as the owner. Never expose it; set KEEL_DEMO=false (and DATABASE_URL) for real data.',
    );
  }
  if (demoSandbox)
    lines.push(
      `Sandbox: ${demoSandbox.projects.length} demo projects served by local Chatwoot, Linear and Attio emulators; first sync running.`,
    );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await worker?.stop();
    await demoSandbox?.close();
    await app.close();
    await redis?.quit().catch(() => undefined);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Keel failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

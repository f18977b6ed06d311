import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getEnv } from '@keel/core/env';
import { createLogger } from '@keel/core/logger';
import { migrateDatabase } from '@keel/db/migrate';
import { type AppRuntime, createAppDeps } from '@keel/app/deps';
import { jobRegistry } from '@keel/app/scheduler/registry';
import type { JobRegistry } from '@keel/app/scheduler/types';

export type WorkerArgs = {
  workerId: string | undefined;
  intervalMs: number | undefined;
  leaseMs: number | undefined;
  graceMs: number | undefined;
  registry: JobRegistry;
};

const USAGE = `Options:
  --worker-id <id>       name in worker_runs and lease_owner (default host:pid:random)
  --interval-ms <ms>     pause between ticks (default WORKER_INTERVAL_SECONDS × 1000)
  --lease-ms <ms>        job lease, renewed every third of it (default 60000)
  --grace-ms <ms>        on SIGTERM, time the running job gets before it is released (default 10000)
  --jobs-module <path>   load the job registry (export jobRegistry) from this module instead`;

const positive = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (ms)\n${USAGE}`);
  return n;
};

/** Command-line flags; tests use them to shorten leases and intervals. */
export async function parseWorkerArgs(argv: string[]): Promise<WorkerArgs> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'worker-id': { type: 'string' },
      'interval-ms': { type: 'string' },
      'lease-ms': { type: 'string' },
      'grace-ms': { type: 'string' },
      'jobs-module': { type: 'string' },
    },
  });
  let registry = jobRegistry;
  const modulePath = values['jobs-module'];
  if (modulePath) {
    const loaded = (await import(pathToFileURL(resolve(modulePath)).href)) as { jobRegistry?: JobRegistry };
    if (!loaded.jobRegistry) throw new Error(`${modulePath} does not export jobRegistry`);
    registry = loaded.jobRegistry;
  }
  return {
    workerId: values['worker-id'],
    intervalMs: positive('interval-ms', values['interval-ms']),
    leaseMs: positive('lease-ms', values['lease-ms']),
    graceMs: positive('grace-ms', values['grace-ms']),
    registry,
  };
}

export type WorkerRuntime = AppRuntime;

/**
 * What a worker process needs: the same database and event bus as the servers (Redis in
 * server mode, so job events reach every server's SSE clients), built by the one composition
 * root — which also refuses a production worker without ENCRYPTION_KEY (it could not decrypt
 * stored connector credentials). Migrations are applied under the shared advisory lock, so
 * workers and servers may boot together.
 */
export async function createWorkerRuntime(): Promise<WorkerRuntime> {
  const env = getEnv();
  const logger = createLogger(env.LOG_LEVEL);
  if (!env.DATABASE_URL) {
    logger.warn(
      'no DATABASE_URL: using the embedded PGlite data directory; do not run this while a server uses it (the server runs its own worker)',
    );
  }
  const runtime = await createAppDeps(env, { logger, poolMax: 3, workload: 'jobs' });
  await migrateDatabase(runtime.handle);
  return runtime;
}

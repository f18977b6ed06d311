import { resolve } from 'node:path';
import { systemClock, type Clock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey, parseEncryptionKey } from '@keel/core/crypto';
import type { Env } from '@keel/core/env';
import { createEventBus } from '@keel/core/events';
import type { Logger } from '@keel/core/logger';
import { createDatabase, type DatabaseHandle } from '@keel/db/client';
import type { AppDeps } from '@keel/api/context';

export type Runtime = { deps: AppDeps; handle: DatabaseHandle; close(): Promise<void> };

/**
 * Builds what a process needs from the environment: PostgreSQL or embedded PGlite, Redis
 * or in-process events, and the secret box for connector credentials.
 */
export async function createRuntime(env: Env, logger: Logger, clock: Clock = systemClock): Promise<Runtime> {
  if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) {
    throw new Error(
      'ENCRYPTION_KEY is required in production (32 bytes, hex or base64): connector secrets are encrypted with it.',
    );
  }
  const handle = await createDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolve(env.KEEL_DATA_DIR) },
  );
  const bus = createEventBus(env.REDIS_URL);
  // The embedded demo derives a stable key from its data directory so secrets survive restarts.
  const key = env.ENCRYPTION_KEY
    ? parseEncryptionKey(env.ENCRYPTION_KEY)
    : deriveDevKey(resolve(env.KEEL_DATA_DIR));
  const deps: AppDeps = {
    db: handle.db,
    dbKind: handle.kind,
    env,
    clock,
    logger,
    bus,
    secrets: createSecretBox(key),
  };
  return {
    deps,
    handle,
    async close() {
      await bus.close();
      await handle.close();
    },
  };
}

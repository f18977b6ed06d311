import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import type { DatabaseHandle } from '@keel/db/client';
import { createAppDeps } from '@keel/app/deps';

/**
 * The product's services over a bench database, as a production process builds them (read
 * caches on), with an in-process bus and a throwaway secret box: production mode refuses to start
 * without ENCRYPTION_KEY, and a bench stores no secret worth keeping.
 */
export async function benchAppDeps(handle: DatabaseHandle) {
  const env = parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent', ENCRYPTION_KEY: 'a'.repeat(64) });
  const bus = createMemoryEventBus();
  const runtime = await createAppDeps(env, {
    database: handle,
    bus,
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('bench')),
  });
  return { bus, runtime };
}

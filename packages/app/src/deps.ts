import { resolve } from 'node:path';
import { type Clock, systemClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey, parseEncryptionKey, type SecretBox } from '@keel/core/crypto';
import type { Env } from '@keel/core/env';
import { createMemoryEventBus, type EventBus } from '@keel/core/events';
import { createLogger, type Logger } from '@keel/core/logger';
import { createResilientEventBus } from '@keel/core/resilient-bus';
import { createDatabase, type Database, type DatabaseHandle, type DatabaseKind } from '@keel/db/client';
import type { EmbeddingProvider } from '@keel/rag/embedding-provider';
import { embeddingProviderFromEnv } from '@keel/rag/provider-from-env';
import { createVendorActions, type VendorActions } from '@keel/connectors/actions/vendor-actions';
import {
  createFactsCache,
  type FactsCache,
  invalidatePortfolioOnEvents,
  PORTFOLIO_FACTS_TTL_MS,
} from './services/portfolio-cache.ts';
import { createMailer, type Mailer } from './mailer.ts';
import {
  createReadCache,
  emptyingReadCacheOnPublish,
  invalidateReadCacheOnEvents,
  READ_CACHE_TTL_MS,
  type ReadCache,
} from './services/read-cache.ts';
import {
  createIdentityCache,
  IDENTITY_CACHE_TTL_MS,
  type IdentityCache,
  invalidateIdentityOnEvents,
} from './auth/identity-cache.ts';

/**
 * Long-lived things the use cases need, built once per process by `createAppDeps` — the one
 * composition root of the server, the worker, the CLI, the benches and the test helpers.
 * Use cases take the narrow slice they use (`Pick<AppDeps, 'db' | 'clock'>`), not the whole.
 */
export type AppDeps = {
  db: Database;
  dbKind: DatabaseKind;
  env: Env;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  secrets: SecretBox;
  /** Query and chunk embeddings (OpenAI-compatible server or the offline embedder, from env). */
  embeddings: EmbeddingProvider;
  /** The portfolio's per-workspace facts; emptied by the bus events that change them. */
  portfolioCache: FactsCache;
  /** API keys and project roles for a few seconds (see auth/identity-cache.ts). */
  identityCache: IdentityCache;
  /** Expensive workspace-wide reads (the control tower) until the workspace's next event (services/read-cache.ts). */
  readCache: ReadCache;
  /** Vendor writes (Chatwoot messages, Linear issues) for the outbox and recommendation actions. */
  vendorActions: VendorActions;
  /** Digest e-mail through SMTP_URL (unconfigured without it: deliveries are recorded skipped). */
  mailer: Mailer;
};

export type AppRuntime = { deps: AppDeps; handle: DatabaseHandle; close(): Promise<void> };

/** Parts a caller brings instead of having them built from env (tests, benches, the embedded demo). */
export type AppDepsOverrides = {
  /** An open database (a test database, a bench's own); not closed by `close()`. */
  database?: DatabaseHandle;
  /** Pool size when the database is built here (default DB_POOL_MAX; workers need few connections). */
  poolMax?: number;
  /**
   * What the process's statements are: `requests` (servers; DB_STATEMENT_TIMEOUT_MS) or `jobs`
   * (workers, and servers that run the worker in-process; DB_JOB_STATEMENT_TIMEOUT_MS).
   */
  workload?: 'requests' | 'jobs';
  /** An event bus; not closed by `close()`. */
  bus?: EventBus;
  clock?: Clock;
  logger?: Logger;
  secrets?: SecretBox;
  embeddings?: EmbeddingProvider;
  portfolioCache?: FactsCache;
  /** The read cache's TTL (0 turns it off); default 10 s, off when NODE_ENV is test. */
  readCacheTtlMs?: number;
  vendorActions?: VendorActions;
  mailer?: Mailer;
};

/** Refuses a production process that could not decrypt (or would write unreadable) connector secrets. */
export function assertProductionSecrets(env: Pick<Env, 'NODE_ENV' | 'ENCRYPTION_KEY'>): void {
  if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) {
    throw new Error(
      'ENCRYPTION_KEY is required in production (32 bytes, hex or base64): connector secrets are encrypted with it.',
    );
  }
}

/** The secret box: ENCRYPTION_KEY, or (embedded and dev) a stable key derived from the data directory. */
export function secretBoxFromEnv(env: Pick<Env, 'ENCRYPTION_KEY' | 'KEEL_DATA_DIR'>): SecretBox {
  const key = env.ENCRYPTION_KEY
    ? parseEncryptionKey(env.ENCRYPTION_KEY)
    : deriveDevKey(resolve(env.KEEL_DATA_DIR));
  return createSecretBox(key);
}

/**
 * Builds what a process needs from the environment: PostgreSQL or embedded PGlite, Redis (with
 * an in-process fallback while it is away) or in-process events, the secret box, the embedding
 * provider and the portfolio cache (subscribed to the bus). `close()` releases what it built, never what the caller passed in.
 */
export async function createAppDeps(env: Env, overrides: AppDepsOverrides = {}): Promise<AppRuntime> {
  assertProductionSecrets(env);
  const handle =
    overrides.database ??
    (await createDatabase(
      env.DATABASE_URL
        ? {
            url: env.DATABASE_URL,
            max: overrides.poolMax ?? env.DB_POOL_MAX,
            statementTimeoutMs:
              overrides.workload === 'jobs' ? env.DB_JOB_STATEMENT_TIMEOUT_MS : env.DB_STATEMENT_TIMEOUT_MS,
          }
        : { dataDir: resolve(env.KEEL_DATA_DIR) },
    ));
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  // With REDIS_URL, a bus that survives Redis outages: a process starts and serves without
  // Redis (events in-process, /health says so) and publishing never fails a committed job.
  const sharedBus =
    overrides.bus ??
    (env.REDIS_URL ? await createResilientEventBus({ url: env.REDIS_URL, logger }) : createMemoryEventBus());
  // Off in tests: route tests write rows directly, without the events that empty it.
  const readCache = createReadCache({
    ttlMs: overrides.readCacheTtlMs ?? (env.NODE_ENV === 'test' ? 0 : READ_CACHE_TTL_MS),
    now: Date.now,
  });
  // What services publish empties this process's read cache first, before the caller is answered.
  const bus = emptyingReadCacheOnPublish(sharedBus, readCache);
  const portfolioCache =
    overrides.portfolioCache ?? createFactsCache({ ttlMs: PORTFOLIO_FACTS_TTL_MS, now: Date.now });
  const stopInvalidation = await invalidatePortfolioOnEvents(bus, portfolioCache);
  const identityCache = createIdentityCache({ ttlMs: IDENTITY_CACHE_TTL_MS, now: Date.now });
  const stopIdentityInvalidation = await invalidateIdentityOnEvents(bus, identityCache);
  const stopReadInvalidation = await invalidateReadCacheOnEvents(bus, readCache);
  const clock = overrides.clock ?? systemClock;
  const secrets = overrides.secrets ?? secretBoxFromEnv(env);
  const deps: AppDeps = {
    db: handle.db,
    dbKind: handle.kind,
    env,
    clock,
    logger,
    bus,
    secrets,
    embeddings: overrides.embeddings ?? embeddingProviderFromEnv(env),
    portfolioCache,
    identityCache,
    readCache,
    vendorActions: overrides.vendorActions ?? createVendorActions({ logger, bus, clock, secrets, env }),
    mailer: overrides.mailer ?? createMailer(env),
  };
  return {
    deps,
    handle,
    async close() {
      await stopInvalidation();
      await stopIdentityInvalidation();
      await stopReadInvalidation();
      if (!overrides.mailer) deps.mailer.close();
      if (!overrides.bus) await sharedBus.close();
      if (!overrides.database) await handle.close();
    },
  };
}

import { z } from 'zod';

/**
 * The one place that reads process.env (lint bans it elsewhere). Every variable has the
 * seed's name and default; the README's configuration table mirrors this schema.
 */
const booleanish = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CORS_ORIGIN: z.string().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  KEEL_DATA_DIR: z.string().default('./.keel/data'),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  ENCRYPTION_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/,
        'ENCRYPTION_KEY must be 32 bytes as 64 hex chars or base64',
      )
      .optional(),
  ),
  // PostgreSQL pool and per-statement limits (server mode): requests get short statements, jobs long ones.
  DB_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_JOB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  // Single-tenant connector credentials; a credential stored through the API wins over these.
  // They serve one workspace only: CONNECTOR_ENV_WORKSPACE (its slug), or the install's first one.
  CONNECTOR_ENV_WORKSPACE: z.preprocess(emptyToUndefined, z.string().optional()),
  CHATWOOT_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  CHATWOOT_API_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  CHATWOOT_ACCOUNT_ID: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\d+$/, 'a numeric account id').optional(),
  ),
  LINEAR_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  LINEAR_API_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  ATTIO_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  ATTIO_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  LOOPS_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  LOOPS_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  OPENAI_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  OPENAI_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  EMBEDDING_PROVIDER: z.enum(['auto', 'openai', 'local']).default('auto'),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDING_DIM: z.coerce.number().int().min(8).max(4096).default(1536),
  OPENAI_EMBED_MAX_INPUTS: z.coerce.number().int().min(1).max(2048).default(100),
  WORKER_TICK_LIMIT: z.coerce.number().int().min(1).max(1000).default(25),
  WORKER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  WORKER_IN_PROCESS: z.preprocess(emptyToUndefined, booleanish.optional()),
  KEEL_SANDBOX: z.preprocess(emptyToUndefined, booleanish.optional()),
  // The demo owner login (public password): on by default only on the embedded default.
  KEEL_DEMO: z.preprocess(emptyToUndefined, booleanish.optional()),
  // Trust X-Forwarded-For from a reverse proxy for the client address (rate limits, audit):
  // false (default), true (any hop), a hop count, or comma-separated proxy addresses/CIDRs.
  TRUST_PROXY: z.string().default('false'),
  // Connector targets allowed although private/loopback: comma-separated host[:port] or CIDR.
  CONNECTOR_EGRESS_ALLOW: z.string().default(''),
  DEMO_EMAIL: z.string().email().default('demo@keel.local'),
  DEMO_PASSWORD: z.string().min(8).default('keel-demo-2026'),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  // Digest e-mail: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset = in-app only.
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SMTP_FROM: z.string().default('Keel <keel@localhost>'),
  // The web app's address for links in e-mails; unset = the first CORS_ORIGIN.
  KEEL_WEB_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
});

export type Env = z.infer<typeof envSchema>;

/** True when any real connector credential comes from the environment (the demo sandbox then stays off). */
export function hasEnvConnectorCredentials(env: Env): boolean {
  return Boolean(env.CHATWOOT_API_TOKEN || env.LINEAR_API_KEY || env.ATTIO_API_KEY);
}

export class EnvError extends Error {}

/** Parses an environment record; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, validated once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and CLIs that set variables after import. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Raw reads for tooling (test harness, scripts) that must not go through the app schema. */
export function readRawEnv(name: string): string | undefined {
  return process.env[name];
}

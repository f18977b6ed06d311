import { ApiError } from '@keel/core/errors';
import type { SecretBox } from '@keel/core/crypto';
import type { Database } from '@keel/db/client';
import {
  findEnvCredentialWorkspaceId,
  deleteConnectorCredential,
  findConnectorCredential,
  listConnectorCredentialInfo,
  upsertConnectorCredential,
} from '@keel/db/queries/connectors-credentials';
import type { Connector } from '@keel/db/schema/connectors';
import { baseUrlProblem } from './egress-policy.ts';
import type { SyncDeps } from './types.ts';

/**
 * Connector credentials: the secret (token) sealed with AES-256-GCM, the workspace and connector
 * as associated data (a row copied to another workspace does not decrypt), and non-secret
 * settings (base URL, Chatwoot account id) beside it in clear. Single-tenant installs may set
 * them in the environment instead; a stored credential wins.
 */
export type ConnectorConfig = {
  connector: Connector;
  token: string;
  baseUrl: string;
  /** Chatwoot account id every path is under. */
  accountId?: string;
  source: 'stored' | 'env';
};

export const DEFAULT_BASE_URLS: Record<Connector, string> = {
  chatwoot: 'https://app.chatwoot.com',
  linear: 'https://api.linear.app/graphql',
  attio: 'https://api.attio.com',
  loops: 'https://app.loops.so/api',
};

export type CredentialInput = { token: string; baseUrl?: string; accountId?: string };

function aad(accountScopeId: string, connector: Connector): string {
  return `${accountScopeId}:${connector}`;
}

export async function saveConnectorCredential(
  db: Database,
  secrets: SecretBox,
  accountScopeId: string,
  connector: Connector,
  input: CredentialInput,
  now: Date,
): Promise<{ connector: Connector; config: Record<string, unknown> }> {
  const baseUrl = input.baseUrl ?? DEFAULT_BASE_URLS[connector];
  const problem = baseUrlProblem(baseUrl);
  if (problem) {
    throw new ApiError('validation_error', `The ${connector} base URL ${problem}.`, {
      issues: [{ path: 'baseUrl', message: `The base URL ${problem}.`, code: 'invalid_base_url' }],
    });
  }
  const sealed = secrets.encrypt(JSON.stringify({ token: input.token }), aad(accountScopeId, connector));
  const [version, iv, authTag, ciphertext] = sealed.split(':');
  if (version !== 'v1' || !iv || !authTag || ciphertext === undefined)
    throw new Error('unexpected sealed format');
  const config: Record<string, unknown> = {
    baseUrl: normaliseBaseUrl(baseUrl),
    ...(input.accountId ? { accountId: input.accountId } : {}),
  };
  await upsertConnectorCredential(
    db,
    accountScopeId,
    connector,
    { ciphertext, iv, authTag, keyVersion: 1, config },
    now,
  );
  return { connector, config };
}

export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Env names a single-tenant install may use (read only when the env schema carries them). */
const ENV_NAMES: Record<Connector, { token: string; baseUrl: string; accountId?: string }> = {
  chatwoot: { token: 'CHATWOOT_API_TOKEN', baseUrl: 'CHATWOOT_BASE_URL', accountId: 'CHATWOOT_ACCOUNT_ID' },
  linear: { token: 'LINEAR_API_KEY', baseUrl: 'LINEAR_API_URL' },
  attio: { token: 'ATTIO_API_KEY', baseUrl: 'ATTIO_BASE_URL' },
  loops: { token: 'LOOPS_API_KEY', baseUrl: 'LOOPS_BASE_URL' },
};

function fromEnv(env: SyncDeps['env'], connector: Connector): ConnectorConfig | null {
  const values: Record<string, unknown> = env;
  const names = ENV_NAMES[connector];
  const token = values[names.token];
  if (typeof token !== 'string' || token.length === 0) return null;
  const baseUrl = values[names.baseUrl];
  const accountId = names.accountId ? values[names.accountId] : undefined;
  return {
    connector,
    token,
    baseUrl: normaliseBaseUrl(
      typeof baseUrl === 'string' && baseUrl ? baseUrl : DEFAULT_BASE_URLS[connector],
    ),
    ...(typeof accountId === 'string' && accountId ? { accountId } : {}),
    source: 'env',
  };
}

/** Whether the environment configures the connector: the same names `loadConnectorConfig` falls back to. */
export function isConfiguredInEnv(env: SyncDeps['env'], connector: Connector): boolean {
  return fromEnv(env, connector) !== null;
}

/** The decrypted configuration, or null when the connector is not set up for this workspace. */
export async function loadConnectorConfig(
  db: Database,
  deps: Pick<SyncDeps, 'secrets' | 'env'>,
  accountScopeId: string,
  connector: Connector,
): Promise<ConnectorConfig | null> {
  const row = await findConnectorCredential(db, accountScopeId, connector);
  if (!row) {
    const config = fromEnv(deps.env, connector);
    if (!config) return null;
    const served = await findEnvCredentialWorkspaceId(db, deps.env.CONNECTOR_ENV_WORKSPACE);
    return served === accountScopeId ? config : null;
  }
  let token: string;
  try {
    const plain = deps.secrets.decrypt(
      `v1:${row.iv}:${row.authTag}:${row.ciphertext}`,
      aad(accountScopeId, connector),
    );
    token = String((JSON.parse(plain) as { token?: unknown }).token ?? '');
  } catch {
    throw new ApiError(
      'unprocessable',
      `The stored ${connector} credential cannot be decrypted (was ENCRYPTION_KEY changed?). Save the token again.`,
    );
  }
  const config = row.config;
  return {
    connector,
    token,
    baseUrl: normaliseBaseUrl(
      typeof config.baseUrl === 'string' ? config.baseUrl : DEFAULT_BASE_URLS[connector],
    ),
    ...(typeof config.accountId === 'string' || typeof config.accountId === 'number'
      ? { accountId: String(config.accountId) }
      : {}),
    source: 'stored',
  };
}

export async function listConnectorCredentials(db: Database, accountScopeId: string) {
  const rows = await listConnectorCredentialInfo(db, accountScopeId);
  return rows.map((r) => ({
    connector: r.connector,
    configured: true,
    baseUrl: typeof r.config.baseUrl === 'string' ? r.config.baseUrl : null,
    accountId: r.config.accountId === undefined ? null : String(r.config.accountId),
    lastVerifiedAt: r.lastVerifiedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export { deleteConnectorCredential };

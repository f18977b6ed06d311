import { ApiError } from '@keel/core/errors';
import { randomToken, sha256Hex } from '@keel/core/ids';
import { isUuid } from '@keel/core/utils';
import type { Database } from '@keel/db/client';
import type { IdentityCache } from './identity-cache.ts';
import {
  findActiveApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKeyRow,
  touchApiKey,
} from '@keel/db/queries/api-keys';

export const API_KEY_PREFIX = 'keel_';

export type ApiKeyScope = {
  /** Null: every project the user can see; otherwise only these. */
  projectIds?: string[] | null;
  /** Refused (403) on every mutation. */
  readOnly?: boolean;
};

/** Creates a key and returns its plaintext once; only a sha256 of it is stored. */
export async function createApiKey(
  db: Database,
  params: { accountScopeId: string; userId: string; name: string; expiresAt?: Date | null } & ApiKeyScope,
): Promise<{ id: string; key: string; prefix: string }> {
  const projectIds =
    params.projectIds && params.projectIds.length > 0 ? [...new Set(params.projectIds)] : null;
  if (projectIds?.some((id) => !isUuid(id)))
    throw new ApiError('validation_error', 'projectIds must be project ids (uuid).');
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const created = await insertApiKey(db, {
    accountScopeId: params.accountScopeId,
    userId: params.userId,
    name: params.name,
    prefix,
    keyHash: sha256Hex(key),
    expiresAt: params.expiresAt ?? null,
    projectIds,
    readOnly: params.readOnly ?? false,
  });
  if (!created) throw new Error('api key insert returned no row');
  return { id: created.id, key, prefix };
}

export async function resolveApiKey(db: Database, key: string, now: Date, cache?: IdentityCache) {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const keyHash = sha256Hex(key);
  const load = () => findActiveApiKey(db, { keyHash }, now);
  const found = cache ? await cache.apiKey(keyHash, load) : await load();
  if (!found) return null;
  // A cached row was active when read; it may have expired since.
  if (found.key.expiresAt && found.key.expiresAt <= now) return null;
  const lastUsed = found.key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - lastUsed > 60_000) {
    await touchApiKey(db, found.key.id, now);
    // The cached row too, so the next calls within the minute do not touch again.
    found.key.lastUsedAt = now;
  }
  return found;
}

export type ApiKeyInfo = {
  id: string;
  name: string;
  prefix: string;
  userEmail: string;
  projectIds: string[] | null;
  readOnly: boolean;
  status: 'active' | 'revoked' | 'expired';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

/** The workspace's keys with their state at `now`; hashes never leave the database. */
export async function listWorkspaceApiKeys(
  db: Database,
  accountScopeId: string,
  now: Date,
): Promise<ApiKeyInfo[]> {
  const rows = await listApiKeys(db, accountScopeId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    userEmail: r.userEmail,
    projectIds: r.projectIds ?? null,
    readOnly: r.readOnly,
    status: r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt <= now ? 'expired' : 'active',
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes a key of the workspace; the next request with it is refused (keys are looked up per request). */
export async function revokeApiKey(db: Database, accountScopeId: string, id: string, now: Date) {
  const revoked = isUuid(id) ? await revokeApiKeyRow(db, accountScopeId, id, now) : null;
  if (!revoked) throw new ApiError('not_found', 'No active API key with that id in this workspace.');
  return revoked;
}

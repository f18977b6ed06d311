import { randomToken, sha256Hex } from '@keel/core/ids';
import type { Database } from '@keel/db/client';
import { findActiveApiKey, insertApiKey, touchApiKey } from '@keel/db/queries/api-keys';

export const API_KEY_PREFIX = 'keel_';

/** Creates a key and returns its plaintext once; only a sha256 of it is stored. */
export async function createApiKey(
  db: Database,
  params: { accountScopeId: string; userId: string; name: string; expiresAt?: Date | null },
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const created = await insertApiKey(db, {
    accountScopeId: params.accountScopeId,
    userId: params.userId,
    name: params.name,
    prefix,
    keyHash: sha256Hex(key),
    expiresAt: params.expiresAt ?? null,
  });
  if (!created) throw new Error('api key insert returned no row');
  return { id: created.id, key, prefix };
}

export async function resolveApiKey(db: Database, key: string, now: Date) {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const found = await findActiveApiKey(db, sha256Hex(key), now);
  if (!found) return null;
  const lastUsed = found.key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - lastUsed > 60_000) await touchApiKey(db, found.key.id, now);
  return found;
}

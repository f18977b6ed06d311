import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { apiKeys, users, workspaceMembers } from '../schema/platform.ts';

/**
 * An active key by its hash (a request) or its id (an open stream re-checking its key), with the
 * user it acts as and that user's workspace role.
 */
export async function findActiveApiKey(db: Database, by: { keyHash: string } | { id: string }, now: Date) {
  const rows = await db
    .select({
      key: apiKeys,
      user: { id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt },
      role: workspaceMembers.role,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.userId, apiKeys.userId),
        eq(workspaceMembers.accountScopeId, apiKeys.accountScopeId),
      ),
    )
    .where(
      and('id' in by ? eq(apiKeys.id, by.id) : eq(apiKeys.keyHash, by.keyHash), isNull(apiKeys.revokedAt)),
    )
    .limit(1);
  const row = rows[0];
  if (!row || row.user.disabledAt) return null;
  if (row.key.expiresAt && row.key.expiresAt <= now) return null;
  return row;
}

export async function insertApiKey(db: Database, row: typeof apiKeys.$inferInsert) {
  const [created] = await db
    .insert(apiKeys)
    .values(row)
    .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return created;
}

export async function touchApiKey(db: Database, id: string, at: Date) {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}

/** Every key of a workspace (never the hash), newest first, with the user it acts as. */
export async function listApiKeys(db: Database, accountScopeId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      userId: apiKeys.userId,
      userEmail: users.email,
      projectIds: apiKeys.projectIds,
      readOnly: apiKeys.readOnly,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.accountScopeId, accountScopeId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key of the workspace; null when there is no such key (or it was already revoked). */
export async function revokeApiKeyRow(db: Database, accountScopeId: string, id: string, at: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.accountScopeId, accountScopeId), isNull(apiKeys.revokedAt)))
    .returning({
      id: apiKeys.id,
      userId: apiKeys.userId,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      revokedAt: apiKeys.revokedAt,
    });
  return row ?? null;
}

import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { accountScopes, userSessions, users, workspaceMembers } from '../schema/platform.ts';

export type SessionRow = typeof userSessions.$inferSelect;

export async function insertSession(db: Database, row: typeof userSessions.$inferInsert): Promise<void> {
  await db.insert(userSessions).values(row);
}

/** A live session with its user and workspace role; null when absent, expired or the user is disabled. */
export async function findLiveSession(db: Database, idHash: string, now: Date) {
  const rows = await db
    .select({
      session: userSessions,
      user: { id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt },
      role: workspaceMembers.role,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.userId, userSessions.userId),
        eq(workspaceMembers.accountScopeId, userSessions.accountScopeId),
      ),
    )
    .where(and(eq(userSessions.idHash, idHash), gt(userSessions.expiresAt, now)))
    .limit(1);
  const row = rows[0];
  if (!row || row.user.disabledAt) return null;
  return row;
}

export async function touchSession(db: Database, idHash: string, now: Date): Promise<void> {
  await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.idHash, idHash));
}

export async function setSessionProject(
  db: Database,
  idHash: string,
  projectId: string | null,
): Promise<void> {
  await db.update(userSessions).set({ activeProjectId: projectId }).where(eq(userSessions.idHash, idHash));
}

/** Moves a session to another workspace; the active project belonged to the old one, so it is cleared. */
export async function setSessionWorkspace(
  db: Database,
  idHash: string,
  accountScopeId: string,
): Promise<void> {
  await db
    .update(userSessions)
    .set({ accountScopeId, activeProjectId: null })
    .where(eq(userSessions.idHash, idHash));
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.idHash, idHash));
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(userSessions).where(lt(userSessions.expiresAt, now));
}

export async function findWorkspace(db: Database, id: string) {
  const rows = await db.select().from(accountScopes).where(eq(accountScopes.id, id)).limit(1);
  return rows[0] ?? null;
}

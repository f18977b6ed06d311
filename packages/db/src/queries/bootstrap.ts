import { eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type Role, accountScopes, users, workspaceMembers } from '../schema/platform.ts';

export async function findOrCreateWorkspace(db: Database, slug: string, name: string) {
  const existing = await db.select().from(accountScopes).where(eq(accountScopes.slug, slug)).limit(1);
  if (existing[0]) return { workspace: existing[0], created: false };
  const [workspace] = await db.insert(accountScopes).values({ slug, name }).onConflictDoNothing().returning();
  if (workspace) return { workspace, created: true };
  const again = await db.select().from(accountScopes).where(eq(accountScopes.slug, slug)).limit(1);
  if (!again[0]) throw new Error(`workspace ${slug} could not be created`);
  return { workspace: again[0], created: false };
}

export async function insertUser(db: Database, row: typeof users.$inferInsert) {
  const [user] = await db.insert(users).values(row).returning();
  if (!user) throw new Error('user insert returned no row');
  return user;
}

export async function updateUserPassword(db: Database, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function upsertWorkspaceMember(
  db: Database,
  accountScopeId: string,
  userId: string,
  role: Role,
) {
  await db
    .insert(workspaceMembers)
    .values({ accountScopeId, userId, role })
    .onConflictDoUpdate({
      target: [workspaceMembers.accountScopeId, workspaceMembers.userId],
      set: { role },
    });
}

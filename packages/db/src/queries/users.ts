import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type Role, accountScopes, loginAttempts, users, workspaceMembers } from '../schema/platform.ts';

export async function findUserByEmail(db: Database, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return rows[0] ?? null;
}

/** The user's workspaces with their role, oldest membership first (the default workspace). */
export async function listUserWorkspaces(db: Database, userId: string) {
  return db
    .select({ accountScopeId: workspaceMembers.accountScopeId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaceMembers.createdAt));
}

export async function findWorkspaceRole(
  db: Database,
  userId: string,
  accountScopeId: string,
): Promise<Role | null> {
  const rows = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.accountScopeId, accountScopeId)))
    .limit(1);
  return rows[0]?.role ?? null;
}

export async function recordLoginAttempt(
  db: Database,
  email: string,
  ip: string,
  succeeded: boolean,
  at: Date,
) {
  await db.insert(loginAttempts).values({ email: email.toLowerCase(), ip, succeeded, createdAt: at });
}

export async function markUserLogin(db: Database, userId: string, at: Date) {
  await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId));
}

/** Workspaces the user belongs to, with names, for the switcher. */
export async function listWorkspacesOfUser(db: Database, userId: string) {
  return db
    .select({
      accountScopeId: workspaceMembers.accountScopeId,
      slug: accountScopes.slug,
      name: accountScopes.name,
      role: workspaceMembers.role,
    })
    .from(workspaceMembers)
    .innerJoin(accountScopes, eq(accountScopes.id, workspaceMembers.accountScopeId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(accountScopes.name));
}

/** A workspace by slug, or the only one when no slug is given (CLI convenience). */
export async function findWorkspaceBySlug(db: Database, slug: string | undefined) {
  const rows = await db
    .select({ id: accountScopes.id, slug: accountScopes.slug })
    .from(accountScopes)
    .where(slug ? eq(accountScopes.slug, slug) : sql`true`)
    .limit(slug ? 1 : 50);
  const only = rows.length === 1 ? rows[0] : undefined;
  return { workspace: only ?? null, slugs: rows.map((r) => r.slug) };
}

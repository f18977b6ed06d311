import { and, asc, eq, sql } from 'drizzle-orm';
import { canSeeProject, effectiveProjectRole } from '@keel/core/policy';
import type { Database } from '../client.ts';
import { type Role, projectMembers, projects } from '../schema/platform.ts';

const projectColumns = {
  id: projects.id,
  accountScopeId: projects.accountScopeId,
  name: projects.name,
  slug: projects.slug,
  clientName: projects.clientName,
  status: projects.status,
  contractValueMinor: projects.contractValueMinor,
  currency: projects.currency,
  startsAt: projects.startsAt,
  endsAt: projects.endsAt,
  createdAt: projects.createdAt,
};

/** Projects the user may see, with their effective role on each. */
export async function listAccessibleProjects(
  db: Database,
  accountScopeId: string,
  userId: string,
  workspaceRole: Role,
) {
  const rows = await db
    .select({ ...projectColumns, memberRole: projectMembers.role })
    .from(projects)
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)),
    )
    .where(eq(projects.accountScopeId, accountScopeId))
    .orderBy(asc(projects.name));
  return rows
    .filter((r) => canSeeProject(workspaceRole, r.memberRole))
    .map(({ memberRole, ...p }) => ({ ...p, role: effectiveProjectRole(workspaceRole, memberRole) }));
}

/** The caller's role on a project of their workspace, or null when they have no access (or it is elsewhere). */
export async function findProjectAccess(
  db: Database,
  accountScopeId: string,
  projectId: string,
  userId: string,
  workspaceRole: Role,
): Promise<Role | null> {
  const rows = await db
    .select({ id: projects.id, memberRole: projectMembers.role })
    .from(projects)
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)),
    )
    .where(and(eq(projects.id, projectId), eq(projects.accountScopeId, accountScopeId)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (!canSeeProject(workspaceRole, row.memberRole)) return null;
  return effectiveProjectRole(workspaceRole, row.memberRole);
}

export async function findProject(db: Database, accountScopeId: string, projectId: string) {
  const rows = await db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.accountScopeId, accountScopeId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function slugExists(db: Database, accountScopeId: string, slug: string): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`1` })
    .from(projects)
    .where(and(eq(projects.accountScopeId, accountScopeId), eq(projects.slug, slug)))
    .limit(1);
  return rows.length > 0;
}

export async function insertProject(db: Database, row: typeof projects.$inferInsert) {
  const [created] = await db.insert(projects).values(row).returning(projectColumns);
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function upsertProjectMember(
  db: Database,
  project: { id: string; accountScopeId: string },
  userId: string,
  role: Role,
) {
  await db
    .insert(projectMembers)
    .values({ accountScopeId: project.accountScopeId, projectId: project.id, userId, role })
    .onConflictDoUpdate({
      target: [projectMembers.projectId, projectMembers.userId, projectMembers.accountScopeId],
      set: { role },
    });
}

/** Every project of a workspace that is not archived, by name: for operator tools and jobs. */
export async function listWorkspaceProjects(db: Database, accountScopeId: string) {
  return db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.accountScopeId, accountScopeId), sql`${projects.status} <> 'archived'`))
    .orderBy(asc(projects.name));
}

/** Merges keys into a project's settings (jsonb `||`), leaving the others as they are. */
export async function mergeProjectSettings(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  patch: Record<string, unknown>,
): Promise<void> {
  await db
    .update(projects)
    .set({ settings: sql`${projects.settings} || ${JSON.stringify(patch)}::jsonb`, updatedAt: new Date() })
    .where(and(eq(projects.id, scope.projectId), eq(projects.accountScopeId, scope.accountScopeId)));
}

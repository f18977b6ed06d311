import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { projectSources, type SourceKind } from '../schema/connectors.ts';

/** project_sources: which vendor object (inbox, team, company …) feeds which project. */
export type SourceBindingRow = typeof projectSources.$inferSelect;

export async function findSourceBinding(
  db: Database,
  accountScopeId: string,
  sourceKind: SourceKind,
  externalId: string,
): Promise<SourceBindingRow | undefined> {
  const rows = await db
    .select()
    .from(projectSources)
    .where(
      and(
        eq(projectSources.accountScopeId, accountScopeId),
        eq(projectSources.sourceKind, sourceKind),
        eq(projectSources.externalId, externalId),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function insertSourceBinding(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  sourceKind: SourceKind,
  externalId: string,
  meta: Record<string, unknown>,
): Promise<SourceBindingRow | undefined> {
  const rows = await db
    .insert(projectSources)
    .values({ ...scope, sourceKind, externalId, meta })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function updateSourceBindingMeta(
  db: Database,
  id: string,
  meta: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db.update(projectSources).set({ meta, updatedAt: now }).where(eq(projectSources.id, id));
}

export async function listProjectSourceBindings(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  kinds?: SourceKind[],
): Promise<SourceBindingRow[]> {
  return db
    .select()
    .from(projectSources)
    .where(
      and(
        eq(projectSources.accountScopeId, scope.accountScopeId),
        eq(projectSources.projectId, scope.projectId),
        kinds && kinds.length > 0 ? inArray(projectSources.sourceKind, kinds) : undefined,
      ),
    )
    .orderBy(asc(projectSources.sourceKind), asc(projectSources.externalId));
}

/** Every binding of a workspace, to resolve which project an incoming vendor row belongs to. */
export async function listWorkspaceSourceBindings(
  db: Database,
  accountScopeId: string,
  kinds: SourceKind[],
): Promise<SourceBindingRow[]> {
  return db
    .select()
    .from(projectSources)
    .where(and(eq(projectSources.accountScopeId, accountScopeId), inArray(projectSources.sourceKind, kinds)));
}

export async function deleteSourceBinding(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  sourceKind: SourceKind,
  externalId: string,
): Promise<boolean> {
  const rows = await db
    .delete(projectSources)
    .where(
      and(
        eq(projectSources.accountScopeId, scope.accountScopeId),
        eq(projectSources.projectId, scope.projectId),
        eq(projectSources.sourceKind, sourceKind),
        eq(projectSources.externalId, externalId),
      ),
    )
    .returning({ id: projectSources.id });
  return rows.length > 0;
}

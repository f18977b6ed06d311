import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import {
  deleteSourceBinding,
  findSourceBinding,
  insertSourceBinding,
  listProjectSourceBindings,
  listWorkspaceSourceBindings,
  type SourceBindingRow,
  updateSourceBindingMeta,
} from '@keel/db/queries/connectors-sources';
import type { SourceKind } from '@keel/db/schema/connectors';
import type { ProjectScope } from './types.ts';

/**
 * The seed's `resolveProjectSourceBinding`: binds an external object to the project in scope, or
 * returns the existing binding. An object feeds one project only (otherwise its rows would count
 * twice), so binding it to a second project is a conflict the caller must resolve by unbinding.
 */
export async function resolveProjectSourceBinding(
  db: Database,
  scope: ProjectScope,
  sourceKind: SourceKind,
  externalId: string,
  meta: Record<string, unknown> = {},
  now: Date = new Date(),
): Promise<SourceBindingRow> {
  const existing = await findSourceBinding(db, scope.accountScopeId, sourceKind, externalId);
  if (existing) {
    if (existing.projectId !== scope.projectId) {
      throw new ApiError(
        'conflict',
        `${sourceKind} ${externalId} already feeds another project; unbind it there first.`,
        { projectId: existing.projectId },
      );
    }
    if (Object.keys(meta).length > 0)
      await updateSourceBindingMeta(db, existing.id, { ...existing.meta, ...meta }, now);
    return { ...existing, meta: { ...existing.meta, ...meta } };
  }
  const created = await insertSourceBinding(db, scope, sourceKind, externalId, meta);
  if (created) return created;
  // Lost a race with another binder: report what won.
  const winner = await findSourceBinding(db, scope.accountScopeId, sourceKind, externalId);
  if (winner?.projectId === scope.projectId) return winner;
  throw new ApiError(
    'conflict',
    `${sourceKind} ${externalId} already feeds another project; unbind it there first.`,
  );
}

export async function unbindProjectSource(
  db: Database,
  scope: ProjectScope,
  sourceKind: SourceKind,
  externalId: string,
): Promise<boolean> {
  return deleteSourceBinding(db, scope, sourceKind, externalId);
}

export async function listProjectSources(db: Database, scope: ProjectScope, kinds?: SourceKind[]) {
  return listProjectSourceBindings(db, scope, kinds);
}

/** externalId → projectId for the given kinds across the workspace (rows of other projects included). */
export async function workspaceBindingMap(
  db: Database,
  accountScopeId: string,
  kinds: SourceKind[],
): Promise<Map<string, string>> {
  const rows = await listWorkspaceSourceBindings(db, accountScopeId, kinds);
  return new Map(rows.map((r) => [`${r.sourceKind}:${r.externalId}`, r.projectId]));
}

export function idsOfKind(rows: SourceBindingRow[], kind: SourceKind): string[] {
  return rows.filter((r) => r.sourceKind === kind).map((r) => r.externalId);
}

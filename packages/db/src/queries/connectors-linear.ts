import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { linearCyclesRaw, linearIssuesRaw, linearProjectsRaw, linearStatesRaw } from '../schema/linear.ts';
import { upsertRows } from './connectors-upsert.ts';

/** Linear mirror writes keyed by Linear's UUIDs; an older copy of a node never overwrites a newer one. */
export type LinearRows = Array<
  | typeof linearStatesRaw.$inferInsert
  | typeof linearCyclesRaw.$inferInsert
  | typeof linearProjectsRaw.$inferInsert
  | typeof linearIssuesRaw.$inferInsert
>;

const GUARD = { notOlder: 'sourceUpdatedAt' };

export function upsertLinearRows(
  db: Database,
  resource: 'states' | 'cycles' | 'projects' | 'issues',
  rows: LinearRows,
): Promise<number> {
  switch (resource) {
    case 'states':
      return upsertRows(
        db,
        linearStatesRaw,
        [linearStatesRaw.accountScopeId, linearStatesRaw.linearStateId],
        rows as (typeof linearStatesRaw.$inferInsert)[],
        GUARD,
      );
    case 'cycles':
      return upsertRows(
        db,
        linearCyclesRaw,
        [linearCyclesRaw.accountScopeId, linearCyclesRaw.linearCycleId],
        rows as (typeof linearCyclesRaw.$inferInsert)[],
        GUARD,
      );
    case 'projects':
      return upsertRows(
        db,
        linearProjectsRaw,
        [linearProjectsRaw.accountScopeId, linearProjectsRaw.linearProjectId],
        rows as (typeof linearProjectsRaw.$inferInsert)[],
        GUARD,
      );
    case 'issues':
      return upsertRows(
        db,
        linearIssuesRaw,
        [linearIssuesRaw.accountScopeId, linearIssuesRaw.linearIssueId],
        rows as (typeof linearIssuesRaw.$inferInsert)[],
        GUARD,
      );
  }
}

/** Linear projects the project's issues point at: their rows are mirrored too. */
export async function distinctIssueProjectIds(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: linearIssuesRaw.linearProjectId })
    .from(linearIssuesRaw)
    .where(
      and(
        eq(linearIssuesRaw.accountScopeId, scope.accountScopeId),
        eq(linearIssuesRaw.projectId, scope.projectId),
        isNotNull(linearIssuesRaw.linearProjectId),
      ),
    );
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

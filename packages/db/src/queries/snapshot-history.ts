import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { projectSnapshots } from '../schema/snapshots.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * Stored snapshots read back as a history (oldest first): what case signatures, forecasts and
 * the track-record replay read. One statement per project, or one for a whole workspace.
 */
const columns = {
  id: projectSnapshots.id,
  projectId: projectSnapshots.projectId,
  date: projectSnapshots.snapshotDate,
  health: projectSnapshots.health,
  risk: projectSnapshots.risk,
  scores: projectSnapshots.scores,
  signals: projectSnapshots.signals,
  metrics: projectSnapshots.metrics,
  asOf: projectSnapshots.asOf,
};

export type SnapshotHistoryRow = {
  id: string;
  projectId: string;
  date: string;
  health: number | null;
  risk: number | null;
  scores: Record<string, unknown>;
  signals: Record<string, unknown>;
  metrics: Record<string, number | null>;
  asOf: Date;
};

/** One project's snapshots between `from` and `to` (inclusive, either optional), oldest first. */
export async function listSnapshotHistory(
  db: Database,
  scope: KagScope,
  range: { from?: string; to?: string } = {},
): Promise<SnapshotHistoryRow[]> {
  return db
    .select(columns)
    .from(projectSnapshots)
    .where(
      and(
        eq(projectSnapshots.accountScopeId, scope.accountScopeId),
        eq(projectSnapshots.projectId, scope.projectId),
        range.from ? gte(projectSnapshots.snapshotDate, range.from) : undefined,
        range.to ? lte(projectSnapshots.snapshotDate, range.to) : undefined,
      ),
    )
    .orderBy(asc(projectSnapshots.snapshotDate));
}

/** Every snapshot of a workspace from `from` on, by project then day (the track-record replay). */
export async function listWorkspaceSnapshotHistory(
  db: Database,
  accountScopeId: string,
  from: string,
): Promise<SnapshotHistoryRow[]> {
  return db
    .select(columns)
    .from(projectSnapshots)
    .where(and(eq(projectSnapshots.accountScopeId, accountScopeId), gte(projectSnapshots.snapshotDate, from)))
    .orderBy(asc(projectSnapshots.projectId), asc(projectSnapshots.snapshotDate));
}

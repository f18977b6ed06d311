import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  connectorSyncRuns,
  type SyncRunConnectorResult,
  type SyncRunStatus,
  type SyncRunTarget,
} from '../schema/connector-runs.ts';

/** Queries behind the sync runs someone asked for (see schema/connector-runs.ts). */
export type ProjectScopeIds = { accountScopeId: string; projectId: string };
export type SyncRunRow = typeof connectorSyncRuns.$inferSelect;

/** Why a run is closed when its lease expired. */
export const ABANDONED_RUN =
  'abandoned: the process running this sync stopped before it finished; start a new sync';

const leaseUntil = (leaseMs: number) =>
  sql`now() + make_interval(secs => ${Math.max(0, leaseMs) / 1000}::double precision)`;

const inProject = (scope: ProjectScopeIds) =>
  and(
    eq(connectorSyncRuns.accountScopeId, scope.accountScopeId),
    eq(connectorSyncRuns.projectId, scope.projectId),
  );

/** Closes the project's running runs whose lease expired (their process died): `failed`, with why. */
export async function closeAbandonedSyncRuns(db: Database, scope: ProjectScopeIds, now: Date) {
  await db
    .update(connectorSyncRuns)
    .set({ status: 'failed', error: ABANDONED_RUN, finishedAt: now, updatedAt: now })
    .where(
      and(
        inProject(scope),
        eq(connectorSyncRuns.status, 'running'),
        lt(connectorSyncRuns.leaseExpiresAt, sql`now()`),
      ),
    );
}

async function findRunning(db: Database, scope: ProjectScopeIds, targets: readonly SyncRunTarget[]) {
  const [row] = await db
    .select()
    .from(connectorSyncRuns)
    .where(
      and(
        inProject(scope),
        eq(connectorSyncRuns.status, 'running'),
        inArray(connectorSyncRuns.target, [...targets]),
      ),
    )
    .limit(1);
  return row;
}

/**
 * The running run of `joins` (the target itself first) for the project, or a new one for
 * `target`. The partial unique index makes two concurrent starters agree: the loser's insert
 * does nothing and it reads the winner's run.
 */
export async function startOrJoinSyncRun(
  db: Database,
  scope: ProjectScopeIds,
  params: {
    target: SyncRunTarget;
    joins: readonly SyncRunTarget[];
    mode: 'incremental' | 'full';
    startedBy: string | null;
    now: Date;
    leaseMs: number;
  },
): Promise<{ run: SyncRunRow; joined: boolean }> {
  await closeAbandonedSyncRuns(db, scope, params.now);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const running = await findRunning(db, scope, [params.target, ...params.joins]);
    if (running) return { run: running, joined: true };
    const [created] = await db
      .insert(connectorSyncRuns)
      .values({
        accountScopeId: scope.accountScopeId,
        projectId: scope.projectId,
        target: params.target,
        mode: params.mode,
        startedBy: params.startedBy,
        leaseExpiresAt: leaseUntil(params.leaseMs),
        startedAt: params.now,
      })
      .onConflictDoNothing()
      .returning();
    if (created) return { run: created, joined: false };
  }
  throw new Error('could not start or join a sync run');
}

/** Keeps a running run's lease alive (database clock); false once it is no longer running. */
export async function renewSyncRunLease(db: Database, id: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(connectorSyncRuns)
    .set({ leaseExpiresAt: leaseUntil(leaseMs) })
    .where(and(eq(connectorSyncRuns.id, id), eq(connectorSyncRuns.status, 'running')))
    .returning({ id: connectorSyncRuns.id });
  return rows.length > 0;
}

/** The connectors finished so far, while the run goes on. */
export async function recordSyncRunResults(
  db: Database,
  id: string,
  results: SyncRunConnectorResult[],
  now: Date,
): Promise<void> {
  await db
    .update(connectorSyncRuns)
    .set({ results, updatedAt: now })
    .where(and(eq(connectorSyncRuns.id, id), eq(connectorSyncRuns.status, 'running')));
}

/** Ends a running run; null when it was no longer running (closed as abandoned meanwhile). */
export async function finishSyncRun(
  db: Database,
  id: string,
  outcome: {
    status: Exclude<SyncRunStatus, 'running'>;
    error: string | null;
    results: SyncRunConnectorResult[];
    now: Date;
  },
): Promise<SyncRunRow | null> {
  const [row] = await db
    .update(connectorSyncRuns)
    .set({
      status: outcome.status,
      error: outcome.error,
      results: outcome.results,
      finishedAt: outcome.now,
      updatedAt: outcome.now,
    })
    .where(and(eq(connectorSyncRuns.id, id), eq(connectorSyncRuns.status, 'running')))
    .returning();
  return row ?? null;
}

/** One run of the project (after closing abandoned ones, so a dead process's run reads `failed`). */
export async function getSyncRun(
  db: Database,
  scope: ProjectScopeIds,
  id: string,
  now: Date,
): Promise<SyncRunRow | null> {
  await closeAbandonedSyncRuns(db, scope, now);
  const [row] = await db
    .select()
    .from(connectorSyncRuns)
    .where(and(inProject(scope), eq(connectorSyncRuns.id, id)))
    .limit(1);
  return row ?? null;
}

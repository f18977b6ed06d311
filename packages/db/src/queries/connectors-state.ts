import { and, asc, desc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type Connector, connectorErrors, connectorSyncState } from '../schema/connectors.ts';

/** Queries behind connector-state: the per-project sync state row (also the sync lease) and the DLQ. */
export type ProjectScopeIds = { accountScopeId: string; projectId: string };

export type SyncStateRow = typeof connectorSyncState.$inferSelect;
export type ConnectorErrorRow = typeof connectorErrors.$inferSelect;

export async function listSyncStates(db: Database, scope: ProjectScopeIds): Promise<SyncStateRow[]> {
  return db
    .select()
    .from(connectorSyncState)
    .where(
      and(
        eq(connectorSyncState.accountScopeId, scope.accountScopeId),
        eq(connectorSyncState.projectId, scope.projectId),
      ),
    )
    .orderBy(asc(connectorSyncState.connector));
}

/** The lease of one sync: who holds it and for how long (renewed every third of it). */
export type SyncLease = { owner: string; leaseMs: number };

const leaseUntil = (leaseMs: number) =>
  sql`now() + make_interval(secs => ${Math.max(0, leaseMs) / 1000}::double precision)`;

/** A job-run owner whose run is no longer running (abandoned after its worker died): its lease is dead. */
const JOB_RUN_OWNER = 'job_run:';

function syncRow(scope: ProjectScopeIds, connector: Connector) {
  return and(
    eq(connectorSyncState.accountScopeId, scope.accountScopeId),
    eq(connectorSyncState.projectId, scope.projectId),
    eq(connectorSyncState.connector, connector),
  );
}

/**
 * Takes the sync lease: flips the row to `running` with this owner and an expiry on the
 * database's clock, unless another owner holds a live lease. A lease whose expiry passed (its
 * holder stopped renewing: the worker died) is taken over, as is one held by a job run that was
 * already closed as abandoned; so a killed worker never blocks a project for long. A row left
 * running without an expiry (written before leases had one) is stale after ten minutes.
 */
export async function acquireSyncLease(
  db: Database,
  scope: ProjectScopeIds,
  connector: Connector,
  lease: SyncLease & { now: Date; mode: 'incremental' | 'full' },
): Promise<boolean> {
  await db
    .insert(connectorSyncState)
    .values({ accountScopeId: scope.accountScopeId, projectId: scope.projectId, connector })
    .onConflictDoNothing();
  const ownerRunId = sql`substr(${connectorSyncState.leaseOwner}, ${JOB_RUN_OWNER.length + 1})`;
  const rows = await db
    .update(connectorSyncState)
    .set({
      status: 'running',
      mode: lease.mode,
      leaseOwner: lease.owner,
      leaseExpiresAt: leaseUntil(lease.leaseMs),
      lastStartedAt: lease.now,
      updatedAt: lease.now,
    })
    .where(
      and(
        syncRow(scope, connector),
        or(
          ne(connectorSyncState.status, 'running'),
          eq(connectorSyncState.leaseOwner, lease.owner),
          sql`${connectorSyncState.leaseExpiresAt} < now()`,
          sql`(${connectorSyncState.leaseExpiresAt} is null and ${connectorSyncState.updatedAt} < now() - interval '10 minutes')`,
          sql`(${connectorSyncState.leaseOwner} like ${`${JOB_RUN_OWNER}%`} and exists (
                select 1 from job_runs r where r.id::text = ${ownerRunId} and r.status <> 'running'))`,
        ),
      ),
    )
    .returning({ id: connectorSyncState.id });
  return rows.length > 0;
}

/** Renews the lease from the database's clock; false when this owner does not hold it any more. */
export async function renewSyncLease(
  db: Database,
  scope: ProjectScopeIds,
  connector: Connector,
  lease: SyncLease,
): Promise<boolean> {
  const rows = await db
    .update(connectorSyncState)
    .set({ leaseExpiresAt: leaseUntil(lease.leaseMs) })
    .where(
      and(
        syncRow(scope, connector),
        eq(connectorSyncState.status, 'running'),
        eq(connectorSyncState.leaseOwner, lease.owner),
      ),
    )
    .returning({ id: connectorSyncState.id });
  return rows.length > 0;
}

/** Progress of the holder's run as pages land (the lease itself is renewed by `renewSyncLease`). */
export async function heartbeatSyncLease(
  db: Database,
  scope: ProjectScopeIds,
  connector: Connector,
  owner: string,
  now: Date,
  stats: Record<string, number>,
): Promise<void> {
  await db
    .update(connectorSyncState)
    .set({ updatedAt: now, lastRunStats: stats })
    .where(
      and(
        syncRow(scope, connector),
        eq(connectorSyncState.status, 'running'),
        eq(connectorSyncState.leaseOwner, owner),
      ),
    );
}

export type SyncOutcome = {
  status: 'ok' | 'failed';
  finishedAt: Date;
  stats: Record<string, number>;
  error: string | null;
  meta?: Record<string, unknown>;
};

/** Ends the owner's run and releases its lease; false when the lease was taken over meanwhile. */
export async function finishSyncLease(
  db: Database,
  scope: ProjectScopeIds,
  connector: Connector,
  owner: string,
  outcome: SyncOutcome,
): Promise<boolean> {
  const ok = outcome.status === 'ok';
  const rows = await db
    .update(connectorSyncState)
    .set({
      status: outcome.status,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastFinishedAt: outcome.finishedAt,
      ...(ok ? { lastSuccessAt: outcome.finishedAt } : {}),
      lastError: outcome.error,
      consecutiveFailures: ok ? 0 : sql`${connectorSyncState.consecutiveFailures} + 1`,
      lastRunStats: outcome.stats,
      ...(outcome.meta
        ? { meta: sql`${connectorSyncState.meta} || ${JSON.stringify(outcome.meta)}::jsonb` }
        : {}),
      updatedAt: outcome.finishedAt,
    })
    .where(and(syncRow(scope, connector), eq(connectorSyncState.leaseOwner, owner)))
    .returning({ id: connectorSyncState.id });
  return rows.length > 0;
}

export type ConnectorErrorInput = {
  connector: Connector;
  operation: string;
  sourceRef: string | null;
  dedupeKey: string;
  errorKind: string;
  errorMessage: string;
  httpStatus: number | null;
  payload: Record<string, unknown>;
  nextRetryAt: Date;
  now: Date;
};

/** Registers (or bumps) one failed unit of work; the same failure twice is one row with more attempts. */
export async function upsertConnectorError(
  db: Database,
  scope: ProjectScopeIds,
  input: ConnectorErrorInput,
): Promise<ConnectorErrorRow | undefined> {
  const rows = await db
    .insert(connectorErrors)
    .values({
      accountScopeId: scope.accountScopeId,
      projectId: scope.projectId,
      connector: input.connector,
      operation: input.operation,
      sourceRef: input.sourceRef,
      dedupeKey: input.dedupeKey,
      errorKind: input.errorKind,
      errorMessage: input.errorMessage.slice(0, 2000),
      httpStatus: input.httpStatus,
      payload: input.payload,
      status: 'pending',
      attempts: 1,
      nextRetryAt: input.nextRetryAt,
      lastAttemptAt: input.now,
    })
    .onConflictDoUpdate({
      target: [
        connectorErrors.projectId,
        connectorErrors.connector,
        connectorErrors.dedupeKey,
        connectorErrors.accountScopeId,
      ],
      set: {
        errorKind: input.errorKind,
        errorMessage: input.errorMessage.slice(0, 2000),
        httpStatus: input.httpStatus,
        payload: input.payload,
        status: 'retrying',
        attempts: sql`${connectorErrors.attempts} + 1`,
        nextRetryAt: input.nextRetryAt,
        lastAttemptAt: input.now,
        resolvedAt: null,
        updatedAt: input.now,
      },
    })
    .returning();
  return rows[0];
}

/** Marks errors dead once they ran out of attempts: still listed, never retried again. */
export async function markConnectorErrorDead(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(connectorErrors)
    .set({ status: 'dead', nextRetryAt: null, updatedAt: now })
    .where(eq(connectorErrors.id, id));
}

export async function listConnectorErrors(
  db: Database,
  scope: ProjectScopeIds,
  filter: { connector?: Connector; status?: ConnectorErrorRow['status']; limit: number },
): Promise<ConnectorErrorRow[]> {
  return db
    .select()
    .from(connectorErrors)
    .where(
      and(
        eq(connectorErrors.accountScopeId, scope.accountScopeId),
        eq(connectorErrors.projectId, scope.projectId),
        filter.connector ? eq(connectorErrors.connector, filter.connector) : undefined,
        filter.status ? eq(connectorErrors.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(connectorErrors.updatedAt))
    .limit(filter.limit);
}

/** Open errors whose backoff has elapsed, oldest due first. */
export async function listDueConnectorErrorRows(
  db: Database,
  scope: ProjectScopeIds,
  now: Date,
  limit: number,
  connector?: Connector,
): Promise<ConnectorErrorRow[]> {
  return db
    .select()
    .from(connectorErrors)
    .where(
      and(
        eq(connectorErrors.accountScopeId, scope.accountScopeId),
        eq(connectorErrors.projectId, scope.projectId),
        inArray(connectorErrors.status, ['pending', 'retrying']),
        lte(connectorErrors.nextRetryAt, now),
        connector ? eq(connectorErrors.connector, connector) : undefined,
      ),
    )
    .orderBy(asc(connectorErrors.nextRetryAt))
    .limit(limit);
}

/** Resolves open errors by dedupe key (a later success of the same unit of work) or by id. */
export async function resolveConnectorErrorRows(
  db: Database,
  scope: ProjectScopeIds,
  connector: Connector,
  match: { dedupeKeys?: string[]; ids?: string[] },
  now: Date,
): Promise<number> {
  const keys = match.dedupeKeys ?? [];
  const ids = match.ids ?? [];
  if (keys.length === 0 && ids.length === 0) return 0;
  const rows = await db
    .update(connectorErrors)
    .set({ status: 'resolved', resolvedAt: now, nextRetryAt: null, updatedAt: now })
    .where(
      and(
        eq(connectorErrors.accountScopeId, scope.accountScopeId),
        eq(connectorErrors.projectId, scope.projectId),
        eq(connectorErrors.connector, connector),
        inArray(connectorErrors.status, ['pending', 'retrying']),
        or(
          keys.length > 0 ? inArray(connectorErrors.dedupeKey, keys) : undefined,
          ids.length > 0 ? inArray(connectorErrors.id, ids) : undefined,
        ),
      ),
    )
    .returning({ id: connectorErrors.id });
  return rows.length;
}

export async function countOpenConnectorErrors(
  db: Database,
  scope: ProjectScopeIds,
): Promise<Array<{ connector: Connector; open: number }>> {
  const rows = await db
    .select({ connector: connectorErrors.connector, open: sql<number>`count(*)::int` })
    .from(connectorErrors)
    .where(
      and(
        eq(connectorErrors.accountScopeId, scope.accountScopeId),
        eq(connectorErrors.projectId, scope.projectId),
        inArray(connectorErrors.status, ['pending', 'retrying']),
        isNull(connectorErrors.resolvedAt),
      ),
    )
    .groupBy(connectorErrors.connector);
  return rows;
}

export async function setConnectorErrorRetryAt(db: Database, id: string, nextRetryAt: Date): Promise<void> {
  await db.update(connectorErrors).set({ nextRetryAt }).where(eq(connectorErrors.id, id));
}

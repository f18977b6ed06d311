import type { Database } from '@keel/db/client';
import {
  acquireSyncLease,
  finishSyncLease,
  listConnectorErrors,
  listDueConnectorErrorRows,
  listSyncStates,
  markConnectorErrorDead,
  renewSyncLease,
  resolveConnectorErrorRows,
  setConnectorErrorRetryAt,
  upsertConnectorError,
  type ConnectorErrorRow,
  type SyncLease,
  type SyncStateRow,
} from '@keel/db/queries/connectors-state';
import type { Connector } from '@keel/db/schema/connectors';
import type { ConnectorError } from './errors.ts';
import type { ProjectScope } from './types.ts';

/**
 * The seed's connector-state: the per-project sync state row (which doubles as the lease that
 * keeps two syncs of one project and connector apart) and the dead-letter queue.
 */

/**
 * The sync lease's default lifetime: the scheduler's job lease (DEFAULT_LEASE_MS in @keel/app).
 * A scheduled sync uses its job's lease length; the holder renews it every third of it, and a
 * lease not renewed for one lifetime (its holder died) is taken over by the next sync.
 */
export const DEFAULT_SYNC_LEASE_MS = 60_000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** After this many failed attempts an error is parked as `dead` and only a person retries it. */
export const MAX_ERROR_ATTEMPTS = 10;

/** Exponential backoff for the n-th failed attempt (1-based): 1 min, 2, 4 … capped at 6 h. */
export function nextRetryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS);
}

export async function getConnectorSyncState(db: Database, scope: ProjectScope): Promise<SyncStateRow[]> {
  return listSyncStates(db, scope);
}

export type { SyncLease };

/** Takes the lease for `lease.owner`; false when another live owner holds it for this project and connector. */
export async function markConnectorSyncRunning(
  db: Database,
  scope: ProjectScope,
  connector: Connector,
  now: Date,
  lease: SyncLease,
  mode: 'incremental' | 'full' = 'incremental',
): Promise<boolean> {
  return acquireSyncLease(db, scope, connector, { ...lease, now, mode });
}

/** Renews the lease; false when it was taken over (the holder must stop). */
export async function renewConnectorSyncLease(
  db: Database,
  scope: ProjectScope,
  connector: Connector,
  lease: SyncLease,
): Promise<boolean> {
  return renewSyncLease(db, scope, connector, lease);
}

export async function markConnectorSyncSuccess(
  db: Database,
  scope: ProjectScope,
  connector: Connector,
  owner: string,
  now: Date,
  stats: Record<string, number>,
  meta?: Record<string, unknown>,
): Promise<boolean> {
  return finishSyncLease(db, scope, connector, owner, {
    status: 'ok',
    finishedAt: now,
    stats,
    error: null,
    ...(meta ? { meta } : {}),
  });
}

export async function markConnectorSyncFailure(
  db: Database,
  scope: ProjectScope,
  connector: Connector,
  owner: string,
  now: Date,
  error: string,
  stats: Record<string, number>,
): Promise<boolean> {
  return finishSyncLease(db, scope, connector, owner, { status: 'failed', finishedAt: now, stats, error });
}

export type FailedUnit = {
  connector: Connector;
  /** `conversations.page`, `messages.page`, `issues.page` … */
  operation: string;
  /** The resource (or per-conversation unit such as `messages:42`) a retry re-runs. */
  unit: string;
  sourceRef: string | null;
  payload?: Record<string, unknown>;
};

/** Parks a failed unit of work with exponential backoff; the same unit failing again bumps its row. */
export async function registerConnectorError(
  db: Database,
  scope: ProjectScope,
  failed: FailedUnit,
  error: ConnectorError,
  now: Date,
): Promise<ConnectorErrorRow | undefined> {
  const row = await upsertConnectorError(db, scope, {
    connector: failed.connector,
    operation: failed.operation,
    sourceRef: failed.sourceRef,
    dedupeKey: failed.unit,
    errorKind: error.kind,
    errorMessage: error.message,
    httpStatus: error.status,
    payload: { unit: failed.unit, ...failed.payload },
    nextRetryAt: new Date(now.getTime() + nextRetryDelayMs(1)),
    now,
  });
  if (!row) return row;
  if (row.attempts >= MAX_ERROR_ATTEMPTS) {
    await markConnectorErrorDead(db, row.id, now);
    return { ...row, status: 'dead', nextRetryAt: null };
  }
  if (row.attempts > 1) {
    // The upsert cannot compute the backoff from the bumped count; set it now that we know it.
    const next = new Date(now.getTime() + nextRetryDelayMs(row.attempts));
    await setConnectorErrorRetryAt(db, row.id, next);
    return { ...row, nextRetryAt: next };
  }
  return row;
}

export async function listDueConnectorErrors(
  db: Database,
  scope: ProjectScope,
  now: Date,
  options: { limit?: number; connector?: Connector } = {},
): Promise<ConnectorErrorRow[]> {
  return listDueConnectorErrorRows(db, scope, now, options.limit ?? 100, options.connector);
}

export async function resolveConnectorErrors(
  db: Database,
  scope: ProjectScope,
  connector: Connector,
  match: { units?: string[]; ids?: string[] },
  now: Date,
): Promise<number> {
  return resolveConnectorErrorRows(
    db,
    scope,
    connector,
    { ...(match.units ? { dedupeKeys: match.units } : {}), ...(match.ids ? { ids: match.ids } : {}) },
    now,
  );
}

export async function listConnectorErrorsFor(
  db: Database,
  scope: ProjectScope,
  filter: { connector?: Connector; status?: ConnectorErrorRow['status']; limit?: number } = {},
): Promise<ConnectorErrorRow[]> {
  return listConnectorErrors(db, scope, { ...filter, limit: filter.limit ?? 100 });
}

import { ApiError } from '@keel/core/errors';
import type { ProjectScope } from '@keel/core/scope';
import { DEFAULT_SYNC_LEASE_MS } from '@keel/connectors/connector-state';
import { SYNC_CONNECTORS, type SyncConnector } from '@keel/connectors/types';
import { getSyncRun, type SyncRunRow, startOrJoinSyncRun } from '@keel/db/queries/connector-sync-runs';
import type { SyncRunTarget } from '@keel/db/schema/connector-runs';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { launchSyncRun } from './sync-run-background.ts';

/**
 * Syncs someone asked for (`POST /connectors/sync`, `POST /connectors/:name/sync`): the request
 * starts a run — or joins the one already running for the same project and connector — and
 * answers `{ runId, status }` at once; the sync goes on in the background, reports
 * `connector.sync.progress` / `connector.sync.finished` on the bus (hence SSE), and
 * `GET /connectors/sync/:runId` reads the run.
 *
 * Why a background task in this process rather than a job enqueued for the worker:
 * - the run id exists when the request answers (a `connector_sync_runs` row, inserted before
 *   the sync starts), where a scheduler job's run id exists only once a worker claims it, and
 *   server mode may run no worker for a while;
 * - the scheduler's `connectors_sync_cycle` row is one per project for every connector, with
 *   its cadence, backoff and dead state; a user's run would reset or be refused by those;
 * - the task is not tied to the request (no request signal, nothing awaited by the handler), so
 *   the request ending does not stop it; shutdown aborts it and records `failed` ("aborted").
 * Survives a crash: the run row has a lease on the database's clock renewed by this process;
 * when the process dies the lease lapses and the next reader or starter closes the run as
 * `failed` (abandoned), while the connector's own sync lease lapses too and the scheduled cycle
 * syncs as usual. Idempotent: a partial unique index allows one running run per project and
 * target, so a retried POST (or a second tab) gets the same run id instead of a second sync.
 */

type Mode = 'incremental' | 'full';

/** Runs a request for `target` joins: a connector's own run, or a run of every connector. */
const JOINS: Record<SyncRunTarget, SyncRunTarget[]> = {
  all: [],
  chatwoot: ['all'],
  linear: ['all'],
  attio: ['all'],
};

export type SyncRunView = {
  runId: string;
  connector: SyncRunTarget;
  mode: Mode;
  status: SyncRunRow['status'];
  /** True when this request found the run already running and joined it. */
  joined: boolean;
  error: string | null;
  results: SyncRunRow['results'];
  startedAt: string;
  finishedAt: string | null;
};

function view(run: SyncRunRow, joined: boolean): SyncRunView {
  return {
    runId: run.id,
    connector: run.target,
    mode: run.mode,
    status: run.status,
    joined,
    error: run.error,
    results: run.results,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Starts (or joins) a run of one connector or of all of them; answers before the sync ends. */
export async function startConnectorSyncRun(
  actor: Actor & { deps: AppDeps },
  scope: ProjectScope,
  target: SyncRunTarget,
  mode: Mode,
): Promise<SyncRunView> {
  const { deps } = actor;
  const { run, joined } = await startOrJoinSyncRun(deps.db, scope, {
    target,
    joins: JOINS[target],
    mode,
    startedBy: actor.auth.userId,
    now: deps.clock.now(),
    leaseMs: DEFAULT_SYNC_LEASE_MS,
  });
  if (!joined) {
    const connectors: SyncConnector[] = target === 'all' ? [...SYNC_CONNECTORS] : [target];
    launchSyncRun(deps, { runId: run.id, scope, target, connectors, mode });
    await auditAs(actor, {
      projectId: scope.projectId,
      action: 'connectors.sync',
      entityType: 'connector',
      entityId: target,
      payload: { runId: run.id, mode },
    });
  }
  return view(run, joined);
}

/** `GET /connectors/sync/:runId`: one run of the active project. */
export async function getConnectorSyncRun(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  scope: ProjectScope,
  runId: string,
): Promise<SyncRunView> {
  const run = await getSyncRun(deps.db, scope, runId, deps.clock.now());
  if (!run) throw new ApiError('not_found', 'No sync run with that id in this project.');
  return view(run, false);
}

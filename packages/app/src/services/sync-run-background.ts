import { makeEvent } from '@keel/core/events';
import { DEFAULT_SYNC_LEASE_MS } from '@keel/connectors/connector-state';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { isAbort } from '@keel/connectors/errors';
import type { ConnectorRunResult, SyncConnector, SyncDeps } from '@keel/connectors/types';
import type { ProjectScope } from '@keel/core/scope';
import { finishSyncRun, recordSyncRunResults, renewSyncRunLease } from '@keel/db/queries/connector-sync-runs';
import type { SyncRunConnectorResult, SyncRunStatus, SyncRunTarget } from '@keel/db/schema/connector-runs';
import type { AppDeps } from '../deps.ts';
import { syncDepsOf } from './connector-sync.ts';

/**
 * The background half of a sync run (connector-sync-runs.ts starts it): runs the connectors with
 * the run's own lease owner, records each connector's outcome on the run, publishes
 * `connector.sync.progress` per page and `connector.sync.finished` once, and never rejects —
 * whatever goes wrong (a vendor, an abort, the database) ends on the run as `failed` with its
 * reason or, if even that cannot be written, the run's lease expires and a reader closes it.
 */

export type SyncRunSpec = {
  runId: string;
  scope: ProjectScope;
  target: SyncRunTarget;
  connectors: readonly SyncConnector[];
  mode: 'incremental' | 'full';
};

type Task = { abort: AbortController; done: Promise<void> };

/** The runs this process is doing, per deps (one per server): shutdown aborts and awaits them. */
const tasks = new WeakMap<object, Map<string, Task>>();

function tasksOf(deps: AppDeps): Map<string, Task> {
  let map = tasks.get(deps);
  if (!map) {
    map = new Map();
    tasks.set(deps, map);
  }
  return map;
}

/** Starts the run in the background (not tied to any request); returns at once. */
export function launchSyncRun(deps: AppDeps, spec: SyncRunSpec): void {
  const map = tasksOf(deps);
  if (map.has(spec.runId)) return;
  const abort = new AbortController();
  const done = execute(deps, spec, abort.signal)
    .catch((error: unknown) =>
      deps.logger.error({ err: String(error), runId: spec.runId }, 'sync run could not be recorded'),
    )
    .finally(() => map.delete(spec.runId));
  map.set(spec.runId, { abort, done });
}

/** Resolves when this process's run has ended (at once when it is not running here). */
export async function syncRunSettled(deps: AppDeps, runId: string): Promise<void> {
  await tasksOf(deps).get(runId)?.done;
}

/** Shutdown: aborts this process's runs (each ends `failed`, "aborted") and waits for them. */
export async function stopSyncRuns(deps: AppDeps, reason = 'the server shut down'): Promise<void> {
  const running = [...tasksOf(deps).values()];
  for (const t of running) t.abort.abort(new Error(reason));
  await Promise.all(running.map((t) => t.done));
}

/** The run's outcome: its worst connector (failed, then partial, then busy); skipped when all were. */
export function runStatusOf(results: readonly SyncRunConnectorResult[]): Exclude<SyncRunStatus, 'running'> {
  for (const status of ['failed', 'partial', 'busy'] as const) {
    if (results.some((r) => r.status === status)) return status;
  }
  return results.length > 0 && results.every((r) => r.status === 'skipped') ? 'skipped' : 'ok';
}

function toResult(r: ConnectorRunResult): SyncRunConnectorResult {
  return {
    connector: r.connector,
    status: r.status,
    reason: r.reason ?? null,
    resources: r.resources,
    errorsRegistered: r.errorsRegistered,
    errorsResolved: r.errorsResolved,
    durationMs: r.durationMs,
  };
}

async function execute(deps: AppDeps, spec: SyncRunSpec, signal: AbortSignal): Promise<void> {
  const { runId, scope, target } = spec;
  const leaseMs = DEFAULT_SYNC_LEASE_MS;
  const started = Date.now();
  const results: SyncRunConnectorResult[] = [];
  const renewal = setInterval(() => {
    renewSyncRunLease(deps.db, runId, leaseMs).catch((error: unknown) =>
      deps.logger.warn({ err: String(error), runId }, 'sync run lease renewal failed'),
    );
  }, leaseMs / 3);
  const publish = (event: Parameters<AppDeps['bus']['publish']>[0]) =>
    deps.bus
      .publish(event)
      .catch((error: unknown) =>
        deps.logger.warn({ err: String(error), runId }, `${event.type} not published`),
      );
  const syncDeps: SyncDeps = {
    ...syncDepsOf({ deps }),
    signal,
    leaseOwner: `sync_run:${runId}`,
    leaseMs,
    onProgress: (p) =>
      publish(makeEvent('connector.sync.progress', scope, { runId, ...p }, deps.clock.now())),
  };
  let error: string | null = null;
  try {
    await runAllConnectorsSync(deps.db, scope, syncDeps, {
      mode: spec.mode,
      connectors: spec.connectors,
      onResult: async (r) => {
        results.push(toResult(r));
        await recordSyncRunResults(deps.db, runId, results, deps.clock.now());
      },
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    error =
      signal.aborted && isAbort(e, signal)
        ? `aborted: ${signal.reason instanceof Error ? signal.reason.message : 'the sync was stopped'}`
        : message;
  } finally {
    clearInterval(renewal);
  }
  const status = error ? 'failed' : runStatusOf(results);
  error ??=
    results
      .filter((r) => r.status === 'failed')
      .map((r) => `${r.connector}: ${r.reason ?? 'failed'}`)
      .join('; ') || null;
  const finished = await finishSyncRun(deps.db, runId, { status, error, results, now: deps.clock.now() });
  if (!finished) return; // closed as abandoned meanwhile (our lease lapsed): that is its outcome
  await publish(
    makeEvent(
      'connector.sync.finished',
      scope,
      {
        runId,
        connector: target,
        status,
        error,
        durationMs: Date.now() - started,
        connectors: results.map((r) => ({
          connector: r.connector,
          status: r.status,
          reason: r.reason,
          resources: r.resources,
        })),
      },
      deps.clock.now(),
    ),
  );
}

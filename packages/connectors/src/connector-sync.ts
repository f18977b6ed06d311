/**
 * Orchestration (the seed's connector-sync): `runConnectorSync(db, scope, name, deps)` and
 * `runAllConnectorsSync(db, scope, deps)`, plus the dead-letter retries.
 *
 * Signature: the seed's `(pool, scope, logger)` becomes `(db, scope, deps)` where
 * `deps: SyncDeps = { logger, bus, clock, secrets, env, signal?, http?, refreshChunks? }` — the
 * app's AppDeps fit as they are; pass `refreshChunks: refreshConversationChunks` from @keel/rag
 * so Chatwoot messages become search chunks, and `signal` to stop a sync between requests.
 *
 * One sync per project and connector at a time: the connector_sync_state row is a lease with an
 * owner (`deps.leaseOwner`, a job run or a fresh id) and an expiry on the database's clock,
 * renewed every third of its lifetime (`deps.leaseMs`, the scheduler's job lease; 60 s by
 * default) and taken over once it expired — a killed worker's sync runs again at the next
 * attempt. A second caller while a live owner holds it gets `busy`.
 * Every run is logged in kag_event_log (`connector_sync.<name>`) and published on the bus:
 * `sync.progress` per page, then `sync.finished` or `sync.failed`.
 *
 * After-sync steps (`deps.afterSync`) run here, at the end of every entry point below, rather
 * than in a subscriber of `sync.finished`: events are best effort (a Redis outage loses them,
 * and with Redis every process would receive each one), while the orchestration runs exactly
 * once per sync in the process that did it. So a scheduled cycle, a sync someone asked for, the
 * demo's first sync and a dead-letter retry all get the same follow-ups, with no caller to forget.
 */
import { randomUUID } from 'node:crypto';
import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import { failProcessRun, finishProcessRun, startProcessRun, warnProcess } from '@keel/db/queries/process-log';
import { runAttioSync } from './attio/sync.ts';
import { runChatwootSync } from './chatwoot/sync.ts';
import {
  DEFAULT_SYNC_LEASE_MS,
  listDueConnectorErrors,
  markConnectorSyncFailure,
  markConnectorSyncRunning,
  markConnectorSyncSuccess,
  renewConnectorSyncLease,
  resolveConnectorErrors,
} from './connector-state.ts';
import { ConnectorError, isAbort, toConnectorError } from './errors.ts';
import { runLinearSync } from './linear/sync.ts';
import type { SyncRun } from './sync-run.ts';
import {
  type ConnectorRunResult,
  type ProjectScope,
  SYNC_CONNECTORS,
  type SyncConnector,
  type SyncDeps,
} from './types.ts';

export type RunOptions = {
  /** `full` re-reads everything from the vendor (deletions, status changes the filters miss). */
  mode?: 'incremental' | 'full';
  /** Only these units (DLQ retries); everything when absent. */
  only?: ReadonlySet<string> | null;
};

const RUNNERS: Record<
  SyncConnector,
  (db: Database, scope: ProjectScope, deps: SyncDeps, options: RunOptions) => Promise<SyncRun>
> = {
  chatwoot: runChatwootSync,
  linear: runLinearSync,
  attio: runAttioSync,
};

export function isSyncConnector(name: string): name is SyncConnector {
  return (SYNC_CONNECTORS as readonly string[]).includes(name);
}

export async function runConnectorSync(
  db: Database,
  scope: ProjectScope,
  name: SyncConnector,
  deps: SyncDeps,
  options: RunOptions = {},
): Promise<ConnectorRunResult> {
  const [result] = await runThenFollowUp(db, scope, deps, [{ name, options }]);
  if (!result) throw new Error('a sync returned no result');
  return result;
}

type PlannedRun = { name: SyncConnector; options: RunOptions };

/**
 * Runs syncs of one project one after another, then the after-sync hook once over all of them —
 * also when one of them threw (an abort): the pages committed before it are in the tables.
 */
async function runThenFollowUp(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  planned: readonly PlannedRun[],
  onResult?: (result: ConnectorRunResult, index: number) => Promise<void>,
): Promise<ConnectorRunResult[]> {
  const results: ConnectorRunResult[] = [];
  try {
    for (const [i, run] of planned.entries()) {
      const result = await runOnce(db, scope, run.name, deps, run.options);
      results.push(result);
      await onResult?.(result, i);
    }
  } finally {
    if (deps.afterSync && results.length > 0) {
      // A follow-up is an optimisation (the jobs run on their cadence anyway): never fail the sync for it.
      await deps
        .afterSync(db, scope, results)
        .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'after-sync step failed'));
    }
  }
  return results;
}

async function runOnce(
  db: Database,
  scope: ProjectScope,
  name: SyncConnector,
  deps: SyncDeps,
  options: RunOptions,
): Promise<ConnectorRunResult> {
  const startedAt = deps.clock.now();
  const started = Date.now();
  const mode = options.mode ?? 'incremental';
  const base = { connector: name, resources: {}, errorsRegistered: 0, errorsResolved: 0 };
  const lease = {
    owner: deps.leaseOwner ?? `sync:${randomUUID()}`,
    leaseMs: deps.leaseMs ?? DEFAULT_SYNC_LEASE_MS,
  };
  if (!(await markConnectorSyncRunning(db, scope, name, startedAt, lease, mode))) {
    return {
      ...base,
      status: 'busy',
      reason: 'another sync of this project and connector is running',
      durationMs: 0,
    };
  }
  // The lease is renewed every third of its lifetime; a renewal that finds it taken over stops the run.
  const lost = new AbortController();
  const renewal = setInterval(
    () => {
      renewConnectorSyncLease(db, scope, name, lease)
        .then((held) => {
          if (!held) lost.abort(new ConnectorError('aborted', 'sync lease lost: another sync took it over'));
        })
        .catch((error: unknown) =>
          deps.logger.warn({ err: String(error), connector: name }, 'sync lease renewal failed'),
        );
    },
    Math.max(50, Math.floor(lease.leaseMs / 3)),
  );
  const signal = deps.signal ? AbortSignal.any([deps.signal, lost.signal]) : lost.signal;
  const runDeps: SyncDeps = { ...deps, signal, leaseOwner: lease.owner, leaseMs: lease.leaseMs };
  try {
    return await leasedRun(db, scope, name, runDeps, options, {
      startedAt,
      started,
      mode,
      owner: lease.owner,
    });
  } finally {
    clearInterval(renewal);
  }
}

async function leasedRun(
  db: Database,
  scope: ProjectScope,
  name: SyncConnector,
  deps: SyncDeps,
  options: RunOptions,
  at: { startedAt: Date; started: number; mode: 'incremental' | 'full'; owner: string },
): Promise<ConnectorRunResult> {
  const { startedAt, started, mode, owner } = at;
  const base = { connector: name, resources: {}, errorsRegistered: 0, errorsResolved: 0 };
  const processRun = await startProcessRun(db, scope, `connector_sync.${name}`, {
    now: startedAt,
    meta: { mode },
  });
  let run: SyncRun | undefined;
  try {
    run = await RUNNERS[name](db, scope, deps, options);
    // Every unit failed and nothing came through: the sync failed (its units stay parked).
    const refusal = run.refusal();
    if (refusal) throw refusal;
    const resolved = await run.resolveSucceeded();
    const finishedAt = deps.clock.now();
    const stats = run.flatStats();
    const failed = run.failedUnits;
    await markConnectorSyncSuccess(db, scope, name, owner, finishedAt, stats, {
      lastMode: mode,
      failedUnits: failed,
    });
    if (failed > 0) {
      await warnProcess(
        db,
        processRun,
        `${failed} unit(s) failed and were parked for retry`,
        { failed },
        finishedAt,
      );
    }
    await finishProcessRun(db, processRun, { counts: stats, now: finishedAt });
    const result: ConnectorRunResult = {
      ...base,
      status: failed > 0 ? 'partial' : Object.keys(run.stats).length === 0 ? 'skipped' : 'ok',
      ...(Object.keys(run.stats).length === 0 && failed === 0
        ? { reason: 'no sources bound to this project' }
        : {}),
      resources: run.stats,
      errorsRegistered: run.errorsRegistered,
      errorsResolved: resolved,
      durationMs: Date.now() - started,
    };
    await publish(deps, scope, 'sync.finished', result);
    return result;
  } catch (error) {
    const e = toConnectorError(error);
    const finishedAt = deps.clock.now();
    const stats = run?.flatStats() ?? {};
    const message = isAbort(error, deps.signal) ? 'Sync aborted' : e.message;
    await markConnectorSyncFailure(db, scope, name, owner, finishedAt, message, stats);
    await failProcessRun(db, processRun, message, { counts: stats, now: finishedAt });
    const result: ConnectorRunResult = {
      ...base,
      status: e.kind === 'not_configured' ? 'skipped' : 'failed',
      reason: message,
      resources: run?.stats ?? {},
      errorsRegistered: run?.errorsRegistered ?? 0,
      durationMs: Date.now() - started,
    };
    await publish(deps, scope, e.kind === 'not_configured' ? 'sync.finished' : 'sync.failed', result);
    if (isAbort(error, deps.signal)) throw error;
    return result;
  }
}

async function publish(
  deps: SyncDeps,
  scope: ProjectScope,
  type: 'sync.finished' | 'sync.failed',
  result: ConnectorRunResult,
) {
  await deps.bus
    .publish(
      makeEvent(
        type,
        scope,
        {
          connector: result.connector,
          status: result.status,
          reason: result.reason ?? null,
          resources: result.resources,
        },
        deps.clock.now(),
      ),
    )
    .catch((error: unknown) => deps.logger.warn({ err: String(error) }, `${type} not published`));
}

/**
 * Every connector (or the given ones) for one project, one after another (they share nothing
 * but the database); `onResult` hears of each as it ends (the scheduler's progress).
 */
export async function runAllConnectorsSync(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: RunOptions & {
    connectors?: readonly SyncConnector[];
    onResult?: (result: ConnectorRunResult, index: number) => Promise<void>;
  } = {},
): Promise<ConnectorRunResult[]> {
  const { connectors = SYNC_CONNECTORS, onResult, ...runOptions } = options;
  return runThenFollowUp(
    db,
    scope,
    deps,
    connectors.map((name) => ({ name, options: runOptions })),
    onResult,
  );
}

export type RetryResult = { connector: SyncConnector; units: string[]; result: ConnectorRunResult };

/** Units to run for a set of failed units: a conversation list retry also fetches its messages. */
function unitsFor(units: string[]): Set<string> {
  const set = new Set(units);
  if (units.some((u) => u.startsWith('conversations'))) set.add('messages');
  if (units.includes('issues')) set.add('projects');
  return set;
}

/** Retries one parked error (resumes its unit from the watermarks); resolves it when it succeeds. */
export async function retryConnectorError(
  db: Database,
  scope: ProjectScope,
  error: { id: string; connector: string; dedupeKey: string },
  deps: SyncDeps,
): Promise<RetryResult | null> {
  if (!isSyncConnector(error.connector)) return null;
  const result = await runConnectorSync(db, scope, error.connector, deps, {
    only: unitsFor([error.dedupeKey]),
  });
  return { connector: error.connector, units: [error.dedupeKey], result };
}

/** The seed's retry job: every due error of the project, grouped into one run per connector. */
export async function retryDueConnectorErrors(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: { limit?: number } = {},
): Promise<RetryResult[]> {
  const due = await listDueConnectorErrors(db, scope, deps.clock.now(), { limit: options.limit ?? 200 });
  const byConnector = new Map<SyncConnector, string[]>();
  for (const e of due) {
    if (!isSyncConnector(e.connector)) continue;
    byConnector.set(e.connector, [...(byConnector.get(e.connector) ?? []), e.dedupeKey]);
  }
  const groups = [...byConnector];
  const out: RetryResult[] = [];
  // What the retried units write brings scores and embeddings forward like any other sync.
  await runThenFollowUp(
    db,
    scope,
    deps,
    groups.map(([name, units]) => ({ name, options: { only: unitsFor(units) } })),
    async (result, i) => {
      const [connector, units] = groups[i] ?? [result.connector, []];
      if (result.status === 'skipped' && result.reason) {
        // Nothing left to do for these units (unbound or unconfigured): close them instead of retrying forever.
        await resolveConnectorErrors(db, scope, connector, { units }, deps.clock.now());
      }
      out.push({ connector, units, result });
    },
  );
  return out;
}

import type { Clock } from '@keel/core/clock';
import type { AfterSync, ConnectorRunResult } from '@keel/connectors/types';
import type { Database } from '@keel/db/client';
import { hasProjectSnapshots } from '@keel/db/queries/kag-snapshots';
import { bringJobsForward } from '@keel/db/queries/scheduler';
import type { JobScope } from './types.ts';

/**
 * Jobs that read what a sync writes. After a sync that wrote rows they run at the next tick
 * instead of waiting out their cadence, so new messages and issues reach scores,
 * recommendations and search within seconds — and a new project is scored right after its
 * first sync, not up to 15 minutes later.
 */
export const AFTER_SYNC_JOBS = [
  'kag_recommendations_refresh',
  'embeddings_run',
  'identity_suggestions_refresh',
] as const;

/**
 * Jobs brought forward only while the project has no snapshot: its first sync with data starts
 * the daily pipeline, which backfills snapshots and outcomes from the synced history, so a new
 * install (or the embedded demo) has a trend and a track record within minutes, not a day later.
 */
export const FIRST_HISTORY_JOBS = ['kag_daily_pipeline'] as const;

/** Rows a sync inserted or changed, over every connector and resource. */
export function rowsWritten(results: readonly ConnectorRunResult[]): number {
  let written = 0;
  for (const r of results) for (const stats of Object.values(r.resources)) written += stats.written;
  return written;
}

/**
 * Brings the after-sync jobs of the project forward when the sync wrote anything (and the
 * first-history jobs while it has no snapshot); returns their types. Only existing job rows move (see `ensureJobs` below).
 */
export async function scheduleAfterSync(
  db: Database,
  scope: JobScope,
  results: readonly ConnectorRunResult[],
  now: Date,
): Promise<string[]> {
  if (rowsWritten(results) === 0) return [];
  const first = (await hasProjectSnapshots(db, scope)) ? [] : FIRST_HISTORY_JOBS;
  return bringJobsForward(db, scope, [...AFTER_SYNC_JOBS, ...first], now);
}

export type FollowUpOptions = {
  /**
   * Creates the project's jobs first: a sync outside the scheduler may be a project's first,
   * before any tick has seen it. A job's own sync needs none (its project has jobs).
   */
  ensureJobs?: (db: Database, projectId: string, now: Date) => Promise<unknown>;
  /** Hears which jobs moved (the sync job lists them in its summary). */
  onScheduled?: (jobTypes: string[]) => void;
};

/**
 * The after-sync hook every sync runs with (the connectors' orchestration calls it once per
 * sync or batch, see `@keel/connectors/connector-sync`): the jobs that read what the sync wrote
 * are brought forward. Idempotent (an UPDATE of idle jobs to now), so a repeat is harmless.
 */
export function followUpsAfterSync(clock: Clock, options: FollowUpOptions = {}): AfterSync {
  return async (db, scope, results) => {
    if (rowsWritten(results) === 0) return;
    const now = clock.now();
    await options.ensureJobs?.(db, scope.projectId, now);
    const moved = await scheduleAfterSync(db, scope, results, now);
    options.onScheduled?.(moved);
  };
}

import type { ConnectorRunResult } from '@keel/connectors/types';
import type { Database } from '@keel/db/client';
import { bringJobsForward } from '@keel/db/queries/scheduler';
import type { JobScope } from './types.ts';

/**
 * Jobs that read what a sync writes. After a sync that wrote rows they run at the next tick
 * instead of waiting out their cadence, so new messages and issues reach scores,
 * recommendations and search within seconds — and a new project is scored right after its
 * first sync, not up to 15 minutes later.
 */
export const AFTER_SYNC_JOBS = ['kag_recommendations_refresh', 'embeddings_run'] as const;

/** Rows a sync inserted or changed, over every connector and resource. */
export function rowsWritten(results: readonly ConnectorRunResult[]): number {
  let written = 0;
  for (const r of results) for (const stats of Object.values(r.resources)) written += stats.written;
  return written;
}

/**
 * Brings the after-sync jobs of the project forward when the sync wrote anything; returns their
 * types. Only existing job rows move: a sync outside the scheduler goes through
 * `followUpSync` (services/connector-sync.ts), which creates them first.
 */
export async function scheduleAfterSync(
  db: Database,
  scope: JobScope,
  results: readonly ConnectorRunResult[],
  now: Date,
): Promise<string[]> {
  if (rowsWritten(results) === 0) return [];
  return bringJobsForward(db, scope, AFTER_SYNC_JOBS, now);
}

import type { SyncDeps } from '@keel/connectors/types';
import { connectorSyncDeps } from '../../sync-deps.ts';
import type { JobContext } from '../types.ts';

/**
 * What the connector services need, from a job's context: search chunks, the after-sync
 * follow-ups (the job's project has its jobs already), and the job's signal stops a sync
 * between pages.
 */
export function syncDepsFor(ctx: JobContext<unknown>, onFollowUps?: (jobTypes: string[]) => void): SyncDeps {
  return connectorSyncDeps(ctx.deps, onFollowUps ? { onScheduled: onFollowUps } : {}, ctx.signal);
}

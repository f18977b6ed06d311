import type { SyncDeps } from '@keel/connectors/types';
import { connectorSyncDeps } from '../../sync-deps.ts';
import type { JobContext } from '../types.ts';

/**
 * What the connector services need, from a job's context: search chunks, the after-sync
 * follow-ups (the job's project has its jobs already), the job's signal stops a sync
 * between pages, and the sync lease is the job run's, with the job's lease length.
 */
export function syncDepsFor(ctx: JobContext<unknown>, onFollowUps?: (jobTypes: string[]) => void): SyncDeps {
  return {
    ...connectorSyncDeps(ctx.deps, onFollowUps ? { onScheduled: onFollowUps } : {}, ctx.signal),
    // The sync lease belongs to this run and lives as long as the job's lease.
    leaseOwner: `job_run:${ctx.runId}`,
    ...(ctx.leaseMs ? { leaseMs: ctx.leaseMs } : {}),
  };
}

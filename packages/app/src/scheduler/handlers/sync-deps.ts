import type { SyncDeps } from '@keel/connectors/types';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { followUpsAfterSync } from '../follow-ups.ts';
import type { JobContext } from '../types.ts';

/**
 * What the connector services need, from a job's context: search chunks, the after-sync
 * follow-ups (as services/connector-sync.ts wires them for syncs outside the scheduler; the
 * job's project has its jobs already), and the job's signal stops a sync between pages.
 */
export function syncDepsFor(ctx: JobContext<unknown>, onFollowUps?: (jobTypes: string[]) => void): SyncDeps {
  const { logger, bus, clock, secrets, env } = ctx.deps;
  return {
    logger,
    bus,
    clock,
    secrets,
    env,
    signal: ctx.signal,
    refreshChunks: refreshConversationChunks,
    afterSync: followUpsAfterSync(clock, onFollowUps ? { onScheduled: onFollowUps } : {}),
  };
}

import type { SyncDeps } from '@keel/connectors/types';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import type { AppDeps } from './deps.ts';
import { type FollowUpOptions, followUpsAfterSync } from './scheduler/follow-ups.ts';

/** The one assembly of SyncDeps from the app's deps (API syncs here, jobs in `syncDepsFor`). */
export function connectorSyncDeps(
  deps: Pick<AppDeps, 'logger' | 'bus' | 'clock' | 'secrets' | 'env'>,
  followUps: FollowUpOptions,
  signal?: AbortSignal,
): SyncDeps {
  const { logger, bus, clock, secrets, env } = deps;
  return {
    logger,
    bus,
    clock,
    secrets,
    env,
    ...(signal ? { signal } : {}),
    refreshChunks: refreshConversationChunks,
    afterSync: followUpsAfterSync(clock, followUps),
  };
}

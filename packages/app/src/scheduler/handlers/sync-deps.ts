import type { SyncDeps } from '@keel/connectors/types';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import type { JobContext } from '../types.ts';

/** What the connector services need, from a job's context: the job's signal stops a sync between pages. */
export function syncDepsFor(ctx: JobContext<unknown>): SyncDeps {
  const { logger, bus, clock, secrets, env } = ctx.deps;
  return { logger, bus, clock, secrets, env, signal: ctx.signal, refreshChunks: refreshConversationChunks };
}

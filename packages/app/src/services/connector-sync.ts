import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { runAllConnectorsSync, runConnectorSync } from '@keel/connectors/connector-sync';
import type { ConnectorRunResult, SyncConnector, SyncDeps } from '@keel/connectors/types';
import type { Database } from '@keel/db/client';
import type { AppDeps } from '../deps.ts';
import { ensureDefaultScheduledJobs } from '../scheduler/ensure-jobs.ts';
import { rowsWritten, scheduleAfterSync } from '../scheduler/follow-ups.ts';
import type { JobScope } from '../scheduler/types.ts';

/** The app's services as a connector sync wants them; search chunks come from @keel/rag. */
export function syncDepsOf(ctx: { deps: AppDeps }): SyncDeps {
  const { logger, bus, clock, secrets, env } = ctx.deps;
  return { logger, bus, clock, secrets, env, refreshChunks: refreshConversationChunks };
}

type Mode = 'incremental' | 'full';

/**
 * After a sync outside the scheduler: the project's jobs are created if the scheduler has not
 * seen the project yet, then those that read what the sync wrote are brought forward.
 */
export async function followUpSync(
  db: Database,
  scope: JobScope,
  results: readonly ConnectorRunResult[],
  now: Date,
): Promise<string[]> {
  if (rowsWritten(results) === 0) return [];
  await ensureDefaultScheduledJobs(db, { now, projectIds: [scope.projectId] });
  return scheduleAfterSync(db, scope, results, now);
}

/**
 * Syncs someone asked for (API, manual job triggers). Like a scheduled sync, what they wrote
 * brings the jobs that read it (scores, embeddings) forward to the next tick.
 */
export async function syncAllNow(
  ctx: { deps: AppDeps },
  scope: JobScope,
  mode: Mode = 'incremental',
): Promise<ConnectorRunResult[]> {
  const results = await runAllConnectorsSync(ctx.deps.db, scope, syncDepsOf(ctx), { mode });
  await followUpSync(ctx.deps.db, scope, results, ctx.deps.clock.now());
  return results;
}

export async function syncConnectorNow(
  ctx: { deps: AppDeps },
  scope: JobScope,
  connector: SyncConnector,
  mode: Mode = 'incremental',
): Promise<ConnectorRunResult> {
  const result = await runConnectorSync(ctx.deps.db, scope, connector, syncDepsOf(ctx), { mode });
  await followUpSync(ctx.deps.db, scope, [result], ctx.deps.clock.now());
  return result;
}

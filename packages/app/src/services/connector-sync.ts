import { runConnectorSync } from '@keel/connectors/connector-sync';
import type { ConnectorRunResult, SyncConnector, SyncDeps } from '@keel/connectors/types';
import type { AppDeps } from '../deps.ts';
import { connectorSyncDeps } from '../sync-deps.ts';
import { ensureDefaultScheduledJobs } from '../scheduler/ensure-jobs.ts';
import type { JobScope } from '../scheduler/types.ts';

/**
 * The app's services as a connector sync wants them: search chunks come from @keel/rag, and
 * every sync run with these brings the jobs that read its rows (scores, embeddings) forward.
 */
export function syncDepsOf(ctx: { deps: AppDeps }): SyncDeps {
  return connectorSyncDeps(ctx.deps, {
    // Possibly the project's first sync, before any scheduler tick created its jobs.
    ensureJobs: (db, projectId, now) => ensureDefaultScheduledJobs(db, { now, projectIds: [projectId] }),
  });
}

type Mode = 'incremental' | 'full';

/** A sync someone asked for and waits on (the manual job triggers); the follow-ups come with syncDepsOf. */
export async function syncConnectorNow(
  ctx: { deps: AppDeps },
  scope: JobScope,
  connector: SyncConnector,
  mode: Mode = 'incremental',
): Promise<ConnectorRunResult> {
  return runConnectorSync(ctx.deps.db, scope, connector, syncDepsOf(ctx), { mode });
}

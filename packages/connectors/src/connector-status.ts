import type { Database } from '@keel/db/client';
import { findEnvCredentialWorkspaceId } from '@keel/db/queries/connectors-credentials';
import { countOpenConnectorErrors } from '@keel/db/queries/connectors-state';
import { CONNECTORS, type Connector } from '@keel/db/schema/connectors';
import { getConnectorSyncState, listConnectorErrorsFor } from './connector-state.ts';
import { isConfiguredInEnv, listConnectorCredentials } from './credentials.ts';
import type { ProjectScope, SyncDeps } from './types.ts';

/** What `GET /connectors/state` shows: one entry per connector, configured or not. */
export async function getConnectorsOverview(db: Database, scope: ProjectScope, deps: Pick<SyncDeps, 'env'>) {
  const [states, open, creds, envWorkspace] = await Promise.all([
    getConnectorSyncState(db, scope),
    countOpenConnectorErrors(db, scope),
    listConnectorCredentials(db, scope.accountScopeId),
    findEnvCredentialWorkspaceId(db, deps.env.CONNECTOR_ENV_WORKSPACE),
  ]);
  // Environment credentials serve one workspace, as loadConnectorConfig reads them.
  const envServesUs = envWorkspace === scope.accountScopeId;
  return CONNECTORS.map((connector: Connector) => {
    const s = states.find((x) => x.connector === connector);
    const cred = creds.find((c) => c.connector === connector);
    return {
      connector,
      configured: cred !== undefined || (envServesUs && isConfiguredInEnv(deps.env, connector)),
      status: s?.status ?? 'idle',
      mode: s?.mode ?? null,
      lastStartedAt: s?.lastStartedAt?.toISOString() ?? null,
      lastFinishedAt: s?.lastFinishedAt?.toISOString() ?? null,
      lastSuccessAt: s?.lastSuccessAt?.toISOString() ?? null,
      durationMs:
        s?.lastStartedAt && s.lastFinishedAt
          ? Math.max(0, s.lastFinishedAt.getTime() - s.lastStartedAt.getTime())
          : null,
      lastError: s?.lastError ?? null,
      consecutiveFailures: s?.consecutiveFailures ?? 0,
      counts: s?.lastRunStats ?? {},
      openErrors: open.find((o) => o.connector === connector)?.open ?? 0,
    };
  });
}

export async function listConnectorErrorsView(
  db: Database,
  scope: ProjectScope,
  filter: { connector?: Connector; status?: 'pending' | 'retrying' | 'resolved' | 'dead'; limit?: number },
) {
  const rows = await listConnectorErrorsFor(db, scope, filter);
  return rows.map((e) => ({
    id: e.id,
    connector: e.connector,
    operation: e.operation,
    unit: e.dedupeKey,
    sourceRef: e.sourceRef,
    errorKind: e.errorKind,
    errorMessage: e.errorMessage,
    httpStatus: e.httpStatus,
    status: e.status,
    attempts: e.attempts,
    nextRetryAt: e.nextRetryAt?.toISOString() ?? null,
    lastAttemptAt: e.lastAttemptAt?.toISOString() ?? null,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  }));
}

import type { ProjectScope } from '@keel/core/scope';
import { getConnectorsOverview, listConnectorErrorsView } from '@keel/connectors/connector-status';
import { retryDueConnectorErrors } from '@keel/connectors/connector-sync';
import { getLatestReconciliation, runReconciliation } from '@keel/connectors/reconciliation';
import type { SyncConnector } from '@keel/connectors/types';
import type { Connector } from '@keel/db/schema/connectors';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { syncConnectorNow, syncDepsOf } from './connector-sync.ts';

/** The connector use cases behind `/connectors/*` and the seed's manual job triggers. */

type ConnectorActor = Actor & { deps: AppDeps };

/** One entry per connector: configured (stored or env), last run, open dead letters. */
export async function getConnectorsState(deps: Pick<AppDeps, 'db' | 'env'>, scope: ProjectScope) {
  return { connectors: await getConnectorsOverview(deps.db, scope, deps) };
}

export async function listConnectorErrors(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  filter: {
    connector?: Connector | undefined;
    status?: 'pending' | 'retrying' | 'resolved' | 'dead' | undefined;
    limit: number;
  },
) {
  const { connector, status, limit } = filter;
  return {
    errors: await listConnectorErrorsView(deps.db, scope, {
      limit,
      ...(connector ? { connector } : {}),
      ...(status ? { status } : {}),
    }),
  };
}

/** `POST /connectors/sync` and `POST /connectors/:name/sync` start background runs: connector-sync-runs.ts. */

/** The seed's manual job triggers (`POST /jobs/<connector>/sync`): an incremental sync, audited as a job. */
export async function runConnectorSyncJob(
  actor: ConnectorActor,
  scope: ProjectScope,
  connector: SyncConnector,
) {
  const result = await syncConnectorNow(actor, scope, connector);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: `jobs.${connector}.sync`,
    entityType: 'connector',
    entityId: connector,
    payload: { status: result.status },
  });
  return result;
}

export async function retryConnectorErrors(actor: ConnectorActor, scope: ProjectScope, limit: number) {
  const retried = await retryDueConnectorErrors(actor.deps.db, scope, syncDepsOf(actor), { limit });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'connectors.errors.retry',
    entityType: 'connector',
    payload: { units: retried.flatMap((r) => r.units).length },
  });
  return { retried };
}

export async function getReconciliationReport(deps: Pick<AppDeps, 'db'>, scope: ProjectScope) {
  return { report: await getLatestReconciliation(deps.db, scope) };
}

export async function reconcileConnectors(
  actor: ConnectorActor,
  scope: ProjectScope,
  options: { messages: number | 'all' },
) {
  const report = await runReconciliation(actor.deps.db, scope, syncDepsOf(actor), options);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'connectors.reconciliation.run',
    entityType: 'connector',
    payload: { differences: report.differences },
  });
  return { report };
}

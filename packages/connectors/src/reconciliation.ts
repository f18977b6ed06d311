import type { Database } from '@keel/db/client';
import {
  finishProcessRun,
  failProcessRun,
  latestProcessRun,
  startProcessRun,
} from '@keel/db/queries/process-log';
import { reconcileAttio } from './attio/reconcile.ts';
import { reconcileChatwoot } from './chatwoot/reconcile.ts';
import { toConnectorError } from './errors.ts';
import { reconcileLinear } from './linear/reconcile.ts';
import type { ConnectorReport, ReconcileOptions, ReconciliationReport } from './reconciliation-report.ts';
import { type ProjectScope, SYNC_CONNECTORS, type SyncDeps } from './types.ts';

/** Runs each vendor's reconciler (in its vendor folder) and keeps the report in kag_event_log. */
const PROCESS = 'connector_reconciliation';

export async function runReconciliation(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: ReconcileOptions = {},
): Promise<ReconciliationReport> {
  const run = await startProcessRun(db, scope, PROCESS, { now: deps.clock.now() });
  const connectors: ConnectorReport[] = [];
  try {
    for (const connector of options.connectors ?? SYNC_CONNECTORS) {
      try {
        const resources =
          connector === 'chatwoot'
            ? await reconcileChatwoot(db, scope, deps, options)
            : connector === 'linear'
              ? await reconcileLinear(db, scope, deps)
              : await reconcileAttio(db, scope, deps);
        connectors.push(
          resources
            ? { connector, status: 'ok', error: null, resources }
            : { connector, status: 'skipped', error: null, resources: [] },
        );
      } catch (error) {
        connectors.push({
          connector,
          status: 'failed',
          error: toConnectorError(error).message,
          resources: [],
        });
      }
    }
  } catch (error) {
    await failProcessRun(db, run, toConnectorError(error).message, { now: deps.clock.now() });
    throw error;
  }
  const differences = connectors.reduce((n, c) => n + c.resources.reduce((m, r) => m + r.differences, 0), 0);
  const report: ReconciliationReport = { at: deps.clock.now().toISOString(), differences, connectors };
  await finishProcessRun(db, run, { counts: { differences }, meta: { report }, now: deps.clock.now() });
  return report;
}

export async function getLatestReconciliation(
  db: Database,
  scope: ProjectScope,
): Promise<ReconciliationReport | null> {
  const row = await latestProcessRun(db, scope, PROCESS);
  const report = row?.meta.report;
  return report && typeof report === 'object' ? (report as ReconciliationReport) : null;
}

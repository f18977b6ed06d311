import { router } from '../../trpc.ts';
import { bindSourceProcedure } from './bind-source.ts';
import { credentialsProcedure } from './credentials.ts';
import { errorsProcedure } from './errors.ts';
import { reconciliationProcedure } from './reconciliation.ts';
import { retryErrorsProcedure } from './retry-errors.ts';
import { runReconciliationProcedure } from './run-reconciliation.ts';
import { setCredentialsProcedure } from './set-credentials.ts';
import { sourcesProcedure } from './sources.ts';
import { stateProcedure } from './state.ts';
import { syncProcedure } from './sync.ts';
import { syncAllProcedure } from './sync-all.ts';
import { syncRunProcedure } from './sync-run.ts';
import { testProcedure } from './test.ts';
import { unbindSourceProcedure } from './unbind-source.ts';

export const connectorsRouter = router({
  state: stateProcedure,
  errors: errorsProcedure,
  syncAll: syncAllProcedure,
  sync: syncProcedure,
  syncRun: syncRunProcedure,
  retryErrors: retryErrorsProcedure,
  reconciliation: reconciliationProcedure,
  runReconciliation: runReconciliationProcedure,
  credentials: credentialsProcedure,
  setCredentials: setCredentialsProcedure,
  test: testProcedure,
  sources: sourcesProcedure,
  bindSource: bindSourceProcedure,
  unbindSource: unbindSourceProcedure,
});

import { router } from '../../trpc.ts';
import { syncJobProcedure } from './sync-job.ts';

export const connectorJobsRouter = router({
  chatwootSync: syncJobProcedure('chatwoot'),
  linearSync: syncJobProcedure('linear'),
  attioSync: syncJobProcedure('attio'),
});

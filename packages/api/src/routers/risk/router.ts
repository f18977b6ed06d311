import { router } from '../../trpc.ts';
import { riskOverviewProcedure } from './overview.ts';
import { riskRefreshProcedure } from './refresh.ts';

/** Risk radar and health (seed: intelligence.js). */
export const riskRouter = router({
  refresh: riskRefreshProcedure,
  overview: riskOverviewProcedure,
});

import { router } from '../../trpc.ts';
import { analyticsOverviewProcedure } from './overview.ts';
import { analyticsRefreshProcedure } from './refresh.ts';

/** Analytics snapshots (seed: intelligence.js). The drilldown lives beside the control tower. */
export const analyticsRouter = router({
  refresh: analyticsRefreshProcedure,
  overview: analyticsOverviewProcedure,
});

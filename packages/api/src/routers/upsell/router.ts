import { router } from '../../trpc.ts';
import { upsellListProcedure } from './list.ts';
import { upsellRefreshProcedure } from './refresh.ts';
import { upsellStatusProcedure } from './status.ts';

/** Upsell radar (seed: upsell.js). */
export const upsellRouter = router({
  refresh: upsellRefreshProcedure,
  list: upsellListProcedure,
  updateStatus: upsellStatusProcedure,
});

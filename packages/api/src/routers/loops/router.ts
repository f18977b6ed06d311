import { router } from '../../trpc.ts';
import { syncProcedure } from './sync.ts';

export const loopsRouter = router({
  sync: syncProcedure,
});

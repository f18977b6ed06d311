import { router } from '../../trpc.ts';
import { listProcedure } from './list.ts';

export const auditRouter = router({
  list: listProcedure,
});

import { router } from '../../trpc.ts';
import { createProcedure } from './create.ts';
import { listProcedure } from './list.ts';
import { selectProcedure } from './select.ts';

export const projectsRouter = router({
  list: listProcedure,
  create: createProcedure,
  select: selectProcedure,
});

import { router } from '../../trpc.ts';
import { searchProcedure } from './search.ts';

export const searchRouter = router({
  search: searchProcedure,
});

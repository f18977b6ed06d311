import { router } from '../../trpc.ts';
import { searchProcedure } from './search.ts';

export const evidenceRouter = router({ search: searchProcedure });

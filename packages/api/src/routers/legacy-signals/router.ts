import { router } from '../../trpc.ts';
import { extractProcedure } from './extract.ts';
import { listProcedure } from './list.ts';
import { nbaListProcedure } from './nba-list.ts';
import { nbaStatusProcedure } from './nba-status.ts';
import { statusProcedure } from './status.ts';

export const legacySignalsRouter = router({
  extract: extractProcedure,
  list: listProcedure,
  status: statusProcedure,
  nbaList: nbaListProcedure,
  nbaStatus: nbaStatusProcedure,
});

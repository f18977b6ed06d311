import { router } from '../../trpc.ts';
import { messagesProcedure } from './messages.ts';
import { overviewProcedure } from './overview.ts';

export const portfolioRouter = router({
  overview: overviewProcedure,
  messages: messagesProcedure,
});

import { router } from '../../trpc.ts';
import { feedbackProcedure } from './feedback.ts';
import { listProcedure } from './list.ts';
import { refreshProcedure } from './refresh.ts';
import { shownProcedure } from './shown.ts';
import { statusProcedure } from './status.ts';

/** Recommendations v2 (seed: recommendations-v2.js). Actions on them come with their own procedures. */
export const recommendationsRouter = router({
  list: listProcedure,
  refresh: refreshProcedure,
  shown: shownProcedure,
  status: statusProcedure,
  feedback: feedbackProcedure,
});

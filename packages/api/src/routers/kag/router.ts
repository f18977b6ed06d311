import { router } from '../../trpc.ts';
import { eventsProcedure } from './events.ts';
import { recommendationsProcedure } from './recommendations.ts';
import { refreshProcedure } from './refresh.ts';
import { scoresProcedure } from './scores.ts';
import { signalsProcedure } from './signals.ts';

export const kagRouter = router({
  refresh: refreshProcedure,
  signals: signalsProcedure,
  scores: scoresProcedure,
  recommendations: recommendationsProcedure,
  events: eventsProcedure,
});

import { router } from '../../trpc.ts';
import { eventsProcedure } from './events.ts';
import { outcomesProcedure } from './outcomes.ts';
import { recommendationsProcedure } from './recommendations.ts';
import { refreshProcedure } from './refresh.ts';
import { scoresProcedure } from './scores.ts';
import { signalsProcedure } from './signals.ts';
import { snapshotsProcedure } from './snapshots.ts';
import { snapshotsRefreshProcedure } from './snapshots-refresh.ts';

export const kagRouter = router({
  refresh: refreshProcedure,
  signals: signalsProcedure,
  scores: scoresProcedure,
  recommendations: recommendationsProcedure,
  events: eventsProcedure,
  snapshots: snapshotsProcedure,
  snapshotsRefresh: snapshotsRefreshProcedure,
  outcomes: outcomesProcedure,
});

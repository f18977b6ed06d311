import { router } from '../../trpc.ts';
import { eventsProcedure } from './events.ts';
import { outcomesProcedure } from './outcomes.ts';
import { recommendationsProcedure } from './recommendations.ts';
import { refreshProcedure } from './refresh.ts';
import { scoreHistoryProcedure } from './score-history.ts';
import { scoresProcedure } from './scores.ts';
import { signalEvidenceProcedure } from './signal-evidence.ts';
import { signalHistoryProcedure } from './signal-history.ts';
import { signalsProcedure } from './signals.ts';
import { snapshotsProcedure } from './snapshots.ts';
import { snapshotsRefreshProcedure } from './snapshots-refresh.ts';

export const kagRouter = router({
  refresh: refreshProcedure,
  signals: signalsProcedure,
  scores: scoresProcedure,
  scoreHistory: scoreHistoryProcedure,
  signalHistory: signalHistoryProcedure,
  signalEvidence: signalEvidenceProcedure,
  recommendations: recommendationsProcedure,
  events: eventsProcedure,
  snapshots: snapshotsProcedure,
  snapshotsRefresh: snapshotsRefreshProcedure,
  outcomes: outcomesProcedure,
});

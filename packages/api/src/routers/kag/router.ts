import { router } from '../../trpc.ts';
import { eventsProcedure } from './events.ts';
import { forecastProcedure } from './forecast.ts';
import { forecastRefreshProcedure } from './forecast-refresh.ts';
import { forecastTrackRecordProcedure } from './forecast-track-record.ts';
import { outcomesProcedure } from './outcomes.ts';
import { recommendationsProcedure } from './recommendations.ts';
import { refreshProcedure } from './refresh.ts';
import { scoreHistoryProcedure } from './score-history.ts';
import { scoresProcedure } from './scores.ts';
import { signalEvidenceProcedure } from './signal-evidence.ts';
import { signalHistoryProcedure } from './signal-history.ts';
import { signalsProcedure } from './signals.ts';
import { similarCasesProcedure } from './similar-cases.ts';
import { similarityRebuildProcedure } from './similarity-rebuild.ts';
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
  forecast: forecastProcedure,
  forecastRefresh: forecastRefreshProcedure,
  forecastTrackRecord: forecastTrackRecordProcedure,
  similarCases: similarCasesProcedure,
  similarityRebuild: similarityRebuildProcedure,
});

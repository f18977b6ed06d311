import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import { findProjectSignature } from '@keel/db/queries/case-signatures';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import { replaceDayForecasts } from '@keel/db/queries/kag-forecasts';
import { listSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { historyDayFromSnapshot } from '../history/from-snapshot.ts';
import { isoDate } from '../history/day.ts';
import { DAY_MS } from '../math.ts';
import type { KagRefreshContext } from '../refresh.ts';
import { caseOutcomes, nearestStoredCases, outcomesBefore, pickSimilarityMode } from '../similarity/find.ts';
import { SIGNATURE_WINDOW_DAYS } from '../similarity/rebuild.ts';
import { SIGNATURE_VERSION, caseSignature } from '../similarity/signature.ts';
import { type RiskForecast, computeRiskForecastsFromInputs } from './compute.ts';
import { FORECAST_HISTORY_DAYS, type SimilarInput } from './features.ts';
import { type ForecastModel, defaultForecastModel } from './model.ts';

/**
 * The seed's forecasting.js `refreshRiskForecasts`: loads the project's stored snapshots (its
 * history, oldest first, up to the newest), its nearest past cases of other projects with the
 * outcomes of windows closed before that day, computes the three horizons with
 * `computeRiskForecastsFromInputs`, replaces the day's rows in kag_risk_forecasts and publishes
 * `kag.forecasts.refreshed`. Runs after the snapshot and signature steps of the pipeline.
 */

export type ForecastRefreshResult = {
  asOf: string;
  modelVersion: string;
  historyDays: number;
  similarCases: number;
  forecasts: RiskForecast[];
};

export async function refreshRiskForecasts(
  db: Database,
  scope: KagScope,
  ctx: KagRefreshContext,
  model: ForecastModel = defaultForecastModel(),
): Promise<ForecastRefreshResult> {
  const now = ctx.clock.now();
  const from = isoDate(new Date(now.getTime() - FORECAST_HISTORY_DAYS * DAY_MS));
  const rows = await listSnapshotHistory(db, scope, { from, to: isoDate(now) });
  const history = rows.map(historyDayFromSnapshot);
  const last = history.at(-1);
  const asOf = rows.at(-1)?.asOf ?? now;

  let similar: SimilarInput[] = [];
  if (last) {
    // The stored signature (float4) when there is one, so the forecast uses exactly the
    // neighbours GET /kag/similar-cases shows.
    const stored = await findProjectSignature(db, scope, SIGNATURE_VERSION, last.snapshotId);
    const vector = stored?.vector ?? caseSignature(history.slice(-SIGNATURE_WINDOW_DAYS));
    const filter = {
      accountScopeId: scope.accountScopeId,
      excludeProjectId: scope.projectId,
      version: SIGNATURE_VERSION,
      dims: vector.length,
      before: last.date,
    };
    const mode = await pickSimilarityMode(db);
    const near = await nearestStoredCases(
      db,
      { projectId: scope.projectId, vector },
      filter,
      model.similarK,
      mode,
    );
    const outcomes = await outcomesBefore(
      db,
      scope.accountScopeId,
      near.map((n) => n.candidate.snapshotId),
      last.date,
    );
    similar = near.map(({ candidate, distance }) => ({
      snapshotId: candidate.snapshotId,
      projectId: candidate.projectId,
      snapshotDate: candidate.snapshotDate,
      distance,
      outcomes: caseOutcomes(outcomes.get(candidate.snapshotId) ?? {}),
    }));
  }

  const forecasts = computeRiskForecastsFromInputs({ asOf, history, similar }, model);
  await replaceDayForecasts(db, scope, isoDate(asOf), forecasts);
  const h14 = forecasts.find((f) => f.horizonDays === 14);
  await ctx.bus.publish(
    makeEvent(
      'kag.forecasts.refreshed',
      scope,
      {
        asOf: asOf.toISOString(),
        dataSufficient: h14?.dataSufficient ?? false,
        probability14d: h14?.dataSufficient ? h14.probability : null,
        modelVersion: model.version,
      },
      now,
    ),
  );
  return {
    asOf: asOf.toISOString(),
    modelVersion: model.version,
    historyDays: history.length,
    similarCases: similar.length,
    forecasts,
  };
}

import type { ForecastDriver, SimilarCase } from '@keel/db/schema/kag-v2';
import type { HistoryDay } from '../history/history-day.ts';
import { round } from '../math.ts';
import { type ForecastHorizon, type SimilarInput, forecastFeatures } from './features.ts';
import {
  FORECAST_HORIZONS_DAYS,
  type ForecastModel,
  defaultForecastModel,
  horizonModel,
  predictHorizon,
} from './model.ts';
import { dataSufficiency } from './sufficiency.ts';

/** One row of kag_risk_forecasts, before its scope and id. */
export type RiskForecast = {
  horizonDays: ForecastHorizon;
  probability: number;
  drivers: ForecastDriver[];
  similarCases: SimilarCase[];
  dataSufficient: boolean;
  insufficiencyReason: string | null;
  modelVersion: string;
  asOf: Date;
};

export type ForecastInputs = {
  asOf: Date;
  /** Ascending consecutive day evaluations of the project, the last one being `asOf`'s day. */
  history: HistoryDay[];
  /** Nearest past cases of other projects, with the outcomes of the windows closed by `asOf`. */
  similar: SimilarInput[];
};

/**
 * P(risk event within h days) for h = 7, 14, 30. Pure: the same inputs and model give the same
 * rows. With too little history the row says so (dataSufficient false, the reason, no drivers)
 * and `probability` holds the training base rate — the column is NOT NULL, and the base rate is
 * the one number that claims nothing about this project; readers must not show it as a forecast.
 */
export function computeRiskForecastsFromInputs(
  input: ForecastInputs,
  model: ForecastModel = defaultForecastModel(),
): RiskForecast[] {
  const enough = dataSufficiency(input.history, model);
  return FORECAST_HORIZONS_DAYS.map((h) => {
    const hm = horizonModel(model, h);
    const similarCases = input.similar
      .filter((s) => s.outcomes[h] !== undefined)
      .map((s) => ({
        projectId: s.projectId,
        snapshotId: s.snapshotId,
        distance: round(s.distance, 6),
        riskEvent: s.outcomes[h] === true,
      }));
    const base = {
      horizonDays: h,
      similarCases,
      modelVersion: model.version,
      asOf: input.asOf,
    };
    if (!enough.sufficient)
      return {
        ...base,
        probability: hm.baseRate,
        drivers: [],
        dataSufficient: false,
        insufficiencyReason: enough.reason,
      };
    const features = forecastFeatures(input.history, input.similar, h, hm.baseRate);
    const { probability, terms } = predictHorizon(model, h, features);
    const drivers = terms
      .map((t) => ({
        term: t.term,
        value: round(t.value, 4),
        coefficient: round(t.coefficient, 4),
        contribution: round(t.contribution, 4),
      }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.term < b.term ? -1 : 1));
    return {
      ...base,
      probability: round(probability, 4),
      drivers,
      dataSufficient: true,
      insufficiencyReason: null,
    };
  });
}

/** Days of history `computeRiskForecastsFromInputs` wants in `history` (the day itself included). */
export { FORECAST_HISTORY_DAYS } from './features.ts';

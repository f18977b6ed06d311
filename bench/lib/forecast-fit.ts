/**
 * Fitting the forecast model on scored training days: per horizon, standardise the terms, fit an
 * L2 logistic regression (IRLS), then Platt-calibrate on out-of-fold log-odds (leave one training
 * seed out), so the calibration corrects what the regression over-claims on days it has not seen.
 */
import { type ForecastHorizon, forecastFeatures } from '@keel/intelligence/kag/forecast/features';
import { type ForecastModel, type HorizonModel, standardise } from '@keel/intelligence/kag/forecast/model';
import type { ScoredDay } from './forecast-dataset.ts';
import { fitLogistic } from './logistic.ts';
import { type TreeOptions, fitTrees, treeLogit } from './trees.ts';

export type TrainingRow = { seed: number; features: Record<string, number>; risk: number; y: boolean };

export function trainingRows(days: readonly ScoredDay[], h: ForecastHorizon, prior: number): TrainingRow[] {
  return days.flatMap((d) => {
    const y = d.labels[h];
    if (y === undefined) return [];
    const day = d.history[d.history.length - 1];
    return [
      { seed: d.seed, features: forecastFeatures(d.history, d.similar, h, prior), risk: day?.risk ?? 0, y },
    ];
  });
}

type Scale = Record<string, { mean: number; std: number }>;

function scaleOf(rows: readonly TrainingRow[], terms: readonly string[]): Scale {
  const out: Scale = {};
  for (const t of terms) {
    const xs = rows.map((r) => r.features[t] ?? 0);
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length);
    out[t] = { mean, std: Math.sqrt(variance) || 1 };
  }
  return out;
}

const z = (r: TrainingRow, t: string, scale: Scale) =>
  standardise(r.features[t] ?? 0, scale[t] ?? { mean: 0, std: 1 });
const matrix = (rows: readonly TrainingRow[], terms: readonly string[], scale: Scale) =>
  rows.map((r) => terms.map((t) => z(r, t, scale)));

function fitOnce(rows: readonly TrainingRow[], terms: readonly string[], l2: number) {
  const scale = scaleOf(rows, terms);
  const fit = fitLogistic(
    matrix(rows, terms, scale),
    rows.map((r) => r.y),
    l2,
  );
  const logit = (r: TrainingRow) =>
    fit.intercept +
    terms.reduce(
      (a, t, j) =>
        a + (fit.weights[j] ?? 0) * (((r.features[t] ?? 0) - (scale[t]?.mean ?? 0)) / (scale[t]?.std ?? 1)),
      0,
    );
  return { fit, scale, logit };
}

/** σ(a·x + b) fitted by the same IRLS on one input. */
function platt(xs: readonly number[], ys: readonly boolean[]): { a: number; b: number } {
  const f = fitLogistic(
    xs.map((x) => [x]),
    ys,
    1e-6,
  );
  return { a: f.weights[0] ?? 1, b: f.intercept };
}

export function fitHorizon(
  rows: readonly TrainingRow[],
  terms: readonly string[],
  l2: number,
): { model: HorizonModel; outOfFold: number[] } {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const oofLogit = new Array<number>(rows.length).fill(0);
  for (const held of seeds) {
    const { logit } = fitOnce(
      rows.filter((r) => r.seed !== held),
      terms,
      l2,
    );
    rows.forEach((r, i) => {
      if (r.seed === held) oofLogit[i] = logit(r);
    });
  }
  const ys = rows.map((r) => r.y);
  const calibration = seeds.length > 1 ? platt(oofLogit, ys) : { a: 1, b: 0 };
  const { fit, scale } = fitOnce(rows, terms, l2);
  const outOfFold = oofLogit.map((z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b))));
  return {
    model: {
      intercept: fit.intercept,
      coefficients: Object.fromEntries(terms.map((t, j) => [t, fit.weights[j] ?? 0])),
      scale,
      calibration,
      baseRate: ys.filter(Boolean).length / Math.max(1, ys.length),
      riskOnly: platt(
        rows.map((r) => r.risk / 100),
        ys,
      ),
    },
    outOfFold,
  };
}

/**
 * Since forecast-v4: boosted depth-limited trees over the raw terms instead of the regression (the
 * terms interact), with the same out-of-fold Platt calibration, base rate and baselines.
 */
export function fitTreesHorizon(
  rows: readonly TrainingRow[],
  terms: readonly string[],
  options: TreeOptions,
): { model: HorizonModel; outOfFold: number[] } {
  const vec = (r: TrainingRow) => terms.map((t) => r.features[t] ?? 0);
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const oofLogit = new Array<number>(rows.length).fill(0);
  for (const held of seeds) {
    const train = rows.filter((r) => r.seed !== held);
    const m = fitTrees(
      train.map(vec),
      train.map((r) => r.y),
      options,
    );
    rows.forEach((r, i) => {
      if (r.seed === held) oofLogit[i] = treeLogit(m, vec(r));
    });
  }
  const ys = rows.map((r) => r.y);
  const calibration = seeds.length > 1 ? platt(oofLogit, ys) : { a: 1, b: 0 };
  const fit = fitTrees(rows.map(vec), ys, options);
  const outOfFold = oofLogit.map((z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b))));
  return {
    model: {
      intercept: fit.intercept,
      coefficients: {},
      scale: {},
      calibration,
      baseRate: ys.filter(Boolean).length / Math.max(1, ys.length),
      riskOnly: platt(
        rows.map((r) => r.risk / 100),
        ys,
      ),
      trees: fit.trees,
    },
    outOfFold,
  };
}

export function nextVersion(current: ForecastModel['version']): string {
  const n = /forecast-v(\d+)/.exec(current)?.[1];
  return `forecast-v${n === undefined ? 1 : Number(n) + 1}`;
}

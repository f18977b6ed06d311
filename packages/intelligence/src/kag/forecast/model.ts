import { z } from 'zod';
import fitted from './coefficients.json' with { type: 'json' };
import type { ForecastHorizon } from './features.ts';
import type { FlagRule } from './flag-rule.ts';
import { treeContributions, treeSchema } from './trees.ts';

/**
 * The forecast model: per horizon, log-odds z followed by a Platt calibration, p = σ(a·z + b).
 * z = intercept + Σ coefficient·clip((value − mean)/std, ±4) (a logistic regression over
 * standardised terms) + what the boosted trees add (trees.ts; from forecast-v4 on the file holds
 * trees only, so terms interact: "the client chased AND the strain is young" is not the same as
 * either alone).
 * Everything fitted lives in coefficients.json (written by `pnpm bench fit-forecast`, never edited
 * by hand), so a refit is one reviewable diff and every forecast row names the version it used.
 */
export const FORECAST_HORIZONS_DAYS = [7, 14, 30] as const satisfies readonly ForecastHorizon[];

const horizonSchema = z.object({
  intercept: z.number(),
  coefficients: z.record(z.string(), z.number()),
  scale: z.record(z.string(), z.object({ mean: z.number(), std: z.number().positive() })),
  calibration: z.object({ a: z.number(), b: z.number() }),
  /** Share of training days with an event within the horizon: the prior and the base-rate baseline. */
  baseRate: z.number().min(0).max(1),
  /** The current-risk-alone baseline, Platt-fitted on the same training days: σ(a·risk/100 + b). */
  riskOnly: z.object({ a: z.number(), b: z.number() }),
  /** Since forecast-v4: boosted trees over the raw terms (trees.ts), added to the log-odds. */
  trees: z.array(treeSchema).optional(),
});

export const forecastModelSchema = z.object({
  version: z.string(),
  fittedAt: z.string(),
  trainingSeeds: z.array(z.number()),
  trainingSize: z.string(),
  trainingDays: z.number(),
  l2: z.number(),
  signatureVersion: z.string(),
  configVersion: z.string(),
  similarK: z.number().int().positive(),
  minHistoryDays: z.number().int().nonnegative(),
  minEvaluatedDays: z.number().int().positive(),
  atRisk14dThreshold: z.number().min(0).max(1),
  /**
   * How the flag follows the forecasts from day to day (flag-rule.ts), chosen on the validation
   * seeds by `pnpm bench flag-rules --write`; absent: today's P14 ≥ atRisk14dThreshold alone.
   */
  flagRule: z
    .object({
      on: z.number().min(0).max(1),
      off: z.number().min(0).max(1).optional(),
      persistDays: z.number().int().min(1).max(14),
      meanDays: z.number().int().min(1).max(14),
    })
    .refine(
      (r) => r.off === undefined || r.off <= r.on,
      'a flag cannot be lowered above the level that raises it',
    )
    .optional(),
  terms: z.array(z.string()),
  horizons: z.object({ '7': horizonSchema, '14': horizonSchema, '30': horizonSchema }),
});

export type ForecastModel = z.infer<typeof forecastModelSchema>;
export type HorizonModel = ForecastModel['horizons']['7'];

let cached: ForecastModel | null = null;
/** The model in coefficients.json, validated once on first use. */
export function defaultForecastModel(): ForecastModel {
  cached ??= forecastModelSchema.parse(fitted);
  return cached;
}

/** The level of P(risk event within 14 days) that raises the product's "at risk" flag. */
export const AT_RISK_14D_THRESHOLD: number = fitted.atRisk14dThreshold;

/** The model's flag rule: its own, or today's P14 against the threshold alone. */
export function flagRuleOf(model: ForecastModel): FlagRule {
  return model.flagRule ?? { on: model.atRisk14dThreshold, persistDays: 1, meanDays: 1 };
}

/** Days of P14 the flag rule looks back over (today included), with room for hysteresis to hold. */
export function flagRuleLookbackDays(rule: FlagRule): number {
  return rule.off === undefined ? Math.max(rule.meanDays + rule.persistDays - 1, 1) : 30;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function horizonModel(model: ForecastModel, h: ForecastHorizon): HorizonModel {
  return model.horizons[String(h) as '7' | '14' | '30'];
}

/**
 * Standardised values are clipped to ±Z_CLIP: a rare term (a signal seen on a handful of
 * training days has a tiny spread) must not swing a forecast by dozens of log-odds.
 */
export const Z_CLIP = 4;
export const standardise = (value: number, s: { mean: number; std: number }): number =>
  Math.max(-Z_CLIP, Math.min(Z_CLIP, (value - s.mean) / s.std));

/** A term's coefficient is 0 under trees: its contribution is its credit along the trees' paths. */
export type ModelTerm = { term: string; value: number; coefficient: number; contribution: number };

/** The calibrated probability and each term's contribution to the (pre-calibration) log-odds. */
export function predictHorizon(
  model: ForecastModel,
  h: ForecastHorizon,
  features: Record<string, number>,
): { probability: number; logit: number; terms: ModelTerm[] } {
  const hm = horizonModel(model, h);
  const trees = hm.trees?.length ? treeContributions(hm.trees, model.terms, features) : null;
  const terms = model.terms.map((term) => {
    const value = features[term] ?? 0;
    const coefficient = hm.coefficients[term] ?? 0;
    const s = hm.scale[term] ?? { mean: 0, std: 1 };
    const linear = coefficient * standardise(value, s);
    return { term, value, coefficient, contribution: linear + (trees?.byTerm.get(term) ?? 0) };
  });
  const logit = hm.intercept + (trees?.roots ?? 0) + terms.reduce((a, t) => a + t.contribution, 0);
  return { probability: sigmoid(hm.calibration.a * logit + hm.calibration.b), logit, terms };
}

import { z } from 'zod';
import { day, iso } from './schemas.ts';

/** Shapes of the forecast, similar-case and track-record procedures (`/kag/v2/forecast*`, `/kag/similar*`). */
export const forecastTags = ['Forecasts'];
export const horizon = z.union([z.literal(7), z.literal(14), z.literal(30)]);

export const forecastDriver = z.object({
  /** The model term, e.g. `risk`, `risk_slope_7d`, `similar_event_rate` (docs/intelligence.md). */
  term: z.string(),
  value: z.number(),
  /** The regression's weight on the standardised term; 0 under a tree model (since forecast-v4). */
  coefficient: z.number(),
  /** Its share of the log-odds: positive raises the probability, negative lowers it. */
  contribution: z.number(),
});

export const riskForecast = z.object({
  horizonDays: z.number(),
  /** P(a risk event within the horizon); null when the history is too short to say. */
  probability: z.number().nullable(),
  /**
   * 14-day only: the product's "at risk" flag — the model's flag rule over this and the previous
   * days' 14-day forecasts (docs/intelligence.md: a rolling mean at or above the threshold).
   */
  atRisk: z.boolean().nullable(),
  drivers: z.array(forecastDriver),
  similarCases: z.array(
    z.object({ projectId: z.string(), snapshotId: z.string(), distance: z.number(), riskEvent: z.boolean() }),
  ),
  dataSufficient: z.boolean(),
  /** "not enough history yet: …" naming what is missing. */
  insufficiencyReason: z.string().nullable(),
  modelVersion: z.string(),
  asOf: iso,
});

const outcome = z.object({ riskEvent: z.boolean(), eventKind: z.string().nullable() });

export const similarCasesResult = z.object({
  mode: z.enum(['vector', 'exact']),
  signatureVersion: z.string(),
  query: z.object({ snapshotId: z.string(), snapshotDate: day }).nullable(),
  items: z.array(
    z.object({
      snapshotId: z.string(),
      projectId: z.string(),
      /** Null when the caller cannot open that project. */
      projectName: z.string().nullable(),
      accessible: z.boolean(),
      snapshotDate: day,
      distance: z.number(),
      /** What followed, per horizon whose window had closed before the query's day. */
      outcomes: z.object({ '7': outcome.optional(), '14': outcome.optional(), '30': outcome.optional() }),
    }),
  ),
  reason: z.string().nullable(),
});

export const signatureRebuild = z.object({
  signatureVersion: z.string(),
  snapshots: z.number(),
  written: z.number(),
  removedOldVersions: z.number(),
});

export const trackRecord = z.object({
  modelVersion: z.string(),
  /** The 14-day "at risk" flag as alarms; null when the replay sampled days (large installs). */
  alarms: z
    .object({
      threshold: z.number(),
      rule: z
        .object({
          on: z.number().describe('P14 at or above which the flag is raised'),
          off: z.number().optional().describe('once raised, kept while P14 stays at or above this'),
          persistDays: z.number().describe('days in a row at or above `on` before it is raised'),
          meanDays: z.number().describe('days of P14 the rule averages'),
        })
        .describe("how the flag follows the forecasts from day to day (the model file's flagRule)"),
      episodes: z.number().describe('times the flag was raised (runs of consecutive flagged days)'),
      borneOut: z.number().describe('raised flags followed by a risk event within 14 days'),
      precision: z.number().nullable(),
      events: z.number().describe('risk events Keel observed that a flag could have warned of'),
      warned: z.number().describe('of those, flagged on a day in the 14 days before'),
      recall: z.number().nullable(),
      medianLeadDays: z.number().nullable(),
    })
    .nullable(),
  replayedDays: z.number(),
  stride: z.number(),
  from: day.nullable(),
  to: day.nullable(),
  computedAt: iso,
  cached: z.boolean(),
  horizons: z.array(
    z.object({
      horizonDays: z.number(),
      labelled: z.number(),
      events: z.number(),
      brier: z.number().nullable(),
      brierBaseRate: z.number().nullable(),
      bins: z.array(
        z.object({
          lo: z.number(),
          hi: z.number(),
          count: z.number(),
          meanProbability: z.number().nullable(),
          observedRate: z.number().nullable(),
        }),
      ),
      sufficient: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
});

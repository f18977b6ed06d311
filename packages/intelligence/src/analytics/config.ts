/**
 * Analytics windows and the backfill, versioned like KAG_CONFIG: every snapshot row keeps
 * `details.configVersion`. Bump the version when a rule of revenue.ts, delivery.ts or comms.ts
 * changes.
 */
export const ANALYTICS_CONFIG = {
  version: 'analytics-v1',
  /** Trailing windows each day is summarised over: a week (what moved) and a month (the level). */
  periods: [7, 30] as const,
  /** Past days built from history on a first run (charts over time have points from day one). */
  backfillDays: 90,
  /** The forecast horizon revenue at risk is weighted with. */
  riskHorizonDays: 30,
  /** A won deal whose renewal falls within this many days is revenue that can still be lost. */
  renewalWithinDays: 30,
  /** Started issues with no update for longer are stalled (the stalled_issues rule). */
  stalledDays: 5,
} as const;

export type AnalyticsPeriod = (typeof ANALYTICS_CONFIG.periods)[number];

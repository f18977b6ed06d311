import type { SignalCategory } from '@keel/db/schema/kag-core';

/**
 * Every threshold, weight and window of the v1 pipeline in one versioned object. Each computed
 * row stores `version`, so a changed rule is visible in history instead of silently rewriting it.
 * Bump the version whenever a number here changes.
 */
export const KAG_CONFIG = {
  version: 'kag-v1.0',
  businessHours: { startHour: 9, endHour: 18, days: [1, 2, 3, 4, 5], defaultTimezone: 'UTC' },
  windows: { messageHistoryDays: 70 },
  signals: {
    client_waiting: { minBusinessHours: 4, saturateHours: 48 },
    response_time_degradation: {
      recentDays: 7,
      baselineDays: 28,
      ratio: 1.5,
      minRecentSamples: 3,
      minBaselineSamples: 5,
    },
    negative_sentiment: { recentDays: 7, share: 0.25, minMessages: 4, negativeBelow: -0.2 },
    escalation_language: { lookbackDays: 14 },
    engagement_drop: { recentDays: 14, baselineWeeks: 8, ratio: 0.4, minWeeklyBaseline: 2 },
    overdue_issues: { saturateDays: 14 },
    stalled_issues: { staleDays: 5, saturateDays: 20 },
    blocked_issues: { saturateDays: 14 },
    scope_creep: { share: 0.2, startGraceHours: 1 },
    cycle_at_risk: { ratio: 0.8, pastCycles: 3, minRemaining: 3 },
    bug_spike: { recentDays: 7, baselineWeeks: 8, ratio: 2, minRecent: 3 },
    deal_stalled: { staleDays: 21, saturateDays: 90 },
    close_date_passed: { saturateDays: 30 },
    renewal_due: { withinDays: 30 },
    no_recent_contact: { days: 21, saturateDays: 60 },
  },
  /** Deal amounts (minor units) at which the amount part of a commercial severity saturates. */
  amountSaturationMinor: 5_000_000,
  scoring: {
    categoryWeights: {
      communication: 0.3,
      delivery: 0.3,
      commercial: 0.25,
      relationship: 0.15,
    } satisfies Record<SignalCategory, number>,
    /**
     * w_s: how much one signal of severity 1 fills its category. Per-subject signals (one per
     * conversation or deal) weigh less, so three waiting conversations hurt more than one but
     * a single one does not empty the category.
     */
    signalWeights: {
      client_waiting: 0.4,
      response_time_degradation: 0.6,
      negative_sentiment: 0.7,
      escalation_language: 0.8,
      engagement_drop: 0.8,
      overdue_issues: 0.6,
      stalled_issues: 0.4,
      blocked_issues: 0.5,
      scope_creep: 0.4,
      cycle_at_risk: 0.6,
      bug_spike: 0.5,
      deal_stalled: 0.5,
      close_date_passed: 0.5,
      renewal_due: 0.4,
      no_recent_contact: 0.8,
    },
    topContributors: 8,
    trendDays: 7,
  },
} as const;

/** The config's shape with plain numbers and strings, so a candidate config (replay) fits it too. */
type Widen<T> = T extends number
  ? number
  : T extends string
    ? string
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;
export type KagConfig = Widen<typeof KAG_CONFIG>;
export type SignalKey = keyof KagConfig['signals'];
export const SIGNAL_KEYS = Object.keys(KAG_CONFIG.signals) as SignalKey[];

export const SIGNAL_CATEGORY: Record<SignalKey, SignalCategory> = {
  client_waiting: 'communication',
  response_time_degradation: 'communication',
  negative_sentiment: 'relationship',
  escalation_language: 'relationship',
  engagement_drop: 'relationship',
  overdue_issues: 'delivery',
  stalled_issues: 'delivery',
  blocked_issues: 'delivery',
  scope_creep: 'delivery',
  cycle_at_risk: 'delivery',
  bug_spike: 'delivery',
  deal_stalled: 'commercial',
  close_date_passed: 'commercial',
  renewal_due: 'commercial',
  no_recent_contact: 'communication',
};

import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';

/**
 * The terms the fit gives the model (features.ts computes them all). Chosen on training and
 * validation seeds only: the design's four (current risk, 7-day slope, high-severity signals,
 * similar cases' event rate), and what the training data showed helps — how long risk has been
 * elevated (a project red for a month already had its event), the per-category components, and
 * the client's silence and volume (churn shows as fading contact before it shows as risk).
 */
/** forecast-v3: the relationship's strain over the last 3 and 7 days against its own baseline (strainFeatures). */
export const STRAIN_TERMS = [
  'reply_delay_7d',
  'reply_delay_3d',
  'reply_rise_7d',
  'reply_rise_3d',
  'reply_rise_change_7d',
  'reply_rise_change_14d',
  'reply_rise_young',
  'reply_strained_days_30d',
  'negative_share_7d',
  'negative_rise_7d',
  'chases_7d',
  'client_messages_3d',
  'bug_share_14d',
  'bug_rise_14d',
  'completed_change_7d',
];

export const FORECAST_TERMS = [
  'risk',
  'risk_slope_7d',
  'high_severity_signals',
  'similar_event_rate',
  'risk_slope_14d',
  'risk_max_14d',
  'days_elevated',
  'newly_elevated',
  'client_silence',
  'client_messages_7d',
  'overdue_issues',
  'relationship_fresh',
  'escalation_fresh',
  'stress_fresh',
  'stressed_days_30d',
  'relationship_days_30d',
  'volume_ratio',
  'waiting_conversations',
  ...SIGNAL_CATEGORIES.map((c) => `component:${c}`),
  // forecast-v2: ramp vs plateau — rising now, or risen long ago (its event behind it).
  'risk_slope_3d',
  'risk_rise_14d',
  'risk_rise_21d',
  'risk_max_30d',
  'risk_drawdown_30d',
  'peak_age_30d',
  'ramp_0_7',
  'ramp_7_14',
  'ramp_14_21',
  'ramp_21_plus',
  'risk_while_ramping',
  'rise_while_ramping',
  'high_severity_0_7',
  'high_severity_7_14',
  'high_severity_14_plus',
  'signals_new_7d',
  'signals_held_14d',
  'messages_change_14d',
  ...SIGNAL_CATEGORIES.map((c) => `component_delta_7d:${c}`),
  ...(
    [
      'client_waiting',
      'response_time_degradation',
      'negative_sentiment',
      'escalation_language',
      'engagement_drop',
      'overdue_issues',
    ] as const
  ).map((k) => `signal:${k}`),
  ...STRAIN_TERMS,
];

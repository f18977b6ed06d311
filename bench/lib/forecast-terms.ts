import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';

/**
 * The terms the fit gives the model (features.ts computes them all). Chosen on training and
 * validation seeds only: the design's four (current risk, 7-day slope, high-severity signals,
 * similar cases' event rate), and what the training data showed helps — how long risk has been
 * elevated (a project red for a month already had its event), the per-category components, and
 * the client's silence and volume (churn shows as fading contact before it shows as risk).
 */
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
];

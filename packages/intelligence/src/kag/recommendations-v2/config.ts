/**
 * Every number of recommendations v2 in one versioned object (stored on each row as
 * `config_version`). Bump the version when a number changes.
 */
export const RECOMMENDATIONS_V2_CONFIG = {
  version: 'recs-v2.0',
  gating: {
    /** Published with at least this many independent evidence items … */
    minIndependentEvidence: 2,
    /** … or with one item when the severity is at least this. */
    singleEvidenceMinSeverity: 0.8,
    /** And, in both cases, at least this confidence. */
    minConfidence: 0.6,
  },
  confidence: {
    /** 1 independent item → .60, 2 → .75, 3 or more → .90; none → .30. */
    base: 0.45,
    perEvidence: 0.15,
    evidenceCap: 3,
    noEvidence: 0.3,
    /** Each other signal on the same subject that agrees. */
    perCorroboratingSignal: 0.05,
    maxCorroboration: 0.1,
    /** The project's risk score (0..100) at or above this agrees with the signal. */
    riskAgreesAt: 50,
    riskBonus: 0.05,
    /** A forecast with enough data and P(risk event) at or above this agrees too. */
    forecastAgreesAt: 0.5,
    forecastBonus: 0.05,
    max: 0.95,
  },
  weights: {
    /** Learned weights stay in [min, max] so one bad week never hides a type completely. */
    min: 0.2,
    max: 1.8,
  },
  /** A closed (dismissed / done by a person) subject is not reopened by a refresh for this long. */
  holdClosedDays: { dismissed: 14, done: 3 },
} as const;

import type { SignalKey } from './config.ts';
import type { Detector, DetectorInput } from './signal-base.ts';
import {
  detectCloseDatePassed,
  detectDealStalled,
  detectNoRecentContact,
  detectRenewalDue,
} from './signals-commercial.ts';
import {
  detectClientWaiting,
  detectEngagementDrop,
  detectEscalationLanguage,
  detectNegativeSentiment,
  detectResponseTimeDegradation,
} from './signals-communication.ts';
import {
  detectBlockedIssues,
  detectBugSpike,
  detectCycleAtRisk,
  detectOverdueIssues,
  detectScopeCreep,
  detectStalledIssues,
} from './signals-delivery.ts';
import type { DetectedSignal } from './types.ts';

/** Every v1 detector by its signal key; the order is the order of intelligence.md's table. */
export const DETECTORS: Record<SignalKey, Detector> = {
  client_waiting: detectClientWaiting,
  response_time_degradation: detectResponseTimeDegradation,
  negative_sentiment: detectNegativeSentiment,
  escalation_language: detectEscalationLanguage,
  engagement_drop: detectEngagementDrop,
  overdue_issues: detectOverdueIssues,
  stalled_issues: detectStalledIssues,
  blocked_issues: detectBlockedIssues,
  scope_creep: detectScopeCreep,
  cycle_at_risk: detectCycleAtRisk,
  bug_spike: detectBugSpike,
  deal_stalled: detectDealStalled,
  close_date_passed: detectCloseDatePassed,
  renewal_due: detectRenewalDue,
  no_recent_contact: detectNoRecentContact,
};

/** Runs every detector; a signal without evidence is dropped, since it could not be explained. */
export function detectSignals(input: DetectorInput): DetectedSignal[] {
  return Object.values(DETECTORS)
    .flatMap((detect) => detect(input))
    .filter((s) => s.evidence.length > 0);
}

import type { RecommendationActionType } from '@keel/db/schema/kag-v2';
import type { SignalKey } from '../config.ts';
import type { DetectedSignal } from '../types.ts';

/** Recommendation templates (seed: kag/templates): plain functions per type and language. */
export type Locale = 'en' | 'ru';
export const LOCALES = ['en', 'ru'] as const satisfies readonly Locale[];

/** Reads one detail of the signal as text, falling back to the signal's subject label. */
export type Detail = (key: string) => string;

export type RenderedRecommendation = {
  title: string;
  body: string;
  /** The suggested action's draft: task title/description, message text or reminder text. */
  draft: Record<string, string>;
};

export type TemplateSet = Record<SignalKey, (s: DetectedSignal, d: Detail) => RenderedRecommendation>;

/** Which recommendation type and which action each signal leads to (one row per signal rule). */
export const RECOMMENDATION_TYPES: Record<SignalKey, { type: string; action: RecommendationActionType }> = {
  client_waiting: { type: 'reply_to_client', action: 'send_message' },
  response_time_degradation: { type: 'restore_response_time', action: 'create_or_update_task' },
  negative_sentiment: { type: 'address_client_mood', action: 'set_reminder' },
  escalation_language: { type: 'defuse_escalation', action: 'set_reminder' },
  engagement_drop: { type: 're_engage_client', action: 'send_message' },
  overdue_issues: { type: 'replan_overdue', action: 'create_or_update_task' },
  stalled_issues: { type: 'unblock_issue', action: 'create_or_update_task' },
  blocked_issues: { type: 'remove_blocker', action: 'create_or_update_task' },
  scope_creep: { type: 'review_scope', action: 'create_or_update_task' },
  cycle_at_risk: { type: 'rescope_cycle', action: 'create_or_update_task' },
  bug_spike: { type: 'triage_bugs', action: 'create_or_update_task' },
  deal_stalled: { type: 'check_in_on_deal', action: 'set_reminder' },
  close_date_passed: { type: 'update_close_date', action: 'set_reminder' },
  renewal_due: { type: 'start_renewal', action: 'send_message' },
  no_recent_contact: { type: 'get_in_touch', action: 'send_message' },
};

export const RECOMMENDATION_V2_TYPES = [
  ...new Set(Object.values(RECOMMENDATION_TYPES).map((t) => t.type)),
] as readonly string[];

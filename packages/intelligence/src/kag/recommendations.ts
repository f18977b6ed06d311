import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { SignalKey } from './config.ts';
import { round } from './math.ts';
import type { DetectedSignal } from './types.ts';

/** v1 recommendations: one rule per signal pattern, rendered in English from the signal's details. */
export type RecommendationDraft = {
  ruleKey: string;
  subjectKey: string;
  title: string;
  body: string;
  priority: number;
  signalKeys: string[];
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

type Rule = {
  ruleKey: string;
  weight: number;
  render: (s: DetectedSignal, d: (k: string) => string) => { title: string; body: string };
};

/** The type weight orders recommendations of equal severity: a waiting client before a stale deal. */
const RULES: Record<SignalKey, Rule> = {
  client_waiting: {
    ruleKey: 'reply_to_client',
    weight: 1,
    render: (s, d) => ({
      title: `Reply to ${d('contact')} in ${d('conversation')}`,
      body: `${s.sentence} Their last message: “${d('snippet')}”. Answer or acknowledge it now.`,
    }),
  },
  response_time_degradation: {
    ruleKey: 'restore_response_time',
    weight: 0.8,
    render: (s) => ({
      title: 'Bring first-response time back down',
      body: `${s.sentence} Check who covers the inbox and reassign unanswered conversations.`,
    }),
  },
  negative_sentiment: {
    ruleKey: 'address_client_mood',
    weight: 0.9,
    render: (s) => ({
      title: `Talk to ${s.subjectLabel} about how the project feels`,
      body: `${s.sentence} Schedule a call to hear the concerns before they turn into an escalation.`,
    }),
  },
  escalation_language: {
    ruleKey: 'defuse_escalation',
    weight: 1,
    render: (s, d) => ({
      title: `Call ${d('contact')} about ${d('conversation')} today`,
      body: `${s.sentence} Latest: “${d('snippet')}”. Bring a recovery plan and involve the account owner.`,
    }),
  },
  engagement_drop: {
    ruleKey: 're_engage_client',
    weight: 0.8,
    render: (s, d) => ({
      title: `Re-engage ${d('client')}`,
      body: `${s.sentence} Send a status update and ask for feedback on the next milestone.`,
    }),
  },
  overdue_issues: {
    ruleKey: 'replan_overdue',
    weight: 0.8,
    render: (s, d) => ({
      title: `Re-plan ${d('issue')}${Number(d('count')) > 1 ? ` and ${Number(d('count')) - 1} more overdue issues` : ''}`,
      body: `${s.sentence} Agree new dates with the client or move the work into the current cycle.`,
    }),
  },
  stalled_issues: {
    ruleKey: 'unblock_issue',
    weight: 0.7,
    render: (s, d) => ({
      title: `Unblock ${d('issue')}`,
      body: `${s.sentence} Ask the assignee what is in the way of “${d('issueTitle')}”.`,
    }),
  },
  blocked_issues: {
    ruleKey: 'remove_blocker',
    weight: 0.8,
    render: (s, d) => ({
      title: `Remove the blocker on ${d('issue')}`,
      body: `${s.sentence} Find who owns the dependency and agree a date.`,
    }),
  },
  scope_creep: {
    ruleKey: 'review_scope',
    weight: 0.6,
    render: (s, d) => ({
      title: `Review scope added to cycle ${d('cycle')}`,
      body: `${s.sentence} Trade new work against planned work or confirm the extra scope with the client.`,
    }),
  },
  cycle_at_risk: {
    ruleKey: 'rescope_cycle',
    weight: 0.7,
    render: (s, d) => ({
      title: `Cut or move scope from cycle ${d('cycle')}`,
      body: `${s.sentence} Decide now what moves to the next cycle and tell the client.`,
    }),
  },
  bug_spike: {
    ruleKey: 'triage_bugs',
    weight: 0.7,
    render: (s) => ({
      title: 'Triage the bug spike',
      body: `${s.sentence} Look for a common cause (a release, a component) before fixing one by one.`,
    }),
  },
  deal_stalled: {
    ruleKey: 'check_in_on_deal',
    weight: 0.6,
    render: (s, d) => ({
      title: `Schedule a check-in with ${d('account')}`,
      body: `${s.sentence} Ask what is needed to move “${d('deal')}” forward or close it.`,
    }),
  },
  close_date_passed: {
    ruleKey: 'update_close_date',
    weight: 0.5,
    render: (s, d) => ({
      title: `Update the close date of “${d('deal')}”`,
      body: `${s.sentence} Confirm a new date with ${d('account')} or mark the deal lost.`,
    }),
  },
  renewal_due: {
    ruleKey: 'start_renewal',
    weight: 0.7,
    render: (s, d) => ({
      title: `Start the renewal conversation with ${d('account')}`,
      body: `${s.sentence} Prepare a summary of delivered value and propose next terms.`,
    }),
  },
  no_recent_contact: {
    ruleKey: 'get_in_touch',
    weight: 0.8,
    render: (s, d) => ({
      title: `Get in touch with ${d('client')}`,
      body: `${s.sentence} Send a check-in or log the last conversation in the CRM.`,
    }),
  },
};

export function recommend(signals: readonly DetectedSignal[]): RecommendationDraft[] {
  return signals.map((s) => {
    const rule = RULES[s.key];
    const detail = (k: string) => String(s.details[k] ?? s.subjectLabel);
    const { title, body } = rule.render(s, detail);
    return {
      ruleKey: rule.ruleKey,
      subjectKey: s.subjectKey === '' ? s.key : s.subjectKey,
      title,
      body,
      priority: round(s.severity * rule.weight, 4),
      signalKeys: [s.key],
      evidence: s.evidence,
      configVersion: s.configVersion,
      asOf: s.asOf,
    };
  });
}

/**
 * What each signal should catch, read from the generator's hidden state (never from Keel's own
 * data): per project and day, whether the thing the signal names was really there. The
 * definitions are printed by `pnpm bench signals` and written in docs/intelligence.md.
 */
import type { SignalKey } from '@keel/intelligence/kag/config';
import { INTENT } from '@keel/sandbox/generate/intents';
import { DAY, HOUR, engagementAt, stressAt } from '@keel/sandbox/generate/trajectory';
import type { Dataset } from '@keel/sandbox/model';

/** Stress at which the generator's effects are plain: replies ≈ 5 h instead of 40 min, 12 % complaints, blocked labels. */
const STRESSED = 0.3;

export const SIGNAL_TRUTH: Partial<Record<SignalKey, string>> = {
  client_waiting:
    'a client message is the last public message of a conversation and is ≥ 4 h old at the day end',
  response_time_degradation: `the project is stressed (generator stress ≥ ${STRESSED}: replies slow from minutes to hours)`,
  negative_sentiment: `the project is stressed (stress ≥ ${STRESSED}: complaints and follow-ups rise)`,
  escalation_language: 'the client sent an escalation message in the last 14 days',
  engagement_drop: 'the project is churning and its contact volume has fallen to ≤ 70 % (onset + 7 days on)',
  no_recent_contact:
    'the project is churning and its contact volume has fallen to ≤ 40 % (onset + 14 days on)',
  overdue_issues: `delivery is stressed (stress ≥ ${STRESSED}: issues start late and take up to 5× longer)`,
  stalled_issues: `delivery is stressed (stress ≥ ${STRESSED})`,
  blocked_issues: `delivery is stressed (stress ≥ ${STRESSED}: stalled issues get the Blocked label)`,
  cycle_at_risk: `delivery is stressed (stress ≥ ${STRESSED}: work is stuffed into the running cycle)`,
  bug_spike: `delivery is stressed (stress ≥ ${STRESSED}: bug share 18 % → 30 %+)`,
  scope_creep: `delivery is stressed (stress ≥ ${STRESSED}: mid-cycle additions rise)`,
  deal_stalled:
    'the project is slipping, escalating or churning (the generator leaves its phase-2 deal unmoved 18+ days)',
  close_date_passed: 'the project is churning (the generator puts its phase-2 close date in the past)',
};
/** renewal_due is a calendar fact (a renewal date within 30 days), not a hidden state: nothing to score. */

type Conv = { times: number[]; incoming: boolean[] };

/** A function (projectIndex, end of day) → whether each signal's truth holds. */
export function signalTruth(
  ds: Dataset,
): (project: number, end: number) => Partial<Record<SignalKey, boolean>> {
  const store = ds.messages;
  const convs = new Map<number, Conv[]>();
  const escalations = new Map<number, number[]>();
  for (const conv of ds.conversations) {
    const c: Conv = { times: [], incoming: [] };
    for (const row of conv.messages) {
      const type = store.type[row] ?? 2;
      const isPrivate = ((store.flags[row] ?? 0) & 1) === 1;
      if (type === 2 || isPrivate) continue;
      const t = (store.createdAt[row] ?? 0) * 1000;
      c.times.push(t);
      c.incoming.push(type === 0);
      if (type === 0 && store.intent[row] === INTENT.escalation)
        escalations.set(conv.projectIndex, [...(escalations.get(conv.projectIndex) ?? []), t]);
    }
    convs.set(conv.projectIndex, [...(convs.get(conv.projectIndex) ?? []), c]);
  }
  return (project, end) => {
    const p = ds.projects[project];
    if (!p) return {};
    const stress = stressAt(p.trajectory, p.onset, end);
    const engagement = engagementAt(p.trajectory, p.onset, end);
    const waiting = (convs.get(project) ?? []).some((c) => {
      let i = c.times.length - 1;
      while (i >= 0 && (c.times[i] ?? 0) > end) i -= 1;
      return i >= 0 && c.incoming[i] === true && end - (c.times[i] ?? 0) >= 4 * HOUR;
    });
    const stressed = stress >= STRESSED;
    return {
      client_waiting: waiting,
      response_time_degradation: stressed,
      negative_sentiment: stressed,
      escalation_language: (escalations.get(project) ?? []).some((t) => t <= end && t > end - 14 * DAY),
      engagement_drop: p.trajectory === 'churning' && engagement <= 0.7,
      no_recent_contact: p.trajectory === 'churning' && engagement <= 0.4,
      overdue_issues: stressed,
      stalled_issues: stressed,
      blocked_issues: stressed,
      cycle_at_risk: stressed,
      bug_spike: stressed,
      scope_creep: stressed,
      deal_stalled: ['slipping', 'escalating', 'churning'].includes(p.trajectory),
      close_date_passed: p.trajectory === 'churning',
    };
  };
}

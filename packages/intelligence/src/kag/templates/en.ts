import type { TemplateSet } from './types.ts';

/** English templates. The body starts with why (the signal's sentence), then what to do. */
const task = (title: string, description: string) => ({ title, description });

export const EN: TemplateSet = {
  client_waiting: (s, d) => ({
    title: `Reply to ${d('contact')} in ${d('conversation')}`,
    body: `${s.sentence} Their last message: “${d('snippet')}”. Answer or acknowledge it now.`,
    draft: {
      text: `Hi ${d('contact')}, thank you for your message — we are on it and will come back to you with an answer today.`,
    },
  }),
  response_time_degradation: (s) => ({
    title: 'Bring first-response time back down',
    body: `${s.sentence} Check who covers the inbox and reassign unanswered conversations.`,
    draft: task(
      'Restore first-response time',
      `${s.sentence}\n\n- Check inbox coverage\n- Reassign unanswered conversations`,
    ),
  }),
  negative_sentiment: (s) => ({
    title: `Talk to ${s.subjectLabel} about how the project feels`,
    body: `${s.sentence} Schedule a call to hear the concerns before they turn into an escalation.`,
    draft: { text: `Call ${s.subjectLabel} to hear their concerns about the project` },
  }),
  escalation_language: (s, d) => ({
    title: `Call ${d('contact')} about ${d('conversation')} today`,
    body: `${s.sentence} Latest: “${d('snippet')}”. Bring a recovery plan and involve the account owner.`,
    draft: { text: `Call ${d('contact')} about ${d('conversation')} with a recovery plan` },
  }),
  engagement_drop: (s, d) => ({
    title: `Re-engage ${d('client')}`,
    body: `${s.sentence} Send a status update and ask for feedback on the next milestone.`,
    draft: {
      text: `Hi ${d('client')}, a quick update on where the project stands — and we would love your feedback on the next milestone.`,
    },
  }),
  overdue_issues: (s, d) => ({
    title: `Re-plan ${d('issue')}${Number(d('count')) > 1 ? ` and ${Number(d('count')) - 1} more overdue issues` : ''}`,
    body: `${s.sentence} Agree new dates with the client or move the work into the current cycle.`,
    draft: task(
      `Re-plan overdue work (${d('issue')})`,
      `${s.sentence}\n\nAgree new dates or move the work into the current cycle.`,
    ),
  }),
  stalled_issues: (s, d) => ({
    title: `Unblock ${d('issue')}`,
    body: `${s.sentence} Ask the assignee what is in the way of “${d('issueTitle')}”.`,
    draft: task(
      `Unblock ${d('issue')}: ${d('issueTitle')}`,
      `${s.sentence}\n\nWhat is in the way, and who can remove it?`,
    ),
  }),
  blocked_issues: (s, d) => ({
    title: `Remove the blocker on ${d('issue')}`,
    body: `${s.sentence} Find who owns the dependency and agree a date.`,
    draft: task(
      `Remove the blocker on ${d('issue')}`,
      `${s.sentence}\n\nFind the dependency's owner and agree a date.`,
    ),
  }),
  scope_creep: (s, d) => ({
    title: `Review scope added to cycle ${d('cycle')}`,
    body: `${s.sentence} Trade new work against planned work or confirm the extra scope with the client.`,
    draft: task(`Review scope added to cycle ${d('cycle')}`, s.sentence),
  }),
  cycle_at_risk: (s, d) => ({
    title: `Cut or move scope from cycle ${d('cycle')}`,
    body: `${s.sentence} Decide now what moves to the next cycle and tell the client.`,
    draft: task(`Re-scope cycle ${d('cycle')}`, `${s.sentence}\n\nDecide what moves to the next cycle.`),
  }),
  bug_spike: (s) => ({
    title: 'Triage the bug spike',
    body: `${s.sentence} Look for a common cause (a release, a component) before fixing one by one.`,
    draft: task('Triage the bug spike', `${s.sentence}\n\nLook for a common cause before fixing one by one.`),
  }),
  deal_stalled: (s, d) => ({
    title: `Schedule a check-in with ${d('account')}`,
    body: `${s.sentence} Ask what is needed to move “${d('deal')}” forward or close it.`,
    draft: { text: `Check in with ${d('account')} about “${d('deal')}”` },
  }),
  close_date_passed: (s, d) => ({
    title: `Update the close date of “${d('deal')}”`,
    body: `${s.sentence} Confirm a new date with ${d('account')} or mark the deal lost.`,
    draft: { text: `Confirm a new close date for “${d('deal')}” with ${d('account')}` },
  }),
  renewal_due: (s, d) => ({
    title: `Start the renewal conversation with ${d('account')}`,
    body: `${s.sentence} Prepare a summary of delivered value and propose next terms.`,
    draft: {
      text: `Hi ${d('account')}, your renewal is coming up. Could we find 30 minutes to review what we delivered and plan the next period?`,
    },
  }),
  no_recent_contact: (s, d) => ({
    title: `Get in touch with ${d('client')}`,
    body: `${s.sentence} Send a check-in or log the last conversation in the CRM.`,
    draft: {
      text: `Hi ${d('client')}, checking in — how are things going on your side? Anything we can help with?`,
    },
  }),
};

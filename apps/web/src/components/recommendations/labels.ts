import type { RouterOutputs } from '@/lib/trpc';

export type Recommendation = RouterOutputs['recommendations']['list']['items'][number];
export type Evidence = Recommendation['evidence'][number];

/** What each recommendation type is called on screen (the API's `type`). */
export const TYPE_LABELS: Record<string, string> = {
  reply_to_client: 'Reply to a client',
  restore_response_time: 'Response time',
  address_client_mood: 'Client mood',
  defuse_escalation: 'Escalation',
  re_engage_client: 'Re-engage',
  replan_overdue: 'Overdue work',
  unblock_issue: 'Stalled issue',
  remove_blocker: 'Blocker',
  review_scope: 'Scope creep',
  rescope_cycle: 'Cycle at risk',
  triage_bugs: 'Bug spike',
  check_in_on_deal: 'Stalled deal',
  update_close_date: 'Close date',
  start_renewal: 'Renewal',
  get_in_touch: 'Get in touch',
};

export const typeLabel = (type: string) => TYPE_LABELS[type] ?? type.replaceAll('_', ' ');

export const ACTION_LABELS: Record<NonNullable<Recommendation['suggestedAction']>['type'], string> = {
  create_or_update_task: 'Create a Linear task',
  send_message: 'Send a reply (through the outbox, after approval)',
  set_reminder: 'Set a reminder',
};

export const STATUS_LABELS: Record<Recommendation['status'], string> = {
  new: 'New',
  shown: 'Seen',
  accepted: 'Accepted',
  dismissed: 'Dismissed',
  snoozed: 'Snoozed',
  done: 'Done',
  suppressed: 'Suppressed',
};

/** The draft's main text: a message or reminder text, or a task's title and description. */
export function draftText(draft: Record<string, unknown>): string {
  if (typeof draft.text === 'string') return draft.text;
  const title = typeof draft.title === 'string' ? draft.title : '';
  const description = typeof draft.description === 'string' ? draft.description : '';
  return description ? `${title}\n\n${description}` : title;
}

/** Where a cited row opens: the in-app conversation (after selecting the project) or Linear. */
export function evidenceHref(e: Evidence): { href: string; external: boolean } | null {
  if (!e.target) return null;
  if ('url' in e.target) return { href: e.target.url, external: true };
  return { href: `/conversations/${e.target.conversationId}?m=${e.target.messageId}`, external: false };
}

export const percent = (x: number) => `${Math.round(x * 100)}%`;

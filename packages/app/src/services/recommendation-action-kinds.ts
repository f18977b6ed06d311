import type { ProjectScope } from '@keel/core/scope';
import type { ActionRunRow } from '@keel/db/queries/recommendation-actions';
import { keyMarker, uuidForKey } from '@keel/intelligence/outbox/action-keys';
import { listConversationActivity } from '@keel/db/queries/connectors-chatwoot';
import { createOutboundDraft } from './outbox.ts';
import type { ActionActor } from './recommendation-actions.ts';

/**
 * What each action type does, exactly once per idempotency key:
 * - `create_or_update_task`: updates the Linear issue named in the draft (`issueId`), or creates
 *   one whose id is derived from the key — `issue(id:)` first, so a create that timed out after
 *   Linear stored it is found, and a duplicate create is refused by Linear itself;
 * - `send_message`: a Chatwoot message as an outbox draft under the run's key (never sent here);
 * - `set_reminder`: the reminder is the run itself; `outbound_process` tells the user at `remindAt`.
 */
export type ActionOutcome = {
  result: Record<string, unknown>;
  externalId: string;
  externalUrl: string | null;
};

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim().length > 0 ? v : undefined;

export async function performAction(
  actor: ActionActor,
  scope: ProjectScope,
  run: ActionRunRow,
): Promise<ActionOutcome> {
  switch (run.actionType) {
    case 'create_or_update_task':
      return linearTask(actor, scope, run);
    case 'send_message':
      return messageDraft(actor, scope, run);
    case 'set_reminder':
      return reminder(actor, run);
  }
}

async function linearTask(
  actor: ActionActor,
  scope: ProjectScope,
  run: ActionRunRow,
): Promise<ActionOutcome> {
  const linear = await actor.deps.vendorActions.linear(actor.deps.db, scope);
  if (!linear) throw new Error('Linear is not connected for this workspace.');
  const r = run.request;
  const title = text(r.title) ?? 'Follow up';
  const body = text(r.body) ?? '';
  const issueId = text(r.issueId);
  if (issueId) {
    const issue = await linear.update(issueId, { title, description: body });
    return { result: { issue, mode: 'updated' }, externalId: issue.id, externalUrl: issue.url || null };
  }
  const id = uuidForKey(run.idempotencyKey);
  const existing = await linear.find(id);
  if (existing)
    return {
      result: { issue: existing, mode: 'found' },
      externalId: existing.id,
      externalUrl: existing.url || null,
    };
  const teamId = text(r.teamId) ?? linear.teamId;
  if (!teamId) throw new Error('No Linear team is bound to this project; bind one or pass teamId.');
  const description = `${body}\n\n---\n${keyMarker(run.idempotencyKey)}`;
  try {
    const issue = await linear.create({ id, teamId, title, description });
    return { result: { issue, mode: 'created' }, externalId: issue.id, externalUrl: issue.url || null };
  } catch (error) {
    // Another attempt created it meanwhile (Linear refuses a second issue with the same id).
    const again = await linear.find(id);
    if (again)
      return {
        result: { issue: again, mode: 'found' },
        externalId: again.id,
        externalUrl: again.url || null,
      };
    throw error;
  }
}

/**
 * The conversation a reply goes to and its contact: named in the draft, or — for a
 * recommendation about a conversation (subject `conversation:<id>`) — that conversation and the
 * contact Chatwoot has on it, so a generated "reply to the client" draft runs as it is. A
 * project-wide one (re-engage, get in touch, renewal) writes to the client where they last
 * talked: the project's most recently active conversation that has a contact.
 */
async function replyTarget(actor: ActionActor, scope: ProjectScope, r: Record<string, unknown>) {
  const named =
    text(r.conversationId) ?? (typeof r.conversationId === 'number' ? String(r.conversationId) : undefined);
  const fromSubject = /^conversation:(\d+)$/.exec(text(r.subjectKey) ?? '')?.[1];
  const recipient = named ?? text(r.recipient) ?? fromSubject;
  let contactRef =
    text(r.contactRef) ??
    text(r.contactId) ??
    (typeof r.contactId === 'number' ? String(r.contactId) : undefined);
  if (!contactRef && recipient && /^\d+$/.test(recipient)) {
    const [conversation] = await listConversationActivity(actor.deps.db, scope, [Number(recipient)]);
    if (conversation?.cwContactId != null) contactRef = String(conversation.cwContactId);
  }
  if (!recipient && !contactRef) {
    const latest = (await listConversationActivity(actor.deps.db, scope))
      .filter((c) => c.cwContactId !== null)
      .sort(
        (a, b) =>
          (b.lastActivityAt?.getTime() ?? 0) - (a.lastActivityAt?.getTime() ?? 0) ||
          b.cwConversationId - a.cwConversationId,
      )[0];
    if (latest) return { recipient: String(latest.cwConversationId), contactRef: String(latest.cwContactId) };
  }
  return { recipient, contactRef };
}

async function messageDraft(
  actor: ActionActor,
  scope: ProjectScope,
  run: ActionRunRow,
): Promise<ActionOutcome> {
  const r = run.request;
  const { recipient, contactRef } = await replyTarget(actor, scope, r);
  // The draft's text is the reply; `body` is the recommendation's reason unless a caller set it.
  const body = text(r.message) ?? text(r.text) ?? text(r.body);
  if (!recipient || !contactRef || !body)
    throw new Error('A message needs conversationId, contactRef and body in the draft.');
  const draft = await createOutboundDraft(actor, scope, {
    channel: 'chatwoot',
    contactRef,
    recipient,
    body,
    idempotencyKey: run.idempotencyKey,
    recommendationId: run.recommendationId,
  });
  return {
    result: { outboundId: draft.id, outboundStatus: draft.status },
    externalId: draft.id,
    externalUrl: `/outbound?message=${draft.id}`,
  };
}

function reminder(actor: ActionActor, run: ActionRunRow): ActionOutcome {
  const r = run.request;
  const at = text(r.remindAt)
    ? new Date(String(r.remindAt))
    : new Date(actor.deps.clock.now().getTime() + 86_400_000);
  if (Number.isNaN(at.getTime())) throw new Error('remindAt is not a date.');
  return {
    result: { remindAt: at.toISOString(), title: text(r.title) ?? 'Reminder', deliveredAt: null },
    externalId: `reminder:${run.id}`,
    externalUrl: null,
  };
}

/** Chatwoot messages of a conversation: cursor reads (before/after) and creating a message. */
import { INTENT } from '../generate/intents.ts';
import type { Req, Res } from '../http/server.ts';
import { ATTACHMENT_NONE, SENDER_USER } from '../message-store.ts';
import type { Conversation, Dataset } from '../model.ts';
import { contactPushData, messageData } from './chatwoot-views.ts';
import { conversationById } from './conversation-index.ts';
import { type EmulatorContext, headerValue } from './context.ts';

const json = (status: number, body: unknown): Res => ({ status, body });
const notFound = (): Res => json(404, { error: 'Resource could not be found' });
const host = (req: Req): string => headerValue(req.headers.host) ?? '127.0.0.1';

function findConversation(ds: Dataset, req: Req): Conversation | undefined {
  return conversationById(ds, Number(req.params.conversation_id));
}

export function listMessages(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const conv = findConversation(ds, req);
  if (!conv) return notFound();
  const ids = ds.messages.id;
  const before = req.query.get('before');
  const after = req.query.get('after');
  let rows = conv.messages;
  if (req.query.get('filter_internal_messages') === 'true') {
    rows = rows.filter((r) => (ds.messages.type[r] ?? 0) !== 2 && ((ds.messages.flags[r] ?? 0) & 1) === 0);
  }
  const idOf = (r: number) => ids[r] ?? 0;
  if (after !== null && before !== null) {
    rows = rows.filter((r) => idOf(r) >= Number(after) && idOf(r) < Number(before)).slice(0, 1000);
  } else if (after !== null) {
    rows = rows.filter((r) => idOf(r) > Number(after)).slice(0, 100);
  } else if (before !== null) {
    rows = rows.filter((r) => idOf(r) < Number(before)).slice(-20);
  } else {
    rows = rows.slice(-20);
  }
  const assignee = conv.assigneeStaff === null ? undefined : ds.staff[conv.assigneeStaff];
  const meta: Record<string, unknown> = {
    labels: conv.labels,
    additional_attributes: {},
    contact: { ...contactPushData(ds, conv.personIndex), type: 'contact' },
  };
  if (assignee && conv.assigneeStaff !== null) {
    meta.assignee = {
      id: assignee.chatwootId,
      name: assignee.name,
      available_name: assignee.name,
      avatar_url: '',
      type: 'user',
      availability_status: 'online',
      thumbnail: '',
    };
  }
  meta.agent_last_seen_at = conv.agentLastSeenAt ? new Date(conv.agentLastSeenAt * 1000).toISOString() : null;
  meta.assignee_last_seen_at = conv.agentLastSeenAt
    ? new Date(conv.agentLastSeenAt * 1000).toISOString()
    : null;
  return json(200, { meta, payload: rows.map((r) => messageData(ds, r, host(req))) });
}

export function createMessage(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const conv = findConversation(ds, req);
  if (!conv) return notFound();
  const body = (req.body ?? {}) as {
    content?: unknown;
    message_type?: unknown;
    private?: unknown;
    content_attributes?: unknown;
  };
  if (typeof body.content !== 'string' || body.content.length === 0) {
    return json(422, { message: "Content can't be blank", attributes: ['content'] });
  }
  const incoming = body.message_type === 'incoming';
  const at = Math.max(ds.now, (conv.lastActivityAt + 1) * 1000);
  const createdAt = Math.floor(at / 1000);
  const row = ds.messages.push({
    id: ds.seq.message++,
    conversationIndex: ds.conversations.indexOf(conv),
    createdAt,
    messageType: incoming ? 0 : 1,
    private: body.private === true,
    senderKind: incoming ? 0 : SENDER_USER,
    senderIndex: incoming ? conv.personIndex : 0,
    intent: INTENT.custom,
    textSeed: 0,
    attachmentKind: ATTACHMENT_NONE,
    attachmentId: 0,
  });
  ds.messages.customText.set(row, body.content);
  if (
    body.content_attributes &&
    typeof body.content_attributes === 'object' &&
    !Array.isArray(body.content_attributes)
  )
    ds.messages.contentAttributes.set(row, body.content_attributes as Record<string, unknown>);
  conv.messages.push(row);
  conv.lastActivityAt = createdAt;
  conv.updatedAt = at / 1000;
  if (!incoming && body.private !== true) {
    if (conv.firstReplyCreatedAt === 0) conv.firstReplyCreatedAt = createdAt;
    conv.waitingSince = 0;
  }
  return json(200, messageData(ds, row, host(req)));
}

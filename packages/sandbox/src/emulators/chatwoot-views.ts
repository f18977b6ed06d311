/** Chatwoot JSON shapes (jbuilder partials) built from the dataset. */
import { renderMessageText, type TextContext } from '../generate/text.ts';
import { INTENT } from '../generate/intents.ts';
import { ATTACHMENT_IMAGE, ATTACHMENT_NONE, SENDER_CONTACT } from '../message-store.ts';
import type { Conversation, Dataset, Person } from '../model.ts';

export const ACCOUNT_ID = 1;

export function contactPushData(ds: Dataset, personIndex: number): Record<string, unknown> {
  const p = ds.people[personIndex];
  if (!p) return {};
  const client = ds.clients[p.clientIndex];
  return {
    additional_attributes: { company_name: client?.name ?? '', city: client?.city ?? '' },
    availability_status: 'offline',
    email: p.email,
    id: p.chatwootContactId,
    name: `${p.firstName} ${p.lastName}`,
    phone_number: p.phone,
    blocked: false,
    identifier: `usr_${p.chatwootContactId}`,
    thumbnail: '',
    custom_attributes: {},
    last_activity_at: p.lastActivityAt === 0 ? null : p.lastActivityAt,
    created_at: Math.floor(p.createdAt / 1000),
  };
}

export function contactInboxes(ds: Dataset, person: Person): Array<Record<string, unknown>> {
  const client = ds.clients[person.clientIndex];
  return (client?.projects ?? []).flatMap((pi) => {
    const inbox = ds.inboxes[ds.projects[pi]?.inboxIndex ?? -1];
    if (!inbox) return [];
    return [
      {
        source_id: `${person.sourceId.slice(0, 24)}${String(inbox.id).padStart(12, '0')}`,
        inbox: {
          id: inbox.id,
          avatar_url: '',
          channel_id: inbox.channelId,
          name: inbox.name,
          channel_type: inbox.channelType,
          provider: null,
        },
      },
    ];
  });
}

export function contactListItem(
  ds: Dataset,
  personIndex: number,
  withInboxes: boolean,
): Record<string, unknown> {
  const p = ds.people[personIndex];
  if (!p) return {};
  const item = contactPushData(ds, personIndex);
  if (p.lastActivityAt === 0) delete item.last_activity_at;
  if (withInboxes) item.contact_inboxes = contactInboxes(ds, p);
  return item;
}

export function agentData(ds: Dataset, staffIndex: number): Record<string, unknown> {
  const s = ds.staff[staffIndex];
  if (!s) return {};
  return {
    id: s.chatwootId,
    account_id: ACCOUNT_ID,
    availability_status: staffIndex % 3 === 0 ? 'online' : 'offline',
    auto_offline: true,
    confirmed: true,
    email: s.email,
    available_name: s.name,
    name: s.name,
    role: staffIndex === 0 ? 'administrator' : 'agent',
    thumbnail: '',
  };
}

function userPushData(ds: Dataset, staffIndex: number): Record<string, unknown> {
  const s = ds.staff[staffIndex];
  if (!s) return {};
  return {
    id: s.chatwootId,
    name: s.name,
    available_name: s.name,
    avatar_url: '',
    type: 'user',
    availability_status: 'offline',
    thumbnail: '',
  };
}

export function textContext(ds: Dataset, conv: Conversation, fromClient: boolean): TextContext {
  const project = ds.projects[conv.projectIndex];
  const client = project ? ds.clients[project.clientIndex] : undefined;
  const person = ds.people[conv.personIndex];
  const agent = ds.staff[conv.assigneeStaff ?? project?.leadStaff ?? 0];
  return {
    lang: client?.lang ?? 'en',
    recipient: fromClient ? (agent?.firstName ?? 'team') : (person?.firstName ?? ''),
    agent: agent?.firstName ?? 'Support',
    project: project?.name ?? '',
    features: project?.features ?? ['the project'],
  };
}

export function messageContent(ds: Dataset, row: number): string {
  const custom = ds.messages.customText.get(row);
  if (custom !== undefined) return custom;
  const m = ds.messages.get(row);
  const conv = ds.conversations[m.conversationIndex];
  if (!conv) return '';
  const ctx = textContext(ds, conv, m.messageType === 0);
  if (m.intent === INTENT.activityResolved || m.intent === INTENT.activityAssigned) {
    const agent = ds.staff[conv.assigneeStaff ?? 0];
    ctx.agent = agent?.name ?? 'System';
  }
  return renderMessageText(m.intent, m.textSeed, ctx);
}

export function attachmentData(
  host: string,
  row: { id: number; attachmentKind: number; attachmentId: number },
): Record<string, unknown> {
  const image = row.attachmentKind === ATTACHMENT_IMAGE;
  const name = image ? `screenshot-${row.attachmentId}.png` : `brief-${row.attachmentId}.pdf`;
  const url = `http://${host}/rails/active_storage/blobs/${row.attachmentId}/${name}`;
  return {
    id: row.attachmentId,
    message_id: row.id,
    file_type: image ? 'image' : 'file',
    account_id: ACCOUNT_ID,
    extension: null,
    data_url: url,
    thumb_url: image ? `${url}?thumb=1` : '',
    file_size: 10_000 + ((row.attachmentId * 7919) % 900_000),
    width: image ? 1280 : null,
    height: image ? 800 : null,
  };
}

/** A message as `_message.json.jbuilder` renders it in REST responses. */
export function messageData(ds: Dataset, row: number, host: string): Record<string, unknown> {
  const m = ds.messages.get(row);
  const conv = ds.conversations[m.conversationIndex];
  const inbox = conv ? ds.inboxes[conv.inboxIndex] : undefined;
  const out: Record<string, unknown> = {
    id: m.id,
    content: messageContent(ds, row),
    account_id: ACCOUNT_ID,
    inbox_id: inbox?.id ?? 0,
    conversation_id: conv?.id ?? 0,
    message_type: m.messageType,
    content_type: 'text',
    status: 'sent',
    content_attributes: ds.messages.contentAttributes.get(row) ?? {},
    created_at: m.createdAt,
    private: m.private,
    source_id: null,
  };
  if (m.senderIndex >= 0) {
    const contact = m.senderKind === SENDER_CONTACT;
    out.sender_type = contact ? 'Contact' : 'User';
    out.sender_id = contact
      ? (ds.people[m.senderIndex]?.chatwootContactId ?? null)
      : (ds.staff[m.senderIndex]?.chatwootId ?? null);
    out.sender = contact
      ? { ...contactPushData(ds, m.senderIndex), type: 'contact' }
      : userPushData(ds, m.senderIndex);
  }
  if (m.attachmentKind !== ATTACHMENT_NONE) out.attachments = [attachmentData(host, m)];
  return out;
}

function lastMessageRow(ds: Dataset, conv: Conversation, nonActivity: boolean): number | null {
  for (let i = conv.messages.length - 1; i >= 0; i--) {
    const row = conv.messages[i];
    if (row === undefined) continue;
    if (!nonActivity || ((ds.messages.type[row] ?? 0) !== 2 && ((ds.messages.flags[row] ?? 0) & 1) === 0))
      return row;
  }
  return null;
}

/** A conversation as `_conversation.json.jbuilder` renders it (list items and show). */
export function conversationData(ds: Dataset, conv: Conversation, host: string): Record<string, unknown> {
  const inbox = ds.inboxes[conv.inboxIndex];
  const meta: Record<string, unknown> = {
    sender: contactPushData(ds, conv.personIndex),
    channel: inbox?.channelType ?? 'Channel::Api',
  };
  if (conv.assigneeStaff !== null) meta.assignee = agentData(ds, conv.assigneeStaff);
  meta.hmac_verified = false;
  const last = lastMessageRow(ds, conv, false);
  const lastNonActivity = lastMessageRow(ds, conv, true);
  return {
    meta,
    id: conv.id,
    messages: last === null ? [] : [messageData(ds, last, host)],
    account_id: ACCOUNT_ID,
    uuid: conv.uuid,
    additional_attributes: {},
    agent_last_seen_at: conv.agentLastSeenAt,
    assignee_last_seen_at: conv.agentLastSeenAt,
    can_reply: true,
    contact_last_seen_at: conv.contactLastSeenAt,
    custom_attributes: {},
    inbox_id: inbox?.id ?? 0,
    labels: conv.labels,
    muted: false,
    snoozed_until: null,
    status: conv.status,
    created_at: conv.createdAt,
    updated_at: conv.updatedAt,
    timestamp: conv.lastActivityAt,
    first_reply_created_at: conv.firstReplyCreatedAt,
    unread_count: conv.status === 'open' && conv.waitingSince !== 0 ? 1 : 0,
    last_non_activity_message: lastNonActivity === null ? null : messageData(ds, lastNonActivity, host),
    last_activity_at: conv.lastActivityAt,
    priority: conv.priority,
    waiting_since: conv.waitingSince,
    sla_policy_id: null,
  };
}

export function inboxData(ds: Dataset, index: number): Record<string, unknown> {
  const inbox = ds.inboxes[index];
  if (!inbox) return {};
  return {
    id: inbox.id,
    avatar_url: '',
    channel_id: inbox.channelId,
    name: inbox.name,
    channel_type: inbox.channelType,
    greeting_enabled: false,
    greeting_message: null,
    working_hours_enabled: false,
    enable_email_collect: true,
    csat_survey_enabled: false,
    enable_auto_assignment: true,
    out_of_office_message: null,
    working_hours: [],
    timezone: 'UTC',
    callback_webhook_url: null,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: false,
    sender_name_type: 'friendly',
    business_name: null,
    provider: null,
  };
}

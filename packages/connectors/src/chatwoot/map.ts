import type {
  cwAttachmentsRaw,
  cwContacts,
  cwConversations,
  cwInboxesRaw,
  cwMessages,
  CwMessageType,
} from '@keel/db/schema/chatwoot';
import { asObject, isoDate, type JsonObject, num, oneOf, str } from '../vendor-json.ts';
import type { RowScope } from '../types.ts';

/**
 * Chatwoot REST payloads → mirror rows. Pure: the scope and project come in, rows go out.
 * REST timestamps are epoch seconds (`updated_at` a float) and Chatwoot renders "never" as 0.
 */
export type Json = JsonObject;

export type ContactRow = typeof cwContacts.$inferInsert;
export type InboxRow = typeof cwInboxesRaw.$inferInsert;
export type ConversationRow = typeof cwConversations.$inferInsert;
export type MessageRow = typeof cwMessages.$inferInsert;
export type AttachmentRow = typeof cwAttachmentsRaw.$inferInsert;

const MESSAGE_TYPES: readonly CwMessageType[] = ['incoming', 'outgoing', 'activity', 'template'];
const STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const SENDER_TYPES = ['contact', 'user', 'agent_bot'] as const;

/** Epoch seconds (int or float) or an ISO string → Date; 0, null and garbage → null. */
export function epochToDate(value: unknown): Date | null {
  if (typeof value === 'string') return isoDate(value);
  const n = num(value);
  if (n === null || n <= 0) return null;
  return new Date(Math.round(n * 1000));
}

export function mapInbox(inbox: Json, scope: RowScope): InboxRow | null {
  const id = num(inbox.id);
  if (id === null) return null;
  return {
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    cwInboxId: id,
    name: str(inbox.name) ?? `Inbox ${id}`,
    channelType: str(inbox.channel_type) ?? 'unknown',
    timezone: str(inbox.timezone),
    deletedAt: null,
    raw: inbox,
  };
}

/** A contact as it appears in a conversation's `meta.sender` (or a contacts list item). */
export function mapContact(contact: Json, scope: RowScope): ContactRow | null {
  const id = num(contact.id);
  if (id === null) return null;
  const additional = asObject(contact.additional_attributes) ?? {};
  return {
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    cwContactId: id,
    name: str(contact.name),
    email: str(contact.email),
    phoneNumber: str(contact.phone_number),
    identifier: str(contact.identifier),
    companyName: str(additional.company_name),
    blocked: contact.blocked === true,
    lastActivityAtSource: epochToDate(contact.last_activity_at),
    createdAtSource: epochToDate(contact.created_at),
    sourceUpdatedAt: epochToDate(contact.last_activity_at) ?? epochToDate(contact.created_at),
    deletedAt: null,
    raw: contact,
  };
}

/** The conversation without its embedded last message: messages are mirrored on their own. */
export function conversationRaw(conversation: Json): Json {
  const { messages: _messages, last_non_activity_message: _last, ...rest } = conversation;
  return rest;
}

export function mapConversation(conversation: Json, scope: RowScope): ConversationRow | null {
  const id = num(conversation.id);
  const createdAt = epochToDate(conversation.created_at);
  if (id === null || createdAt === null) return null;
  const meta = asObject(conversation.meta) ?? {};
  const sender = asObject(meta.sender);
  const assignee = asObject(meta.assignee);
  const team = asObject(meta.team);
  const labels = Array.isArray(conversation.labels)
    ? conversation.labels.filter((l) => typeof l === 'string')
    : [];
  return {
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    cwConversationId: id,
    displayId: id,
    cwInboxId: num(conversation.inbox_id),
    cwContactId: sender ? num(sender.id) : null,
    assigneeId: assignee ? num(assignee.id) : null,
    teamId: team ? num(team.id) : null,
    status: oneOf(STATUSES, conversation.status) ?? 'open',
    priority: oneOf(PRIORITIES, conversation.priority),
    labels,
    unreadCount: num(conversation.unread_count) ?? 0,
    waitingSince: epochToDate(conversation.waiting_since),
    firstReplyCreatedAt: epochToDate(conversation.first_reply_created_at),
    snoozedUntil: epochToDate(conversation.snoozed_until),
    lastActivityAt: epochToDate(conversation.last_activity_at),
    createdAtSource: createdAt,
    sourceUpdatedAt: epochToDate(conversation.updated_at),
    deletedAt: null,
    raw: conversationRaw(conversation),
  };
}

/** REST sends message_type as an integer, webhooks as a string: accept both. */
export function messageType(value: unknown): CwMessageType | null {
  if (typeof value === 'number') return MESSAGE_TYPES[value] ?? null;
  return oneOf(MESSAGE_TYPES, value);
}

export function mapMessage(
  message: Json,
  scope: RowScope,
  conversation: { cwContactId: number | null },
): MessageRow | null {
  const id = num(message.id);
  const conversationId = num(message.conversation_id);
  const createdAt = epochToDate(message.created_at);
  const type = messageType(message.message_type);
  if (id === null || conversationId === null || createdAt === null || type === null) return null;
  const sender = asObject(message.sender);
  const attrs = asObject(message.content_attributes) ?? {};
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  return {
    accountScopeId: scope.accountScopeId,
    projectId: scope.projectId,
    cwMessageId: id,
    cwConversationId: conversationId,
    cwInboxId: num(message.inbox_id),
    cwContactId: conversation.cwContactId,
    messageType: type,
    private: message.private === true,
    senderType: sender
      ? (oneOf(SENDER_TYPES, sender.type) ?? (type === 'incoming' ? 'contact' : null))
      : null,
    senderId: sender ? num(sender.id) : num(message.sender_id),
    senderName: sender ? str(sender.name) : null,
    contentType: str(message.content_type),
    status: str(message.status),
    content: typeof message.content === 'string' ? message.content : null,
    hasAttachments: attachments.length > 0,
    createdAtSource: createdAt,
    sourceUpdatedAt: epochToDate(message.updated_at) ?? createdAt,
    // Chatwoot keeps deleted messages with `content_attributes.deleted`; the time must be stable
    // across re-syncs or every sync would rewrite the row.
    deletedAt: attrs.deleted === true ? (epochToDate(message.updated_at) ?? createdAt) : null,
    raw: message,
  };
}

export function mapAttachments(message: Json, scope: RowScope): AttachmentRow[] {
  const messageId = num(message.id);
  const conversationId = num(message.conversation_id);
  if (messageId === null || conversationId === null || !Array.isArray(message.attachments)) return [];
  const out: AttachmentRow[] = [];
  for (const item of message.attachments) {
    const a = asObject(item);
    const id = a ? num(a.id) : null;
    if (!a || id === null) continue;
    out.push({
      accountScopeId: scope.accountScopeId,
      projectId: scope.projectId,
      cwAttachmentId: id,
      cwMessageId: messageId,
      cwConversationId: conversationId,
      fileType: str(a.file_type) ?? 'file',
      extension: str(a.extension),
      dataUrl: str(a.data_url),
      thumbUrl: str(a.thumb_url),
      fileSize: num(a.file_size),
      createdAtSource: epochToDate(message.created_at),
      deletedAt: null,
      raw: a,
    });
  }
  return out;
}

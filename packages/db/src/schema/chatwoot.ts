import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import {
  accountScopeRef,
  optionalProjectFk,
  optionalProjectRef,
  scopedId,
  scopedPk,
} from './scope-columns.ts';

/**
 * Chatwoot mirror. Chatwoot ids are integers unique per Chatwoot installation, and a workspace
 * connects one installation, so `(account_scope_id, cw_*_id)` is every sync's upsert key.
 * Typed columns hold what the UI and signals read; `raw` keeps the full payload.
 */

/** `number` mode: Chatwoot ids are far below 2^53. */
const cwId = (name: string) => bigint(name, { mode: 'number' });

export const CW_CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;
export const CW_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const CW_MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
export type CwMessageType = (typeof CW_MESSAGE_TYPES)[number];
export const CW_SENDER_TYPES = ['contact', 'user', 'agent_bot'] as const;

export const cwContacts = pgTable(
  'cw_contacts',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    cwContactId: cwId('cw_contact_id').notNull(),
    name: text('name'),
    email: text('email'),
    phoneNumber: text('phone_number'),
    identifier: text('identifier'),
    companyName: text('company_name'),
    blocked: boolean('blocked').notNull().default(false),
    lastActivityAtSource: tz('last_activity_at_source'),
    createdAtSource: tz('created_at_source'),
    sourceUpdatedAt: tz('source_updated_at'),
    deletedAt: tz('deleted_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('cw_contacts', t),
    optionalProjectFk('cw_contacts', t),
    uniqueIndex('cw_contacts_scope_contact_uq').on(t.accountScopeId, t.cwContactId),
    index('cw_contacts_project_activity_idx').on(t.projectId, t.lastActivityAtSource),
    /** Identity resolution matches contacts by e-mail, case-insensitively. */
    index('cw_contacts_scope_email_idx').on(t.accountScopeId, sql`lower(${t.email})`),
  ],
);

export const cwInboxesRaw = pgTable(
  'cw_inboxes_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    cwInboxId: cwId('cw_inbox_id').notNull(),
    name: text('name').notNull(),
    channelType: text('channel_type').notNull(),
    /** Business hours for response times are computed in the inbox's timezone when the project has none. */
    timezone: text('timezone'),
    deletedAt: tz('deleted_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('cw_inboxes_raw', t),
    optionalProjectFk('cw_inboxes_raw', t),
    uniqueIndex('cw_inboxes_raw_scope_inbox_uq').on(t.accountScopeId, t.cwInboxId),
  ],
);

export const cwConversations = pgTable(
  'cw_conversations',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    cwConversationId: cwId('cw_conversation_id').notNull(),
    /** The per-account number people see in Chatwoot's UI (`display_id`), when present. */
    displayId: integer('display_id'),
    cwInboxId: cwId('cw_inbox_id'),
    cwContactId: cwId('cw_contact_id'),
    assigneeId: cwId('assignee_id'),
    teamId: cwId('team_id'),
    status: text('status', { enum: CW_CONVERSATION_STATUSES }).notNull(),
    priority: text('priority', { enum: CW_PRIORITIES }),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    unreadCount: integer('unread_count').notNull().default(0),
    /** Chatwoot sends 0 for "never"; the sync stores null instead. */
    waitingSince: tz('waiting_since'),
    firstReplyCreatedAt: tz('first_reply_created_at'),
    snoozedUntil: tz('snoozed_until'),
    lastActivityAt: tz('last_activity_at'),
    createdAtSource: tz('created_at_source').notNull(),
    sourceUpdatedAt: tz('source_updated_at'),
    deletedAt: tz('deleted_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('cw_conversations', t),
    optionalProjectFk('cw_conversations', t),
    uniqueIndex('cw_conversations_scope_conversation_uq').on(t.accountScopeId, t.cwConversationId),
    index('cw_conversations_project_activity_idx').on(t.projectId, t.lastActivityAt),
    index('cw_conversations_scope_contact_idx').on(t.accountScopeId, t.cwContactId),
  ],
);

export const cwMessages = pgTable(
  'cw_messages',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    cwMessageId: cwId('cw_message_id').notNull(),
    cwConversationId: cwId('cw_conversation_id').notNull(),
    cwInboxId: cwId('cw_inbox_id'),
    /** The conversation's contact (the client), whoever sent this message. */
    cwContactId: cwId('cw_contact_id'),
    messageType: text('message_type', { enum: CW_MESSAGE_TYPES }).notNull(),
    /** Private notes are outgoing with private=true: never a reply the client saw. */
    private: boolean('private').notNull().default(false),
    senderType: text('sender_type', { enum: CW_SENDER_TYPES }),
    senderId: cwId('sender_id'),
    senderName: text('sender_name'),
    contentType: text('content_type'),
    /** Delivery status (sent, delivered, read, failed). */
    status: text('status'),
    content: text('content'),
    hasAttachments: boolean('has_attachments').notNull().default(false),
    createdAtSource: tz('created_at_source').notNull(),
    sourceUpdatedAt: tz('source_updated_at'),
    deletedAt: tz('deleted_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('cw_messages', t),
    optionalProjectFk('cw_messages', t),
    uniqueIndex('cw_messages_scope_message_uq').on(t.accountScopeId, t.cwMessageId),
    index('cw_messages_project_time_idx').on(t.projectId, t.createdAtSource.desc()),
    index('cw_messages_scope_conversation_time_idx').on(
      t.accountScopeId,
      t.cwConversationId,
      t.createdAtSource,
    ),
  ],
);

export const cwAttachmentsRaw = pgTable(
  'cw_attachments_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    cwAttachmentId: cwId('cw_attachment_id').notNull(),
    cwMessageId: cwId('cw_message_id').notNull(),
    cwConversationId: cwId('cw_conversation_id').notNull(),
    fileType: text('file_type').notNull(),
    extension: text('extension'),
    dataUrl: text('data_url'),
    thumbUrl: text('thumb_url'),
    fileSize: bigint('file_size', { mode: 'number' }),
    createdAtSource: tz('created_at_source'),
    deletedAt: tz('deleted_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('cw_attachments_raw', t),
    optionalProjectFk('cw_attachments_raw', t),
    uniqueIndex('cw_attachments_raw_scope_attachment_uq').on(t.accountScopeId, t.cwAttachmentId),
    index('cw_attachments_raw_scope_message_idx').on(t.accountScopeId, t.cwMessageId),
  ],
);

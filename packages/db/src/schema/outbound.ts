import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { crmAccounts, crmOpportunities } from './crm.ts';
import { recommendationsV2 } from './kag-v2.ts';
import { users } from './platform.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/** Outbox with compliance (opt-out, frequency cap, quiet hours) and offers needing two approvals. */

export const OUTBOUND_CHANNELS = ['chatwoot', 'email', 'loops'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

/** Per contact and channel: opt-out, frequency cap and quiet hours the outbox must respect. */
export const contactChannelPolicies = pgTable(
  'contact_channel_policies',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    /** Chatwoot contact id, or an e-mail address for the email/loops channels. */
    contactRef: text('contact_ref').notNull(),
    channel: text('channel', { enum: OUTBOUND_CHANNELS }).notNull(),
    optedOut: boolean('opted_out').notNull().default(false),
    optedOutAt: tz('opted_out_at'),
    optOutReason: text('opt_out_reason'),
    maxMessagesPerWindow: integer('max_messages_per_window'),
    windowHours: integer('window_hours'),
    /** Minutes after local midnight; a window crossing midnight has start > end. */
    quietHoursStartMinute: integer('quiet_hours_start_minute'),
    quietHoursEndMinute: integer('quiet_hours_end_minute'),
    timezone: text('timezone'),
    lastSentAt: tz('last_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('contact_channel_policies', t),
    projectFk('contact_channel_policies', t),
    uniqueIndex('contact_channel_policies_contact_channel_uq').on(
      t.projectId,
      t.contactRef,
      t.channel,
      t.accountScopeId,
    ),
  ],
);

export const OFFER_STATUSES = [
  'draft',
  'discount_pending',
  'approved',
  'sent',
  'accepted',
  'declined',
  'expired',
  'canceled',
] as const;

export const offers = pgTable(
  'offers',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    crmAccountId: uuid('crm_account_id'),
    crmOpportunityId: uuid('crm_opportunity_id'),
    title: text('title').notNull(),
    description: text('description'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    discountPct: real('discount_pct').notNull().default(0),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('draft'),
    discountApprovedBy: uuid('discount_approved_by').references(() => users.id, { onDelete: 'set null' }),
    discountApprovedAt: tz('discount_approved_at'),
    sendApprovedBy: uuid('send_approved_by').references(() => users.id, { onDelete: 'set null' }),
    sendApprovedAt: tz('send_approved_at'),
    sentAt: tz('sent_at'),
    expiresAt: tz('expires_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('offers', t),
    scopedFk('offers', t, t.crmOpportunityId, crmOpportunities).onDelete('set null'),
    scopedFk('offers', t, t.crmAccountId, crmAccounts).onDelete('set null'),
    projectFk('offers', t),
    index('offers_project_status_time_idx').on(t.projectId, t.status, t.createdAt),
  ],
);

export const OUTBOUND_STATUSES = [
  'draft',
  'approved',
  'sending',
  'sent',
  'failed',
  'blocked',
  'canceled',
] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    channel: text('channel', { enum: OUTBOUND_CHANNELS }).notNull(),
    contactRef: text('contact_ref').notNull(),
    /** Where it goes: a Chatwoot conversation id or an e-mail address. */
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status', { enum: OUTBOUND_STATUSES }).notNull().default('draft'),
    /** Why compliance held it (opted_out, frequency_cap, quiet_hours …). */
    blockReason: text('block_reason'),
    /** A send is attempted under this key only once, whatever crashes in between. */
    idempotencyKey: text('idempotency_key').notNull(),
    offerId: uuid('offer_id'),
    recommendationId: uuid('recommendation_id'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: tz('approved_at'),
    scheduledFor: tz('scheduled_for'),
    nextAttemptAt: tz('next_attempt_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: tz('sent_at'),
    externalMessageId: text('external_message_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('outbound_messages', t),
    unique('outbound_messages_idempotency_key_unique').on(t.idempotencyKey, t.accountScopeId),
    scopedFk('outbound_messages', t, t.recommendationId, recommendationsV2).onDelete('set null'),
    scopedFk('outbound_messages', t, t.offerId, offers).onDelete('set null'),
    projectFk('outbound_messages', t),
    index('outbound_messages_project_time_idx').on(t.projectId, t.createdAt),
    /** `processDueOutbounds`: approved messages whose time has come. */
    index('outbound_messages_due_idx').on(t.nextAttemptAt).where(sql`status in ('approved', 'sending')`),
    index('outbound_messages_contact_time_idx').on(t.projectId, t.contactRef, t.sentAt),
  ],
);

export const outboundAttempts = pgTable(
  'outbound_attempts',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    outboundMessageId: uuid('outbound_message_id').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    status: text('status', { enum: ['started', 'succeeded', 'failed', 'blocked'] }).notNull(),
    error: text('error'),
    response: jsonb('response').$type<Record<string, unknown>>(),
    externalMessageId: text('external_message_id'),
    startedAt: tz('started_at').notNull().defaultNow(),
    finishedAt: tz('finished_at'),
  },
  (t) => [
    scopedPk('outbound_attempts', t),
    scopedFk('outbound_attempts', t, t.outboundMessageId, outboundMessages).onDelete('cascade'),
    projectFk('outbound_attempts', t),
    uniqueIndex('outbound_attempts_message_attempt_uq').on(
      t.outboundMessageId,
      t.attemptNo,
      t.accountScopeId,
    ),
  ],
);

import { bigint, boolean, date, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import {
  accountScopeRef,
  optionalProjectFk,
  optionalProjectRef,
  scopedId,
  scopedPk,
} from './scope-columns.ts';

/**
 * Attio mirror. Record ids are UUIDs unique across a workspace's objects, so
 * `(account_scope_id, attio_record_id)` is the upsert key. Attio has no record-level
 * `updated_at`: a full re-scan compares `raw_hash` to skip unchanged rows, and `deleted_at`
 * marks records that disappeared from a scan or were reported deleted by a webhook.
 */

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Columns every Attio table shares. */
const attioSyncColumns = () => ({
  createdAtSource: tz('created_at_source'),
  /** Newest `active_from` among the attribute values: the best "changed at" Attio offers. */
  sourceUpdatedAt: tz('source_updated_at'),
  rawHash: text('raw_hash'),
  deletedAt: tz('deleted_at'),
  raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
  syncedAt: tz('synced_at').notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Attio `companies`. */
export const attioAccountsRaw = pgTable(
  'attio_accounts_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    attioRecordId: text('attio_record_id').notNull(),
    name: text('name'),
    primaryDomain: text('primary_domain'),
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    webUrl: text('web_url'),
    ...attioSyncColumns(),
  },
  (t) => [
    scopedPk('attio_accounts_raw', t),
    optionalProjectFk('attio_accounts_raw', t),
    uniqueIndex('attio_accounts_raw_scope_record_uq').on(t.accountScopeId, t.attioRecordId),
    index('attio_accounts_raw_scope_domain_idx').on(t.accountScopeId, t.primaryDomain),
  ],
);

/** Attio `people`. */
export const attioPeopleRaw = pgTable(
  'attio_people_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    attioRecordId: text('attio_record_id').notNull(),
    fullName: text('full_name'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    primaryEmail: text('primary_email'),
    emails: jsonb('emails').$type<string[]>().notNull().default([]),
    phoneNumbers: jsonb('phone_numbers').$type<string[]>().notNull().default([]),
    jobTitle: text('job_title'),
    companyRecordId: text('company_record_id'),
    webUrl: text('web_url'),
    ...attioSyncColumns(),
  },
  (t) => [
    scopedPk('attio_people_raw', t),
    optionalProjectFk('attio_people_raw', t),
    uniqueIndex('attio_people_raw_scope_record_uq').on(t.accountScopeId, t.attioRecordId),
    index('attio_people_raw_scope_email_idx').on(t.accountScopeId, t.primaryEmail),
  ],
);

/** Attio `deals`. */
export const attioOpportunitiesRaw = pgTable(
  'attio_opportunities_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    attioRecordId: text('attio_record_id').notNull(),
    name: text('name'),
    /** The stage title as configured in Attio ("Lead", "In Progress", "Won 🎉" …). */
    stage: text('stage'),
    /** Stage mapped to open/won/lost by the connector, since stage titles are workspace-defined. */
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('open'),
    /** `active_from` of the current stage value: when the deal last moved (deal_stalled). */
    stageChangedAt: tz('stage_changed_at'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency'),
    expectedCloseDate: date('expected_close_date'),
    ownerActorId: text('owner_actor_id'),
    companyRecordId: text('company_record_id'),
    personRecordIds: jsonb('person_record_ids').$type<string[]>().notNull().default([]),
    webUrl: text('web_url'),
    ...attioSyncColumns(),
  },
  (t) => [
    scopedPk('attio_opportunities_raw', t),
    optionalProjectFk('attio_opportunities_raw', t),
    uniqueIndex('attio_opportunities_raw_scope_record_uq').on(t.accountScopeId, t.attioRecordId),
    index('attio_opportunities_raw_project_status_idx').on(t.projectId, t.status),
    index('attio_opportunities_raw_scope_company_idx').on(t.accountScopeId, t.companyRecordId),
  ],
);

export const ATTIO_ACTIVITY_KINDS = ['note', 'task', 'meeting', 'call', 'email'] as const;

/** Attio notes and tasks (and interactions), keyed by their own ids (`note_id`, `task_id` are UUIDs). */
export const attioActivitiesRaw = pgTable(
  'attio_activities_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    attioActivityId: text('attio_activity_id').notNull(),
    kind: text('kind', { enum: ATTIO_ACTIVITY_KINDS }).notNull(),
    parentObject: text('parent_object'),
    parentRecordId: text('parent_record_id'),
    title: text('title'),
    content: text('content'),
    createdByActorId: text('created_by_actor_id'),
    /** When it happened: a note's creation, a meeting's start, a task's completion. */
    occurredAt: tz('occurred_at'),
    deadlineAt: tz('deadline_at'),
    isCompleted: boolean('is_completed'),
    completedAt: tz('completed_at'),
    ...attioSyncColumns(),
  },
  (t) => [
    scopedPk('attio_activities_raw', t),
    optionalProjectFk('attio_activities_raw', t),
    uniqueIndex('attio_activities_raw_scope_activity_uq').on(t.accountScopeId, t.attioActivityId),
    index('attio_activities_raw_project_time_idx').on(t.projectId, t.occurredAt),
    index('attio_activities_raw_scope_parent_idx').on(t.accountScopeId, t.parentRecordId),
  ],
);

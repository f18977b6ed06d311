import { bigint, date, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DEAL_STATUSES } from './attio.ts';
import { createdAt, tz, updatedAt } from './columns.ts';
import {
  accountScopeRef,
  optionalProjectFk,
  optionalProjectRef,
  scopedFk,
  scopedId,
  scopedPk,
} from './scope-columns.ts';

/**
 * The CRM mirror the product reads: Attio rows normalised, plus accounts and opportunities
 * created in Keel itself (`source = 'manual'`, no external ref). The upsert key of mirrored
 * rows is `(account_scope_id, source, external_ref)`; nulls are distinct, so manual rows never clash.
 */

export const CRM_SOURCES = ['attio', 'manual'] as const;

export const crmAccounts = pgTable(
  'crm_accounts',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    source: text('source', { enum: CRM_SOURCES }).notNull(),
    externalRef: text('external_ref'),
    name: text('name').notNull(),
    domain: text('domain'),
    status: text('status', { enum: ['prospect', 'active', 'churned'] })
      .notNull()
      .default('active'),
    ownerName: text('owner_name'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    deletedAt: tz('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('crm_accounts', t),
    optionalProjectFk('crm_accounts', t),
    uniqueIndex('crm_accounts_scope_source_ref_uq').on(t.accountScopeId, t.source, t.externalRef),
    index('crm_accounts_project_name_idx').on(t.projectId, t.name),
  ],
);

export const crmOpportunities = pgTable(
  'crm_opportunities',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    crmAccountId: uuid('crm_account_id'),
    source: text('source', { enum: CRM_SOURCES }).notNull(),
    externalRef: text('external_ref'),
    title: text('title').notNull(),
    stage: text('stage').notNull(),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('open'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    /** 0..1; manual entry or the stage's default. */
    probability: real('probability'),
    expectedCloseDate: date('expected_close_date'),
    stageChangedAt: tz('stage_changed_at'),
    closedAt: tz('closed_at'),
    ownerName: text('owner_name'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    deletedAt: tz('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('crm_opportunities', t),
    scopedFk('crm_opportunities', t, t.crmAccountId, crmAccounts).onDelete('set null'),
    optionalProjectFk('crm_opportunities', t),
    uniqueIndex('crm_opportunities_scope_source_ref_uq').on(t.accountScopeId, t.source, t.externalRef),
    index('crm_opportunities_project_status_close_idx').on(t.projectId, t.status, t.expectedCloseDate),
    index('crm_opportunities_account_idx').on(t.crmAccountId),
  ],
);

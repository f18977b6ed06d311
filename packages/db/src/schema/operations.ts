import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns.ts';
import { crmAccounts } from './crm.ts';
import type { EvidenceRef } from './kag-core.ts';
import { users } from './platform.ts';
import { accountScopeRef, projectRef, tsvector } from './scope-columns.ts';

/** Upsell radar, continuity actions and the evidence index behind `/evidence/search`. */

export const upsellOpportunities = pgTable(
  'upsell_opportunities',
  {
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    crmAccountId: uuid('crm_account_id').references(() => crmAccounts.id, { onDelete: 'set null' }),
    /** The expansion cue that fired (new_need, another_project …). */
    cue: text('cue').notNull(),
    title: text('title').notNull(),
    rationale: text('rationale').notNull(),
    score: real('score').notNull(),
    estimatedValueMinor: bigint('estimated_value_minor', { mode: 'number' }),
    currency: text('currency'),
    status: text('status', { enum: ['proposed', 'qualified', 'converted', 'dismissed'] })
      .notNull()
      .default('proposed'),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    dedupeKey: text('dedupe_key').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('upsell_opportunities_project_dedupe_uq').on(t.projectId, t.dedupeKey),
    index('upsell_opportunities_project_status_score_idx').on(t.projectId, t.status, t.score),
  ],
);

export const continuityActions = pgTable(
  'continuity_actions',
  {
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    trigger: text('trigger', { enum: ['project_ended', 'manager_changed'] }).notNull(),
    actionType: text('action_type', {
      enum: ['attio_task', 'chatwoot_checkin', 'linear_handover'],
    }).notNull(),
    targetRef: text('target_ref').notNull(),
    title: text('title').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['previewed', 'applying', 'applied', 'failed', 'skipped'] })
      .notNull()
      .default('previewed'),
    /** Preview and apply compute the same key, so an action applies exactly once. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    externalId: text('external_id'),
    error: text('error'),
    appliedAt: tz('applied_at'),
    appliedBy: uuid('applied_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('continuity_actions_project_status_idx').on(t.projectId, t.status, t.createdAt)],
);

/** Rows that support a claim (signal, recommendation, audited mutation), indexed for search. */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    /** The referenced row: table name and its id (uuid or vendor id, as text). */
    sourceTable: text('source_table').notNull(),
    sourceRef: text('source_ref').notNull(),
    kind: text('kind').notNull(),
    snippet: text('snippet').notNull(),
    occurredAt: tz('occurred_at'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** 'simple' config: snippets mix languages and are short, so stemming buys little here. */
    searchTsv: tsvector('search_tsv').notNull().generatedAlwaysAs(sql`to_tsvector('simple', "snippet")`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('evidence_items_project_source_uq').on(t.projectId, t.sourceTable, t.sourceRef),
    index('evidence_items_project_time_idx').on(t.projectId, t.occurredAt),
    index('evidence_items_search_tsv_idx').using('gin', t.searchTsv),
  ],
);

/**
 * Who cites an evidence item: one row per (item, citing row). "Everything that cites this
 * message" is a lookup here; the indexer rewrites a citing table's rows for the project each run,
 * so a recommendation that stopped citing a message stops being listed.
 */
export const evidenceCitations = pgTable(
  'evidence_citations',
  {
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    evidenceItemId: uuid('evidence_item_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    /** The citing row: kag_signals, recommendations_v2, signals … and its id. */
    citingTable: text('citing_table').notNull(),
    citingId: text('citing_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evidence_citations_item_citing_uq').on(t.evidenceItemId, t.citingTable, t.citingId),
    index('evidence_citations_project_citing_idx').on(t.projectId, t.citingTable, t.citingId),
  ],
);

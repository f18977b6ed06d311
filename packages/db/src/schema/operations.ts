import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, real, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { crmAccounts } from './crm.ts';
import type { EvidenceRef } from './kag-core.ts';
import { users } from './platform.ts';
import {
  accountScopeRef,
  projectFk,
  projectRef,
  scopedFk,
  scopedId,
  scopedPk,
  tsvector,
} from './scope-columns.ts';

/** Upsell radar, continuity actions and the evidence index behind `/evidence/search`. */

export const upsellOpportunities = pgTable(
  'upsell_opportunities',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    crmAccountId: uuid('crm_account_id'),
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
    scopedPk('upsell_opportunities', t),
    scopedFk('upsell_opportunities', t, t.crmAccountId, crmAccounts).onDelete('set null'),
    projectFk('upsell_opportunities', t),
    uniqueIndex('upsell_opportunities_project_dedupe_uq').on(t.projectId, t.dedupeKey, t.accountScopeId),
    index('upsell_opportunities_project_status_score_idx').on(t.projectId, t.status, t.score),
  ],
);

export const continuityActions = pgTable(
  'continuity_actions',
  {
    id: scopedId(),
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
    idempotencyKey: text('idempotency_key').notNull(),
    externalId: text('external_id'),
    error: text('error'),
    appliedAt: tz('applied_at'),
    appliedBy: uuid('applied_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('continuity_actions', t),
    unique('continuity_actions_idempotency_key_unique').on(t.idempotencyKey, t.accountScopeId),
    projectFk('continuity_actions', t),
    index('continuity_actions_project_status_idx').on(t.projectId, t.status, t.createdAt),
  ],
);

/** Rows that support a claim (signal, recommendation, audited mutation), indexed for search. */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: scopedId(),
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
    scopedPk('evidence_items', t),
    projectFk('evidence_items', t),
    uniqueIndex('evidence_items_project_source_uq').on(
      t.projectId,
      t.sourceTable,
      t.sourceRef,
      t.accountScopeId,
    ),
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
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    evidenceItemId: uuid('evidence_item_id').notNull(),
    /** The citing row: kag_signals, recommendations_v2, signals … and its id. */
    citingTable: text('citing_table').notNull(),
    citingId: text('citing_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('evidence_citations', t),
    scopedFk('evidence_citations', t, t.evidenceItemId, evidenceItems).onDelete('cascade'),
    projectFk('evidence_citations', t),
    uniqueIndex('evidence_citations_item_citing_uq').on(
      t.evidenceItemId,
      t.citingTable,
      t.citingId,
      t.accountScopeId,
    ),
    index('evidence_citations_project_citing_idx').on(t.projectId, t.citingTable, t.citingId),
  ],
);

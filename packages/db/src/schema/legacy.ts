import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import {
  type EvidenceRef,
  SIGNAL_CATEGORIES,
  type ScoreComponent,
  type ScoreContributor,
} from './kag-core.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/**
 * The seed's legacy services (`signals.js` + NBA, and `intelligence.js` risk/health), kept for
 * API compatibility and fed from the same events as the kag_ pipeline.
 */

export const LEGACY_STATUSES = ['proposed', 'accepted', 'dismissed', 'done'] as const;
export const LEGACY_SIGNAL_SOURCES = ['chatwoot', 'linear', 'attio'] as const;

export const signals = pgTable(
  'signals',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    key: text('key').notNull(),
    category: text('category', { enum: SIGNAL_CATEGORIES }).notNull(),
    source: text('source', { enum: LEGACY_SIGNAL_SOURCES }).notNull(),
    /** The message / deal / issue it was extracted from. */
    sourceRef: text('source_ref').notNull(),
    severity: real('severity').notNull(),
    confidence: real('confidence').notNull().default(1),
    title: text('title').notNull(),
    sentence: text('sentence').notNull(),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    status: text('status', { enum: LEGACY_STATUSES }).notNull().default('proposed'),
    /**
     * Set when the kag signal it projects has cleared (null while it fires). The status is the
     * person's decision and is left alone; `GET /signals?state=open|resolved` filters on this.
     */
    resolvedAt: tz('resolved_at'),
    /** Re-extraction of the same message finds the same row. */
    dedupeKey: text('dedupe_key').notNull(),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('signals', t),
    projectFk('signals', t),
    uniqueIndex('signals_project_dedupe_uq').on(t.projectId, t.dedupeKey, t.accountScopeId),
    index('signals_project_key_idx').on(t.projectId, t.key),
    index('signals_project_status_time_idx').on(t.projectId, t.status, t.asOf),
    check('signals_severity_ck', sql`severity >= 0 and severity <= 1`),
  ],
);

export const nextBestActions = pgTable(
  'next_best_actions',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    signalId: uuid('signal_id'),
    actionType: text('action_type').notNull(),
    title: text('title').notNull(),
    rationale: text('rationale').notNull(),
    priority: real('priority').notNull(),
    status: text('status', { enum: LEGACY_STATUSES }).notNull().default('proposed'),
    dueAt: tz('due_at'),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('next_best_actions', t),
    scopedFk('next_best_actions', t, t.signalId, signals).onDelete('set null'),
    projectFk('next_best_actions', t),
    uniqueIndex('next_best_actions_project_dedupe_uq').on(t.projectId, t.dedupeKey, t.accountScopeId),
    index('next_best_actions_project_status_priority_idx').on(t.projectId, t.status, t.priority),
    index('next_best_actions_signal_idx').on(t.signalId),
  ],
);

/** One row per `refreshRiskAndHealth`; the latest is the current health. */
export const healthScores = pgTable(
  'health_scores',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    /** 0..100. */
    score: real('score').notNull(),
    band: text('band', { enum: ['healthy', 'watch', 'at_risk', 'critical'] }).notNull(),
    components: jsonb('components').$type<ScoreComponent[]>().notNull().default([]),
    topContributors: jsonb('top_contributors').$type<ScoreContributor[]>().notNull().default([]),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('health_scores', t),
    projectFk('health_scores', t),
    uniqueIndex('health_scores_project_asof_uq').on(t.projectId, t.asOf, t.accountScopeId),
    check('health_scores_score_ck', sql`score >= 0 and score <= 100`),
  ],
);

export const riskRadarItems = pgTable(
  'risk_radar_items',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    riskType: text('risk_type').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    severity: real('severity').notNull(),
    probability: real('probability'),
    /** Revenue exposed if the risk materialises. */
    exposureMinor: bigint('exposure_minor', { mode: 'number' }),
    currency: text('currency'),
    mitigation: text('mitigation'),
    status: text('status', { enum: ['open', 'mitigated', 'closed'] })
      .notNull()
      .default('open'),
    signalKeys: jsonb('signal_keys').$type<string[]>().notNull().default([]),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    dedupeKey: text('dedupe_key').notNull(),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('risk_radar_items', t),
    projectFk('risk_radar_items', t),
    uniqueIndex('risk_radar_items_project_dedupe_uq').on(t.projectId, t.dedupeKey, t.accountScopeId),
    index('risk_radar_items_project_status_severity_idx').on(t.projectId, t.status, t.severity),
    check('risk_radar_items_severity_ck', sql`severity >= 0 and severity <= 1`),
  ],
);

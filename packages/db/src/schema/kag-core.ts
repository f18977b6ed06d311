import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/**
 * The intelligence pipeline, v1 half: events, the project graph, signals, scores and v1
 * recommendations (`kag_` is the seed's legacy prefix). Every computed row records the
 * `config_version` it was computed with and the `as_of` of the newest data behind it.
 */

/** A reference to the row (or event) that supports a claim, shown as "why" in the UI. */
export type EvidenceRef = {
  table: string;
  id: string;
  label?: string;
  occurredAt?: string;
  weight?: number;
};

export const KAG_EVENT_SOURCES = ['chatwoot', 'linear', 'attio', 'system'] as const;
export const KAG_EVENT_KINDS = [
  'message_in',
  'message_out',
  'conversation_opened',
  'conversation_resolved',
  'issue_created',
  'issue_state_changed',
  'issue_completed',
  'issue_overdue',
  'cycle_started',
  'cycle_ended',
  'deal_stage_changed',
  'deal_won',
  'deal_lost',
  'activity_logged',
] as const;
export type KagEventKind = (typeof KAG_EVENT_KINDS)[number];

export const kagEvents = pgTable(
  'kag_events',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    kind: text('kind', { enum: KAG_EVENT_KINDS }).notNull(),
    source: text('source', { enum: KAG_EVENT_SOURCES }).notNull(),
    /** The source row's external id (message id, issue id + state …) that makes ingest idempotent. */
    sourceRef: text('source_ref').notNull(),
    occurredAt: tz('occurred_at').notNull(),
    /** client, agent, bot, system, or a person key after identity resolution. */
    actor: text('actor'),
    actorRef: text('actor_ref'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('kag_events', t),
    projectFk('kag_events', t),
    uniqueIndex('kag_events_project_source_ref_kind_uq').on(
      t.projectId,
      t.source,
      t.sourceRef,
      t.kind,
      t.accountScopeId,
    ),
    index('kag_events_project_time_idx').on(t.projectId, t.occurredAt),
  ],
);

export const KAG_NODE_TYPES = [
  'project',
  'client_account',
  'person',
  'conversation',
  'issue',
  'cycle',
  'deal',
] as const;

export const kagNodes = pgTable(
  'kag_nodes',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    nodeType: text('node_type', { enum: KAG_NODE_TYPES }).notNull(),
    /** Stable key from the source, e.g. `chatwoot:conversation:42`, so re-ingest finds the node. */
    nodeKey: text('node_key').notNull(),
    label: text('label'),
    props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_nodes', t),
    projectFk('kag_nodes', t),
    uniqueIndex('kag_nodes_project_type_key_uq').on(t.projectId, t.nodeType, t.nodeKey, t.accountScopeId),
  ],
);

export const kagEdges = pgTable(
  'kag_edges',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    fromNodeId: uuid('from_node_id').notNull(),
    toNodeId: uuid('to_node_id').notNull(),
    /** e.g. `participates_in`, `assigned_to`, `belongs_to`, `same_person`. */
    edgeType: text('edge_type').notNull(),
    weight: real('weight'),
    props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_edges', t),
    scopedFk('kag_edges', t, t.fromNodeId, kagNodes).onDelete('cascade'),
    scopedFk('kag_edges', t, t.toNodeId, kagNodes).onDelete('cascade'),
    projectFk('kag_edges', t),
    uniqueIndex('kag_edges_from_to_type_uq').on(t.fromNodeId, t.toNodeId, t.edgeType, t.accountScopeId),
    index('kag_edges_to_idx').on(t.toNodeId),
    index('kag_edges_project_idx').on(t.projectId),
  ],
);

export const SIGNAL_CATEGORIES = ['communication', 'delivery', 'commercial', 'relationship'] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/** Each detector's running state, so a refresh reads only the events after its cursor. */
export const kagSignalState = pgTable(
  'kag_signal_state',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    signalKey: text('signal_key').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    cursorOccurredAt: tz('cursor_occurred_at'),
    cursorEventId: uuid('cursor_event_id'),
    configVersion: text('config_version').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_signal_state', t),
    projectFk('kag_signal_state', t),
    uniqueIndex('kag_signal_state_project_key_uq').on(t.projectId, t.signalKey, t.accountScopeId),
  ],
);

const severityCheck = (table: string) => check(`${table}_severity_ck`, sql`severity >= 0 and severity <= 1`);

/** The current signal set: one row per (project, key, subject) while it fires. */
export const kagSignals = pgTable(
  'kag_signals',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    key: text('key').notNull(),
    category: text('category', { enum: SIGNAL_CATEGORIES }).notNull(),
    /** What the signal is about (a conversation, an issue, a deal); '' for project-wide signals. */
    subjectKey: text('subject_key').notNull().default(''),
    severity: real('severity').notNull(),
    /** The measured quantity behind the severity (hours waiting, ratio, count …). */
    value: real('value'),
    title: text('title').notNull(),
    sentence: text('sentence').notNull(),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    firstDetectedAt: tz('first_detected_at').notNull(),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_signals', t),
    projectFk('kag_signals', t),
    uniqueIndex('kag_signals_project_key_subject_uq').on(t.projectId, t.key, t.subjectKey, t.accountScopeId),
    severityCheck('kag_signals'),
  ],
);

export const kagSignalHistory = pgTable(
  'kag_signal_history',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    key: text('key').notNull(),
    category: text('category', { enum: SIGNAL_CATEGORIES }).notNull(),
    subjectKey: text('subject_key').notNull().default(''),
    change: text('change', { enum: ['appeared', 'changed', 'resolved'] }).notNull(),
    severity: real('severity').notNull(),
    value: real('value'),
    sentence: text('sentence'),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('kag_signal_history', t),
    projectFk('kag_signal_history', t),
    index('kag_signal_history_project_key_time_idx').on(t.projectId, t.key, t.asOf),
    severityCheck('kag_signal_history'),
  ],
);

export const SCORE_TYPES = ['health', 'risk'] as const;
export type ScoreType = (typeof SCORE_TYPES)[number];

/** One category's part of a score: the list that adds up to "why 42?". */
export type ScoreComponent = { category: string; weight: number; value: number; contribution: number };
export type ScoreContributor = { signalKey: string; subjectKey: string; severity: number; share: number };

export const kagScores = pgTable(
  'kag_scores',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    scoreType: text('score_type', { enum: SCORE_TYPES }).notNull(),
    /** 0..100. */
    value: real('value').notNull(),
    components: jsonb('components').$type<ScoreComponent[]>().notNull().default([]),
    topContributors: jsonb('top_contributors').$type<ScoreContributor[]>().notNull().default([]),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_scores', t),
    projectFk('kag_scores', t),
    uniqueIndex('kag_scores_project_type_uq').on(t.projectId, t.scoreType, t.accountScopeId),
    check('kag_scores_value_ck', sql`value >= 0 and value <= 100`),
  ],
);

/** One row per refresh; 7-day trends are computed from here. */
export const kagScoreHistory = pgTable(
  'kag_score_history',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    scoreType: text('score_type', { enum: SCORE_TYPES }).notNull(),
    value: real('value').notNull(),
    components: jsonb('components').$type<ScoreComponent[]>().notNull().default([]),
    topContributors: jsonb('top_contributors').$type<ScoreContributor[]>().notNull().default([]),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('kag_score_history', t),
    projectFk('kag_score_history', t),
    uniqueIndex('kag_score_history_project_type_asof_uq').on(
      t.projectId,
      t.scoreType,
      t.asOf,
      t.accountScopeId,
    ),
  ],
);

/** v1: one rule per signal pattern; superseded in the UI by recommendations_v2 but kept for the API. */
export const kagRecommendations = pgTable(
  'kag_recommendations',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    ruleKey: text('rule_key').notNull(),
    subjectKey: text('subject_key').notNull().default(''),
    title: text('title').notNull(),
    body: text('body').notNull(),
    priority: real('priority').notNull(),
    status: text('status', { enum: ['open', 'done', 'dismissed'] })
      .notNull()
      .default('open'),
    signalKeys: jsonb('signal_keys').$type<string[]>().notNull().default([]),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('kag_recommendations', t),
    projectFk('kag_recommendations', t),
    uniqueIndex('kag_recommendations_project_rule_subject_uq').on(
      t.projectId,
      t.ruleKey,
      t.subjectKey,
      t.accountScopeId,
    ),
    index('kag_recommendations_project_status_priority_idx').on(t.projectId, t.status, t.priority),
  ],
);

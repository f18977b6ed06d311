import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import type { EvidenceRef } from './kag-core.ts';
import { users } from './platform.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/** The intelligence pipeline, v2 half: forecasts, gated recommendations and their actions. */

export const FORECAST_HORIZONS = [7, 14, 30] as const;

export type ForecastDriver = { term: string; value: number; coefficient: number; contribution: number };
export type SimilarCase = { projectId: string; snapshotId: string; distance: number; riskEvent: boolean };

export const kagRiskForecasts = pgTable(
  'kag_risk_forecasts',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    horizonDays: integer('horizon_days').notNull(),
    /** P(a risk event within the horizon), 0..1. */
    probability: real('probability').notNull(),
    drivers: jsonb('drivers').$type<ForecastDriver[]>().notNull().default([]),
    similarCases: jsonb('similar_cases').$type<SimilarCase[]>().notNull().default([]),
    /** False when history is too short: the UI says so instead of showing a guess. */
    dataSufficient: boolean('data_sufficient').notNull().default(true),
    insufficiencyReason: text('insufficiency_reason'),
    modelVersion: text('model_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('kag_risk_forecasts', t),
    projectFk('kag_risk_forecasts', t),
    uniqueIndex('kag_risk_forecasts_project_horizon_asof_uq').on(
      t.projectId,
      t.horizonDays,
      t.asOf,
      t.accountScopeId,
    ),
    check('kag_risk_forecasts_horizon_ck', sql`horizon_days in (7, 14, 30)`),
    check('kag_risk_forecasts_probability_ck', sql`probability >= 0 and probability <= 1`),
  ],
);

export const RECOMMENDATION_STATUSES = [
  'new',
  'shown',
  'accepted',
  'dismissed',
  'snoozed',
  'done',
  'suppressed',
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const RECOMMENDATION_ACTION_TYPES = ['create_or_update_task', 'send_message', 'set_reminder'] as const;
export type RecommendationActionType = (typeof RECOMMENDATION_ACTION_TYPES)[number];

export type SuggestedAction = {
  type: RecommendationActionType;
  /** Template-rendered draft (title/body or message text) and the target it applies to. */
  draft: Record<string, unknown>;
  locale?: string;
};

/**
 * Statuses in which a recommendation is still "open". At most one open row per
 * (project, type, subject): a refresh updates it instead of piling up duplicates. Upserts must
 * name the same predicate (`onConflictDoUpdate({ target, targetWhere })`).
 */
export const OPEN_RECOMMENDATION_STATUSES = ['new', 'shown', 'accepted', 'snoozed', 'suppressed'] as const;

/** The partial-index predicate, exported for `targetWhere` so the two can never drift apart. */
export const openRecommendationWhere = sql.raw(
  `status in (${OPEN_RECOMMENDATION_STATUSES.map((s) => `'${s}'`).join(', ')})`,
);

export const recommendationsV2 = pgTable(
  'recommendations_v2',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    type: text('type').notNull(),
    subjectKey: text('subject_key').notNull().default(''),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: RECOMMENDATION_STATUSES }).notNull().default('new'),
    /** Why evidence gating held it back (kept, visible to admins). */
    suppressionReason: text('suppression_reason'),
    /** severity × confidence × learned type weight. */
    priority: real('priority').notNull(),
    severity: real('severity').notNull(),
    confidence: real('confidence').notNull(),
    signalKeys: jsonb('signal_keys').$type<string[]>().notNull().default([]),
    evidence: jsonb('evidence').$type<EvidenceRef[]>().notNull().default([]),
    suggestedAction: jsonb('suggested_action').$type<SuggestedAction>(),
    snoozedUntil: tz('snoozed_until'),
    firstShownAt: tz('first_shown_at'),
    statusChangedAt: tz('status_changed_at'),
    statusChangedBy: uuid('status_changed_by').references(() => users.id, { onDelete: 'set null' }),
    feedback: text('feedback', { enum: ['helpful', 'not_helpful'] }),
    feedbackComment: text('feedback_comment'),
    feedbackAt: tz('feedback_at'),
    feedbackBy: uuid('feedback_by').references(() => users.id, { onDelete: 'set null' }),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('recommendations_v2', t),
    projectFk('recommendations_v2', t),
    uniqueIndex('recommendations_v2_open_subject_uq')
      .on(t.projectId, t.type, t.subjectKey, t.accountScopeId)
      .where(openRecommendationWhere),
    index('recommendations_v2_project_status_priority_idx').on(t.projectId, t.status, t.priority),
    check('recommendations_v2_scores_ck', sql`severity between 0 and 1 and confidence between 0 and 1`),
  ],
);

export const ACTION_RUN_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'dead'] as const;

/** Every action run; a retry reuses the idempotency key, so no second Linear issue or message. */
export const recommendationActionRuns = pgTable(
  'recommendation_action_runs',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    recommendationId: uuid('recommendation_id').notNull(),
    actionType: text('action_type', { enum: RECOMMENDATION_ACTION_TYPES }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ACTION_RUN_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextRetryAt: tz('next_retry_at'),
    request: jsonb('request').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** The Linear issue / Chatwoot message / reminder job it created. */
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: tz('started_at'),
    finishedAt: tz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('recommendation_action_runs', t),
    unique('recommendation_action_runs_idempotency_key_unique').on(t.idempotencyKey, t.accountScopeId),
    scopedFk('recommendation_action_runs', t, t.recommendationId, recommendationsV2).onDelete('cascade'),
    projectFk('recommendation_action_runs', t),
    index('recommendation_action_runs_recommendation_idx').on(t.recommendationId, t.createdAt),
    index('recommendation_action_runs_project_time_idx').on(t.projectId, t.createdAt),
  ],
);

import { boolean, date, index, integer, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import {
  accountScopeRef,
  optionalProjectFk,
  optionalProjectRef,
  scopedId,
  scopedPk,
} from './scope-columns.ts';

/**
 * Linear mirror. Linear ids are UUID strings, unique across Linear, so
 * `(account_scope_id, linear_*_id)` is every sync's upsert key. `source_updated_at` is Linear's
 * `updatedAt`, the incremental filter; `archived_at` is how Linear reports deletion.
 */

export const LINEAR_STATE_TYPES = [
  'triage',
  'backlog',
  'unstarted',
  'started',
  'completed',
  'canceled',
  'duplicate',
] as const;
export type LinearStateType = (typeof LINEAR_STATE_TYPES)[number];

export type LinearLabel = { id: string; name: string };

export const linearProjectsRaw = pgTable(
  'linear_projects_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    linearProjectId: text('linear_project_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    url: text('url'),
    /** `status.type`: backlog, planned, started, paused, completed, canceled. */
    statusType: text('status_type'),
    statusName: text('status_name'),
    /** onTrack, atRisk, offTrack or null. */
    health: text('health'),
    priority: integer('priority'),
    progress: real('progress'),
    leadId: text('lead_id'),
    startDate: date('start_date'),
    targetDate: date('target_date'),
    startedAt: tz('started_at'),
    completedAt: tz('completed_at'),
    canceledAt: tz('canceled_at'),
    archivedAt: tz('archived_at'),
    sourceUpdatedAt: tz('source_updated_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('linear_projects_raw', t),
    optionalProjectFk('linear_projects_raw', t),
    uniqueIndex('linear_projects_raw_scope_project_uq').on(t.accountScopeId, t.linearProjectId),
  ],
);

export const linearStatesRaw = pgTable(
  'linear_states_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    linearStateId: text('linear_state_id').notNull(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: LINEAR_STATE_TYPES }).notNull(),
    color: text('color'),
    position: real('position'),
    archivedAt: tz('archived_at'),
    sourceUpdatedAt: tz('source_updated_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('linear_states_raw', t),
    optionalProjectFk('linear_states_raw', t),
    uniqueIndex('linear_states_raw_scope_state_uq').on(t.accountScopeId, t.linearStateId),
  ],
);

export const linearCyclesRaw = pgTable(
  'linear_cycles_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    linearCycleId: text('linear_cycle_id').notNull(),
    teamId: text('team_id').notNull(),
    number: integer('number').notNull(),
    name: text('name'),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    completedAt: tz('completed_at'),
    progress: real('progress'),
    archivedAt: tz('archived_at'),
    sourceUpdatedAt: tz('source_updated_at'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('linear_cycles_raw', t),
    optionalProjectFk('linear_cycles_raw', t),
    uniqueIndex('linear_cycles_raw_scope_cycle_uq').on(t.accountScopeId, t.linearCycleId),
    index('linear_cycles_raw_project_starts_idx').on(t.projectId, t.startsAt),
  ],
);

export const linearIssuesRaw = pgTable(
  'linear_issues_raw',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: optionalProjectRef(),
    linearIssueId: text('linear_issue_id').notNull(),
    /** `ENG-123`, what people type and see. */
    identifier: text('identifier').notNull(),
    number: integer('number'),
    title: text('title').notNull(),
    description: text('description'),
    url: text('url'),
    /** 0 none, 1 urgent, 2 high, 3 medium, 4 low (Linear's scale). */
    priority: integer('priority').notNull().default(0),
    estimate: real('estimate'),
    dueDate: date('due_date'),
    stateId: text('state_id'),
    stateName: text('state_name'),
    stateType: text('state_type', { enum: LINEAR_STATE_TYPES }),
    teamId: text('team_id'),
    teamKey: text('team_key'),
    linearProjectId: text('linear_project_id'),
    linearCycleId: text('linear_cycle_id'),
    parentId: text('parent_id'),
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    assigneeEmail: text('assignee_email'),
    labels: jsonb('labels').$type<LinearLabel[]>().notNull().default([]),
    createdAtSource: tz('created_at_source').notNull(),
    startedAt: tz('started_at'),
    completedAt: tz('completed_at'),
    canceledAt: tz('canceled_at'),
    archivedAt: tz('archived_at'),
    trashed: boolean('trashed').notNull().default(false),
    sourceUpdatedAt: tz('source_updated_at').notNull(),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    syncedAt: tz('synced_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('linear_issues_raw', t),
    optionalProjectFk('linear_issues_raw', t),
    uniqueIndex('linear_issues_raw_scope_issue_uq').on(t.accountScopeId, t.linearIssueId),
    index('linear_issues_raw_project_state_due_idx').on(t.projectId, t.stateType, t.dueDate),
    index('linear_issues_raw_scope_cycle_idx').on(t.accountScopeId, t.linearCycleId),
  ],
);

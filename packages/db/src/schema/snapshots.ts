import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tz } from './columns.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/** Daily project snapshots, their labelled outcomes and the case signatures similarity search scans. */

export const projectSnapshots = pgTable(
  'project_snapshots',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    snapshotDate: date('snapshot_date').notNull(),
    health: real('health'),
    risk: real('risk'),
    /** Score rows as of that day, components included. */
    scores: jsonb('scores').$type<Record<string, unknown>>().notNull().default({}),
    /** The signal set: key → severity (and subject count). */
    signals: jsonb('signals').$type<Record<string, unknown>>().notNull().default({}),
    /** Key metrics (open issues, overdue, first response p50, pipeline …). */
    metrics: jsonb('metrics').$type<Record<string, number | null>>().notNull().default({}),
    configVersion: text('config_version').notNull(),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('project_snapshots', t),
    projectFk('project_snapshots', t),
    uniqueIndex('project_snapshots_project_date_uq').on(t.projectId, t.snapshotDate, t.accountScopeId),
  ],
);

/** A closed window labelled with what followed: did a risk event happen within the horizon? */
export const pastCaseOutcomes = pgTable(
  'past_case_outcomes',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    snapshotId: uuid('snapshot_id').notNull(),
    windowStart: date('window_start').notNull(),
    windowEnd: date('window_end').notNull(),
    horizonDays: integer('horizon_days').notNull().default(30),
    riskEvent: boolean('risk_event').notNull(),
    /** Which event: health_below_50, escalation … */
    eventKind: text('event_kind'),
    eventAt: tz('event_at'),
    labeledAt: tz('labeled_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('past_case_outcomes', t),
    scopedFk('past_case_outcomes', t, t.snapshotId, projectSnapshots).onDelete('cascade'),
    projectFk('past_case_outcomes', t),
    uniqueIndex('past_case_outcomes_snapshot_horizon_uq').on(t.snapshotId, t.horizonDays, t.accountScopeId),
    index('past_case_outcomes_project_window_idx').on(t.projectId, t.windowStart),
  ],
);

/**
 * A fixed-length vector per snapshot. `real[]` so it works without pgvector (exact scan);
 * where the extension exists the similarity service may mirror it into a vector column at runtime.
 */
export const caseSignatures = pgTable(
  'case_signatures',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    snapshotId: uuid('snapshot_id').notNull(),
    snapshotDate: date('snapshot_date').notNull(),
    vector: real('vector').array().notNull(),
    dims: integer('dims').notNull(),
    /** Which features, in which order: signatures of different versions are never compared. */
    signatureVersion: text('signature_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('case_signatures', t),
    scopedFk('case_signatures', t, t.snapshotId, projectSnapshots).onDelete('cascade'),
    projectFk('case_signatures', t),
    uniqueIndex('case_signatures_snapshot_version_uq').on(t.snapshotId, t.signatureVersion, t.accountScopeId),
    index('case_signatures_scope_version_idx').on(t.accountScopeId, t.signatureVersion),
    check('case_signatures_dims_ck', sql`cardinality(vector) = dims`),
  ],
);

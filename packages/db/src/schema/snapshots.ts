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
import { createdAt, id, tz } from './columns.ts';
import { accountScopeRef, projectRef } from './scope-columns.ts';

/** Daily project snapshots, their labelled outcomes and the case signatures similarity search scans. */

export const projectSnapshots = pgTable(
  'project_snapshots',
  {
    id: id(),
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
  (t) => [uniqueIndex('project_snapshots_project_date_uq').on(t.projectId, t.snapshotDate)],
);

/** A closed window labelled with what followed: did a risk event happen within the horizon? */
export const pastCaseOutcomes = pgTable(
  'past_case_outcomes',
  {
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => projectSnapshots.id, { onDelete: 'cascade' }),
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
    uniqueIndex('past_case_outcomes_snapshot_horizon_uq').on(t.snapshotId, t.horizonDays),
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
    id: id(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => projectSnapshots.id, { onDelete: 'cascade' }),
    snapshotDate: date('snapshot_date').notNull(),
    vector: real('vector').array().notNull(),
    dims: integer('dims').notNull(),
    /** Which features, in which order: signatures of different versions are never compared. */
    signatureVersion: text('signature_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_signatures_snapshot_version_uq').on(t.snapshotId, t.signatureVersion),
    index('case_signatures_scope_version_idx').on(t.accountScopeId, t.signatureVersion),
    check('case_signatures_dims_ck', sql`cardinality(vector) = dims`),
  ],
);

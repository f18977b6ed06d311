import {
  bigint,
  boolean,
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
import { createdAt, tz, updatedAt } from './columns.ts';
import { users } from './platform.ts';
import { accountScopeRef, projectFk, projectRef, scopedId, scopedPk } from './scope-columns.ts';

/**
 * Analytics snapshots (`refreshAnalytics`) and digests (`generateDailyDigest` / weekly).
 * One row per (project, day, window): a rerun on the same day replaces it.
 */

/** Columns every analytics snapshot shares. */
const snapshotColumns = () => ({
  id: scopedId(),
  accountScopeId: accountScopeRef(),
  projectId: projectRef(),
  snapshotDate: date('snapshot_date').notNull(),
  /** Trailing window the figures cover, in days. */
  periodDays: integer('period_days').notNull(),
  /** Figures without a column of their own, for drilldowns. */
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  asOf: tz('as_of').notNull(),
  createdAt: createdAt(),
});

export const analyticsRevenueSnapshots = pgTable(
  'analytics_revenue_snapshots',
  {
    ...snapshotColumns(),
    currency: text('currency').notNull(),
    pipelineMinor: bigint('pipeline_minor', { mode: 'number' }).notNull().default(0),
    weightedPipelineMinor: bigint('weighted_pipeline_minor', { mode: 'number' }).notNull().default(0),
    wonMinor: bigint('won_minor', { mode: 'number' }).notNull().default(0),
    lostMinor: bigint('lost_minor', { mode: 'number' }).notNull().default(0),
    /** Σ open deal amount × project risk. */
    revenueAtRiskMinor: bigint('revenue_at_risk_minor', { mode: 'number' }).notNull().default(0),
    openDeals: integer('open_deals').notNull().default(0),
    wonDeals: integer('won_deals').notNull().default(0),
    lostDeals: integer('lost_deals').notNull().default(0),
  },
  // One row per currency: amounts of different currencies are never added together.
  (t) => [
    scopedPk('analytics_revenue_snapshots', t),
    projectFk('analytics_revenue_snapshots', t),
    uniqueIndex('analytics_revenue_snapshots_currency_uq').on(
      t.projectId,
      t.snapshotDate,
      t.periodDays,
      t.currency,
      t.accountScopeId,
    ),
  ],
);

export const analyticsDeliverySnapshots = pgTable(
  'analytics_delivery_snapshots',
  {
    ...snapshotColumns(),
    openIssues: integer('open_issues').notNull().default(0),
    completedIssues: integer('completed_issues').notNull().default(0),
    overdueIssues: integer('overdue_issues').notNull().default(0),
    stalledIssues: integer('stalled_issues').notNull().default(0),
    blockedIssues: integer('blocked_issues').notNull().default(0),
    bugsCreated: integer('bugs_created').notNull().default(0),
    /** Issues completed per week over the window. */
    throughputPerWeek: real('throughput_per_week'),
    cycleTimeP50Hours: real('cycle_time_p50_hours'),
    cycleTimeP85Hours: real('cycle_time_p85_hours'),
  },
  (t) => [
    scopedPk('analytics_delivery_snapshots', t),
    projectFk('analytics_delivery_snapshots', t),
    uniqueIndex('analytics_delivery_snapshots_uq').on(
      t.projectId,
      t.snapshotDate,
      t.periodDays,
      t.accountScopeId,
    ),
  ],
);

export const analyticsCommsSnapshots = pgTable(
  'analytics_comms_snapshots',
  {
    ...snapshotColumns(),
    inboundMessages: integer('inbound_messages').notNull().default(0),
    outboundMessages: integer('outbound_messages').notNull().default(0),
    conversationsOpened: integer('conversations_opened').notNull().default(0),
    conversationsResolved: integer('conversations_resolved').notNull().default(0),
    /** Human agent replies only, business hours (see intelligence.md §8). */
    firstResponseP50Minutes: real('first_response_p50_minutes'),
    firstResponseP90Minutes: real('first_response_p90_minutes'),
    slaCompliance: real('sla_compliance'),
    negativeShare: real('negative_share'),
  },
  (t) => [
    scopedPk('analytics_comms_snapshots', t),
    projectFk('analytics_comms_snapshots', t),
    uniqueIndex('analytics_comms_snapshots_uq').on(
      t.projectId,
      t.snapshotDate,
      t.periodDays,
      t.accountScopeId,
    ),
  ],
);

export type DigestSection = { key: string; title: string; items: Record<string, unknown>[] };

/** Columns both digests share: structured sections plus the rendered text. */
const digestColumns = () => ({
  id: scopedId(),
  accountScopeId: accountScopeRef(),
  projectId: projectRef(),
  locale: text('locale').notNull().default('en'),
  sections: jsonb('sections').$type<DigestSection[]>().notNull().default([]),
  renderedText: text('rendered_text').notNull(),
  asOf: tz('as_of').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const dailyDigests = pgTable(
  'daily_digests',
  { ...digestColumns(), digestDate: date('digest_date').notNull() },
  (t) => [
    scopedPk('daily_digests', t),
    projectFk('daily_digests', t),
    uniqueIndex('daily_digests_project_date_locale_uq').on(
      t.projectId,
      t.digestDate,
      t.locale,
      t.accountScopeId,
    ),
  ],
);

export const weeklyDigests = pgTable(
  'weekly_digests',
  { ...digestColumns(), weekStart: date('week_start').notNull() },
  (t) => [
    scopedPk('weekly_digests', t),
    projectFk('weekly_digests', t),
    uniqueIndex('weekly_digests_project_week_locale_uq').on(
      t.projectId,
      t.weekStart,
      t.locale,
      t.accountScopeId,
    ),
  ],
);

/**
 * One reader's digest and its delivery. `daily_digests` / `weekly_digests` hold one project's
 * sections; a reader's digest is composed from the projects that reader can see, so what was
 * delivered to whom (and what failed to go out) is recorded per user, period and channel.
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['daily', 'weekly'] }).notNull(),
    /** The digest date (daily) or the week's Monday (weekly). */
    periodKey: date('period_key').notNull(),
    channel: text('channel', { enum: ['in_app', 'email'] }).notNull(),
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    /** Why a delivery failed or was skipped (no SMTP configured, no e-mail address, …). */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    projectIds: jsonb('project_ids').$type<string[]>().notNull().default([]),
    sections: jsonb('sections').$type<DigestSection[]>().notNull().default([]),
    renderedText: text('rendered_text').notNull().default(''),
    /** True when the digest found nothing new since the reader's previous one. */
    nothingNew: boolean('nothing_new').notNull().default(false),
    sentAt: tz('sent_at'),
    asOf: tz('as_of').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('digest_deliveries', t),
    uniqueIndex('digest_deliveries_user_period_channel_uq').on(
      t.userId,
      t.kind,
      t.periodKey,
      t.channel,
      t.accountScopeId,
    ),
    index('digest_deliveries_scope_status_idx').on(t.accountScopeId, t.status),
  ],
);

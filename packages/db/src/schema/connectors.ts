import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { accountScopeRef, projectFk, projectRef, scopedId, scopedPk } from './scope-columns.ts';

/** The vendors we sync from (and Loops, which we push to). */
export const CONNECTORS = ['chatwoot', 'linear', 'attio', 'loops'] as const;
export type Connector = (typeof CONNECTORS)[number];

export const CONNECTOR_SYNC_STATUSES = ['idle', 'running', 'ok', 'failed'] as const;

/** One row per (project, connector): what `GET /connectors/state` shows and what the worker consults. */
export const connectorSyncState = pgTable(
  'connector_sync_state',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    connector: text('connector', { enum: CONNECTORS }).notNull(),
    status: text('status', { enum: CONNECTOR_SYNC_STATUSES }).notNull().default('idle'),
    /** Sync mode of the last run: a cheap incremental pass or a periodic full re-scan. */
    mode: text('mode', { enum: ['incremental', 'full'] }),
    lastStartedAt: tz('last_started_at'),
    lastFinishedAt: tz('last_finished_at'),
    lastSuccessAt: tz('last_success_at'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Per-resource counts of the last run (fetched, upserted, skipped), for the UI and metrics. */
    lastRunStats: jsonb('last_run_stats').$type<Record<string, number>>().notNull().default({}),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** Who holds the sync lease (a job run `job_run:<id>` or a request's own id); null when idle. */
    leaseOwner: text('lease_owner'),
    /** When the lease runs out, in database time; renewed every third of the lease while the sync runs. */
    leaseExpiresAt: tz('lease_expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('connector_sync_state', t),
    projectFk('connector_sync_state', t),
    uniqueIndex('connector_sync_state_project_connector_uq').on(t.projectId, t.connector, t.accountScopeId),
  ],
);

export const CONNECTOR_ERROR_STATUSES = ['pending', 'retrying', 'resolved', 'dead'] as const;

/** The dead-letter queue: what a sync could not fetch or write, retried with backoff until resolved or dead. */
export const connectorErrors = pgTable(
  'connector_errors',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    connector: text('connector', { enum: CONNECTORS }).notNull(),
    /** What was being done, e.g. `messages.page` or `issues.upsert`. */
    operation: text('operation').notNull(),
    /** The vendor object concerned (conversation id, page cursor …), so the retry can redo just that. */
    sourceRef: text('source_ref'),
    /** Stable identity of the failure: registering the same failure twice bumps one row. */
    dedupeKey: text('dedupe_key').notNull(),
    errorKind: text('error_kind').notNull(),
    errorMessage: text('error_message').notNull(),
    httpStatus: integer('http_status'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: CONNECTOR_ERROR_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextRetryAt: tz('next_retry_at'),
    lastAttemptAt: tz('last_attempt_at'),
    resolvedAt: tz('resolved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('connector_errors', t),
    projectFk('connector_errors', t),
    uniqueIndex('connector_errors_dedupe_uq').on(t.projectId, t.connector, t.dedupeKey, t.accountScopeId),
    index('connector_errors_project_time_idx').on(t.projectId, t.createdAt),
    /** `listDueConnectorErrors`: only open errors are ever due. */
    index('connector_errors_due_idx').on(t.nextRetryAt).where(sql`status in ('pending', 'retrying')`),
  ],
);

/**
 * Incremental sync cursors. `source` is the writer (`chatwoot`, `linear`, `attio`, or an internal
 * consumer such as `kag_ingest`), `resource` what it reads (`messages`, `issues`, `chatwoot` …).
 * Advanced only in the transaction that commits the rows, so a watermark never runs ahead of data.
 */
export const syncWatermarks = pgTable(
  'sync_watermarks',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    source: text('source').notNull(),
    resource: text('resource').notNull(),
    cursorTs: tz('cursor_ts'),
    /** Vendors that page by id (Chatwoot messages `after=`) resume from the last id seen. */
    cursorId: text('cursor_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('sync_watermarks', t),
    projectFk('sync_watermarks', t),
    uniqueIndex('sync_watermarks_project_source_resource_uq').on(
      t.projectId,
      t.source,
      t.resource,
      t.accountScopeId,
    ),
  ],
);

/**
 * Vendor secrets per workspace, encrypted with AES-256-GCM by the app; never stored in plaintext.
 * Base64 text rather than bytea so PGlite and postgres.js hand back the same JS type.
 */
export const connectorCredentials = pgTable(
  'connector_credentials',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    connector: text('connector', { enum: CONNECTORS }).notNull(),
    ciphertext: text('ciphertext').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag').notNull(),
    /** Which encryption key sealed it, so keys can rotate without a flag day. */
    keyVersion: integer('key_version').notNull().default(1),
    /** Non-secret settings (base URL, Chatwoot account id, Attio workspace): safe to return to the UI. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    lastVerifiedAt: tz('last_verified_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('connector_credentials', t),
    uniqueIndex('connector_credentials_scope_connector_uq').on(t.accountScopeId, t.connector),
  ],
);

export const SOURCE_KINDS = [
  'chatwoot_account',
  'chatwoot_inbox',
  'chatwoot_contact',
  'linear_team',
  'linear_project',
  'attio_company',
  'attio_deal',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Which external object feeds which project (`resolveProjectSourceBinding`). */
export const projectSources = pgTable(
  'project_sources',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    sourceKind: text('source_kind', { enum: SOURCE_KINDS }).notNull(),
    externalId: text('external_id').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('project_sources', t),
    projectFk('project_sources', t),
    /** An external object feeds one project only, otherwise its rows would be counted twice. */
    uniqueIndex('project_sources_scope_kind_external_uq').on(t.accountScopeId, t.sourceKind, t.externalId),
    index('project_sources_project_idx').on(t.projectId),
  ],
);

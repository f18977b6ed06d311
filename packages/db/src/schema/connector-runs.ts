import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { accountScopeRef, projectFk, projectRef, scopedId, scopedPk } from './scope-columns.ts';

/** What a run syncs: one connector, or every connector of the project one after another. */
export const SYNC_RUN_TARGETS = ['chatwoot', 'linear', 'attio', 'all'] as const;
export type SyncRunTarget = (typeof SYNC_RUN_TARGETS)[number];

/** `running`, then how the run ended (the worst of its connectors' outcomes). */
export const SYNC_RUN_STATUSES = ['running', 'ok', 'partial', 'skipped', 'busy', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** One connector's outcome inside a run, as the orchestration reported it. */
export type SyncRunConnectorResult = {
  connector: Exclude<SyncRunTarget, 'all'>;
  status: 'ok' | 'partial' | 'failed' | 'skipped' | 'busy';
  reason: string | null;
  resources: Record<string, { fetched: number; written: number; pages: number; failed: number }>;
  errorsRegistered: number;
  errorsResolved: number;
  durationMs: number;
};

/**
 * Syncs someone asked for (`POST /connectors/sync`, `POST /connectors/:name/sync`): the request
 * answers with the run's id at once and the sync goes on in the background. At most one running
 * run per project and target (the partial unique index), so a retried request joins it. The
 * process running it renews `lease_expires_at` (database clock); a run whose lease expired (its
 * process died) is closed as `failed` by the next reader or starter.
 */
export const connectorSyncRuns = pgTable(
  'connector_sync_runs',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    target: text('target', { enum: SYNC_RUN_TARGETS }).notNull(),
    mode: text('mode', { enum: ['incremental', 'full'] })
      .notNull()
      .default('incremental'),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull().default('running'),
    /** One entry per connector that finished, in order. */
    results: jsonb('results').$type<SyncRunConnectorResult[]>().notNull().default([]),
    /** Why the run failed (a failed connector's reason, an abort, a crash); null otherwise. */
    error: text('error'),
    startedBy: uuid('started_by'),
    leaseExpiresAt: tz('lease_expires_at').notNull(),
    startedAt: tz('started_at').notNull(),
    finishedAt: tz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('connector_sync_runs', t),
    projectFk('connector_sync_runs', t),
    uniqueIndex('connector_sync_runs_running_uq')
      .on(t.projectId, t.target, t.accountScopeId)
      .where(sql`status = 'running'`),
    index('connector_sync_runs_project_time_idx').on(t.projectId, t.startedAt),
  ],
);

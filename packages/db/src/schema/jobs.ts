import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tz, updatedAt } from './columns.ts';
import {
  accountScopeRef,
  optionalProjectRef,
  projectFk,
  projectRef,
  scopedFk,
  scopedId,
  scopedPk,
} from './scope-columns.ts';

/**
 * Scheduler and job bookkeeping. Workers claim due rows of `scheduled_jobs` with
 * `FOR UPDATE SKIP LOCKED` and a lease; a crashed worker's lease expires and another takes over.
 */

export const SCHEDULED_JOB_STATUSES = ['idle', 'running', 'failed', 'dead'] as const;
export type ScheduledJobStatus = (typeof SCHEDULED_JOB_STATUSES)[number];

export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    jobType: text('job_type').notNull(),
    cadenceSeconds: integer('cadence_seconds').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    status: text('status', { enum: SCHEDULED_JOB_STATUSES }).notNull().default('idle'),
    nextRunAt: tz('next_run_at').notNull().defaultNow(),
    lastRunAt: tz('last_run_at'),
    lastFinishedAt: tz('last_finished_at'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: tz('lease_expires_at'),
    heartbeatAt: tz('heartbeat_at'),
    attempts: integer('attempts').notNull().default(0),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('scheduled_jobs', t),
    projectFk('scheduled_jobs', t),
    uniqueIndex('scheduled_jobs_project_type_uq').on(t.projectId, t.jobType, t.accountScopeId),
    index('scheduled_jobs_due_idx').on(t.enabled, t.nextRunAt),
    /** Takeover of expired leases looks only at running rows. */
    index('scheduled_jobs_lease_idx').on(t.leaseExpiresAt).where(sql`status = 'running'`),
  ],
);

/** One row per worker tick: what `/health` reports as the worker heartbeat. */
export const workerRuns = pgTable(
  'worker_runs',
  {
    id: id(),
    workerId: text('worker_id').notNull(),
    hostname: text('hostname'),
    pid: integer('pid'),
    mode: text('mode', { enum: ['once', 'loop', 'embedded'] }).notNull(),
    status: text('status', { enum: ['running', 'finished', 'failed'] })
      .notNull()
      .default('running'),
    startedAt: tz('started_at').notNull().defaultNow(),
    heartbeatAt: tz('heartbeat_at').notNull().defaultNow(),
    finishedAt: tz('finished_at'),
    jobsClaimed: integer('jobs_claimed').notNull().default(0),
    jobsSucceeded: integer('jobs_succeeded').notNull().default(0),
    jobsFailed: integer('jobs_failed').notNull().default(0),
    error: text('error'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('worker_runs_started_idx').on(t.startedAt),
    index('worker_runs_worker_idx').on(t.workerId, t.startedAt),
  ],
);

export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;

/** One row per job execution, scheduled or manual (`startJob` / `finishJob`). */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: scopedId(),
    /** Every run is about one workspace (a sharded row needs its workspace). */
    accountScopeId: accountScopeRef(),
    /** Null for runs about the whole workspace. */
    projectId: optionalProjectRef(),
    jobType: text('job_type').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'api', 'startup'] })
      .notNull()
      .default('manual'),
    scheduledJobId: uuid('scheduled_job_id'),
    workerRunId: uuid('worker_run_id').references(() => workerRuns.id, { onDelete: 'set null' }),
    status: text('status', { enum: JOB_RUN_STATUSES }).notNull().default('running'),
    startedAt: tz('started_at').notNull().defaultNow(),
    finishedAt: tz('finished_at'),
    durationMs: integer('duration_ms'),
    /** 0..1, pushed to the UI over SSE while the job runs. */
    progress: real('progress'),
    error: text('error'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    scopedPk('job_runs', t),
    projectFk('job_runs', t),
    scopedFk('job_runs', t, t.scheduledJobId, scheduledJobs).onDelete('set null'),
    index('job_runs_project_started_idx').on(t.projectId, t.startedAt),
    index('job_runs_type_started_idx').on(t.jobType, t.startedAt),
  ],
);

export const PROCESS_STATUSES = ['started', 'finished', 'failed', 'warning'] as const;

/** Intelligence pipeline process runs (`startProcessRun` … `warnProcess`). */
export const kagEventLog = pgTable(
  'kag_event_log',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    /** Null for runs about the whole workspace. */
    projectId: optionalProjectRef(),
    process: text('process').notNull(),
    status: text('status', { enum: PROCESS_STATUSES }).notNull(),
    /** Groups a run's warnings with its start/finish row. */
    runId: uuid('run_id'),
    message: text('message'),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Milliseconds per stage (ingest, signals, scoring …). */
    timings: jsonb('timings').$type<Record<string, number>>().notNull().default({}),
    startedAt: tz('started_at').notNull().defaultNow(),
    finishedAt: tz('finished_at'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('kag_event_log', t),
    projectFk('kag_event_log', t),
    index('kag_event_log_project_time_idx').on(t.projectId, t.createdAt),
    index('kag_event_log_process_time_idx').on(t.process, t.createdAt),
    index('kag_event_log_run_idx').on(t.runId),
  ],
);

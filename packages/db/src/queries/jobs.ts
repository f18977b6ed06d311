import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';
import { jobRuns, workerRuns } from '../schema/jobs.ts';

/** Job status tracking (seed: jobs.js — startJob, finishJob, getJobsStatus) and worker runs. */

export type JobTrigger = 'schedule' | 'manual' | 'api' | 'startup';
export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export type StartJobInput = {
  accountScopeId: string;
  projectId: string | null;
  jobType: string;
  trigger: JobTrigger;
  scheduledJobId?: string | null;
  workerRunId?: string | null;
  meta?: Record<string, unknown>;
  now: Date;
};

export async function startJob(db: Database, input: StartJobInput): Promise<{ id: string; startedAt: Date }> {
  const [row] = await db
    .insert(jobRuns)
    .values({
      accountScopeId: input.accountScopeId,
      projectId: input.projectId,
      jobType: input.jobType,
      trigger: input.trigger,
      scheduledJobId: input.scheduledJobId ?? null,
      workerRunId: input.workerRunId ?? null,
      status: 'running',
      startedAt: input.now,
      meta: input.meta ?? {},
    })
    .returning({ id: jobRuns.id, startedAt: jobRuns.startedAt });
  if (!row) throw new Error('insert into job_runs returned no row');
  return row;
}

export type FinishJobInput = {
  id: string;
  status: Exclude<JobRunStatus, 'running'>;
  now: Date;
  error?: string | null;
  /** Merged into the run's meta (result summary, skip reason, retry time). */
  meta?: Record<string, unknown>;
};

/** Closes a run once: a run already closed (abandoned by lease takeover) is not reopened. */
export async function finishJob(db: Database, input: FinishJobInput): Promise<{ durationMs: number } | null> {
  const [row] = await db
    .update(jobRuns)
    .set({
      status: input.status,
      finishedAt: input.now,
      durationMs: sql`greatest(0, round(extract(epoch from (${input.now.toISOString()}::timestamptz - ${jobRuns.startedAt})) * 1000))::int`,
      error: input.error ? input.error.slice(0, 2000) : null,
      progress: input.status === 'succeeded' ? 1 : jobRuns.progress,
      meta: sql`${jobRuns.meta} || ${JSON.stringify(input.meta ?? {})}::jsonb`,
    })
    .where(and(eq(jobRuns.id, input.id), eq(jobRuns.status, 'running')))
    .returning({ durationMs: jobRuns.durationMs });
  return row ? { durationMs: row.durationMs ?? 0 } : null;
}

export async function updateJobProgress(db: Database, id: string, progress: number): Promise<void> {
  await db
    .update(jobRuns)
    .set({ progress: Math.max(0, Math.min(1, progress)) })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running')));
}

/** Closes the runs a dead worker left open on a scheduled job it no longer holds. */
export async function abandonRunningJobRuns(
  db: Database,
  scheduledJobId: string,
  now: Date,
  reason: string,
): Promise<number> {
  const rows = await db
    .update(jobRuns)
    .set({
      status: 'failed',
      finishedAt: now,
      error: reason,
      durationMs: sql`greatest(0, round(extract(epoch from (${now.toISOString()}::timestamptz - ${jobRuns.startedAt})) * 1000))::int`,
    })
    .where(and(eq(jobRuns.scheduledJobId, scheduledJobId), eq(jobRuns.status, 'running')))
    .returning({ id: jobRuns.id });
  return rows.length;
}

export type WorkerMode = 'once' | 'loop' | 'embedded';

export async function startWorkerRun(
  db: Database,
  input: {
    workerId: string;
    hostname: string;
    pid: number;
    mode: WorkerMode;
    now: Date;
    meta?: Record<string, unknown>;
  },
): Promise<string> {
  const [row] = await db
    .insert(workerRuns)
    .values({
      workerId: input.workerId,
      hostname: input.hostname,
      pid: input.pid,
      mode: input.mode,
      startedAt: input.now,
      heartbeatAt: input.now,
      meta: input.meta ?? {},
    })
    .returning({ id: workerRuns.id });
  if (!row) throw new Error('insert into worker_runs returned no row');
  return row.id;
}

export async function heartbeatWorkerRun(db: Database, id: string, now: Date): Promise<void> {
  await db.update(workerRuns).set({ heartbeatAt: now }).where(eq(workerRuns.id, id));
}

export async function finishWorkerRun(
  db: Database,
  input: {
    id: string;
    now: Date;
    status: 'finished' | 'failed';
    claimed: number;
    succeeded: number;
    failed: number;
    error?: string | null;
  },
): Promise<void> {
  await db
    .update(workerRuns)
    .set({
      status: input.status,
      finishedAt: input.now,
      heartbeatAt: input.now,
      jobsClaimed: input.claimed,
      jobsSucceeded: input.succeeded,
      jobsFailed: input.failed,
      error: input.error ?? null,
    })
    .where(eq(workerRuns.id, input.id));
}

/** Worker ticks whose heartbeat stopped (process killed) are closed so nothing shows as running forever. */
export async function failStaleWorkerRuns(db: Database, staleBefore: Date, now: Date): Promise<number> {
  const rows = await db
    .update(workerRuns)
    .set({ status: 'failed', finishedAt: now, error: 'worker stopped heartbeating (killed or crashed)' })
    .where(and(eq(workerRuns.status, 'running'), lt(workerRuns.heartbeatAt, staleBefore)))
    .returning({ id: workerRuns.id });
  return rows.length;
}

/** Retention for one project's run history; worker ticks are pruned globally. */
export async function pruneJobHistory(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  before: Date,
): Promise<{ jobRuns: number; workerRuns: number }> {
  const runs = await db
    .delete(jobRuns)
    .where(
      and(
        eq(jobRuns.accountScopeId, scope.accountScopeId),
        eq(jobRuns.projectId, scope.projectId),
        lt(jobRuns.startedAt, before),
        sql`${jobRuns.status} <> 'running'`,
      ),
    )
    .returning({ id: jobRuns.id });
  const workers = await db
    .delete(workerRuns)
    .where(and(lt(workerRuns.startedAt, before), sql`${workerRuns.status} <> 'running'`))
    .returning({ id: workerRuns.id });
  return { jobRuns: runs.length, workerRuns: workers.length };
}

export type JobStatusRow = {
  jobType: string;
  scheduled: boolean;
  enabled: boolean | null;
  disabledReason: string | null;
  status: string | null;
  cadenceSeconds: number | null;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  leaseOwner: string | null;
  lastRun: {
    id: string;
    status: JobRunStatus;
    trigger: string;
    startedAt: Date;
    finishedAt: Date | null;
    durationMs: number | null;
    progress: number | null;
    error: string | null;
  } | null;
  runs24h: number;
  failures24h: number;
  avgDurationMs24h: number | null;
};

type StatusSqlRow = {
  job_type: string;
  scheduled: boolean;
  enabled: boolean | null;
  disabled_reason: string | null;
  status: string | null;
  cadence_seconds: number | null;
  next_run_at: Date | string | null;
  last_run_at: Date | string | null;
  last_finished_at: Date | string | null;
  consecutive_failures: number | null;
  last_error: string | null;
  lease_owner: string | null;
  run_id: string | null;
  run_status: JobRunStatus | null;
  run_trigger: string | null;
  run_started_at: Date | string | null;
  run_finished_at: Date | string | null;
  run_duration_ms: number | null;
  run_progress: number | null;
  run_error: string | null;
  runs_24h: number;
  failures_24h: number;
  avg_ms_24h: number | string | null;
};

const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));

/**
 * Last and next run per job type of one project, with 24-hour counts (seed: getJobsStatus).
 * Job types that only ever ran by hand (a manual connector sync) are listed too.
 */
export async function getJobsStatus(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  now: Date,
): Promise<JobStatusRow[]> {
  const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const rows = await queryRows<StatusSqlRow>(
    db,
    sql`with types as (
          select job_type from scheduled_jobs where project_id = ${scope.projectId}::uuid and account_scope_id = ${scope.accountScopeId}::uuid
          union
          select distinct job_type from job_runs where project_id = ${scope.projectId}::uuid and account_scope_id = ${scope.accountScopeId}::uuid
        )
        select t.job_type, (s.id is not null) as scheduled, s.enabled, s.disabled_reason, s.status, s.cadence_seconds,
               s.next_run_at, s.last_run_at, s.last_finished_at, s.consecutive_failures, s.last_error, s.lease_owner,
               r.id as run_id, r.status as run_status, r.trigger as run_trigger, r.started_at as run_started_at,
               r.finished_at as run_finished_at, r.duration_ms as run_duration_ms, r.progress as run_progress, r.error as run_error,
               coalesce(a.runs, 0)::int as runs_24h, coalesce(a.failures, 0)::int as failures_24h, a.avg_ms as avg_ms_24h
        from types t
        left join scheduled_jobs s on s.project_id = ${scope.projectId}::uuid and s.job_type = t.job_type
        left join lateral (
          select id, status, trigger, started_at, finished_at, duration_ms, progress, error from job_runs
          where project_id = ${scope.projectId}::uuid and job_type = t.job_type
          order by started_at desc limit 1
        ) r on true
        left join lateral (
          select count(*) as runs, count(*) filter (where status = 'failed') as failures,
                 round(avg(duration_ms) filter (where status <> 'running')) as avg_ms
          from job_runs
          where project_id = ${scope.projectId}::uuid and job_type = t.job_type and started_at >= ${since}::timestamptz
        ) a on true
        order by t.job_type`,
  );
  return rows.map((r) => ({
    jobType: r.job_type,
    scheduled: Boolean(r.scheduled),
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    status: r.status,
    cadenceSeconds: r.cadence_seconds === null ? null : Number(r.cadence_seconds),
    nextRunAt: toDate(r.next_run_at),
    lastRunAt: toDate(r.last_run_at),
    lastFinishedAt: toDate(r.last_finished_at),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
    lastError: r.last_error,
    leaseOwner: r.lease_owner,
    lastRun:
      r.run_id && r.run_status && r.run_started_at
        ? {
            id: r.run_id,
            status: r.run_status,
            trigger: r.run_trigger ?? 'manual',
            startedAt: new Date(r.run_started_at),
            finishedAt: toDate(r.run_finished_at),
            durationMs: r.run_duration_ms === null ? null : Number(r.run_duration_ms),
            progress: r.run_progress === null ? null : Number(r.run_progress),
            error: r.run_error,
          }
        : null,
    runs24h: Number(r.runs_24h),
    failures24h: Number(r.failures_24h),
    avgDurationMs24h: r.avg_ms_24h === null ? null : Number(r.avg_ms_24h),
  }));
}

/** The newest runs of a project, for the status page's history list. */
export async function listRecentJobRuns(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  limit: number,
) {
  return db
    .select({
      id: jobRuns.id,
      jobType: jobRuns.jobType,
      trigger: jobRuns.trigger,
      status: jobRuns.status,
      startedAt: jobRuns.startedAt,
      finishedAt: jobRuns.finishedAt,
      durationMs: jobRuns.durationMs,
      progress: jobRuns.progress,
      error: jobRuns.error,
    })
    .from(jobRuns)
    .where(and(eq(jobRuns.accountScopeId, scope.accountScopeId), eq(jobRuns.projectId, scope.projectId)))
    .orderBy(desc(jobRuns.startedAt))
    .limit(limit);
}

/** The latest worker heartbeat anywhere, and how many ticks are open now. */
export async function getWorkerHeartbeat(db: Database) {
  const rows = await queryRows<{ last_seen: Date | string | null; running: number }>(
    db,
    sql`select max(heartbeat_at) as last_seen, count(*) filter (where status = 'running')::int as running from worker_runs`,
  );
  const r = rows[0];
  return { lastSeenAt: toDate(r?.last_seen ?? null), runningTicks: Number(r?.running ?? 0) };
}

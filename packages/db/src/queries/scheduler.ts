import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';
import { type ScheduledJobStatus, scheduledJobs } from '../schema/jobs.ts';

/**
 * The scheduler's claim loop over `scheduled_jobs` (seed: scheduler.js). Every state change of
 * a claimed row is guarded by `lease_owner`, so a worker that lost its lease (it stalled past
 * expiry and another worker took over) can never overwrite the new owner's state.
 */

/** Reasons the registry sets; only rows carrying one (or none) are re-synced with the registry. */
export const REGISTRY_DISABLED_PREFIX = 'service not built yet';
/** The reason recommendations_v2_refresh carried until it got its own handler (2026-12-05). */
const FORMER_REGISTRY_REASON = 'runs as the last step of kag_recommendations_refresh%';

export type ScheduledJobSeed = {
  jobType: string;
  cadenceSeconds: number;
  enabled: boolean;
  disabledReason: string | null;
  payload: Record<string, unknown>;
  /** First runs are spread over this many seconds (hash of project and type), not all at once. */
  spreadSeconds: number;
};

export type ClaimFilter = { projectIds?: readonly string[]; jobTypes?: readonly string[] };

export type ClaimedJob = {
  id: string;
  accountScopeId: string;
  projectId: string;
  jobType: string;
  cadenceSeconds: number;
  /** The due time this run is for (unchanged by the claim). */
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  consecutiveFailures: number;
  /** True when the row was taken over from a worker whose lease expired. */
  takeover: boolean;
};

type ClaimRow = {
  id: string;
  account_scope_id: string;
  project_id: string;
  job_type: string;
  cadence_seconds: number;
  next_run_at: Date | string;
  payload: Record<string, unknown> | string | null;
  attempts: number;
  consecutive_failures: number;
};

const iso = (d: Date) => d.toISOString();

function uuidList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

function filterSql(filter: ClaimFilter): SQL {
  const parts: SQL[] = [];
  if (filter.projectIds) {
    parts.push(
      filter.projectIds.length ? sql`and project_id in (${uuidList(filter.projectIds)})` : sql`and false`,
    );
  }
  if (filter.jobTypes) {
    parts.push(
      filter.jobTypes.length
        ? sql`and job_type in (${sql.join(
            filter.jobTypes.map((t) => sql`${t}`),
            sql`, `,
          )})`
        : sql`and false`,
    );
  }
  return sql.join(parts, sql` `);
}

/**
 * Creates the missing (project, job type) rows in one statement; with `onlyNewProjects` it
 * looks only at projects that have no scheduled jobs yet (cheap enough for every tick).
 * Registry-managed rows follow the registry's enabled flag and reason; cadence and payload
 * are left alone once a row exists, because operators may have tuned them.
 */
export async function insertMissingScheduledJobs(
  db: Database,
  seeds: readonly ScheduledJobSeed[],
  options: { now: Date; projectIds?: readonly string[]; onlyNewProjects?: boolean },
): Promise<number> {
  if (seeds.length === 0) return 0;
  if (options.onlyNewProjects) {
    // The common case on every tick is "no new project": answer it with one cheap anti-join.
    const fresh = await queryRows<{ id: string }>(
      db,
      sql`select p.id from projects p
          where p.status <> 'archived' and not exists (select 1 from scheduled_jobs s where s.project_id = p.id)
          limit 1`,
    );
    if (fresh.length === 0) return 0;
  }
  const values = sql.join(
    seeds.map(
      (s) =>
        sql`(${s.jobType}::text, ${s.cadenceSeconds}::int, ${s.enabled}::boolean, ${s.disabledReason}::text, ${JSON.stringify(s.payload)}::jsonb, ${Math.max(1, s.spreadSeconds)}::int)`,
    ),
    sql`, `,
  );
  const projectFilter = options.projectIds
    ? options.projectIds.length
      ? sql`and p.id in (${uuidList(options.projectIds)})`
      : sql`and false`
    : sql``;
  const newOnly = options.onlyNewProjects
    ? sql`and not exists (select 1 from scheduled_jobs s where s.project_id = p.id)`
    : sql``;
  const prefix = `${REGISTRY_DISABLED_PREFIX}%`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into scheduled_jobs
          (account_scope_id, project_id, job_type, cadence_seconds, enabled, disabled_reason, payload, next_run_at)
        select p.account_scope_id, p.id, d.job_type, d.cadence_seconds, d.enabled, d.disabled_reason, d.payload,
               ${iso(options.now)}::timestamptz
                 + make_interval(secs => abs(hashtext(p.id::text || d.job_type)::bigint) % d.spread)
        from projects p
        cross join (values ${values}) as d(job_type, cadence_seconds, enabled, disabled_reason, payload, spread)
        where p.status <> 'archived' ${projectFilter} ${newOnly}
        on conflict (project_id, job_type, account_scope_id) do update
          set enabled = excluded.enabled, disabled_reason = excluded.disabled_reason, updated_at = ${iso(options.now)}::timestamptz
          where (scheduled_jobs.disabled_reason is null or scheduled_jobs.disabled_reason like ${prefix}
                 or scheduled_jobs.disabled_reason like ${FORMER_REGISTRY_REASON})
            and (scheduled_jobs.enabled is distinct from excluded.enabled
                 or scheduled_jobs.disabled_reason is distinct from excluded.disabled_reason)
        returning id`,
  );
  return rows.length;
}

function toClaimed(row: ClaimRow, takeover: boolean): ClaimedJob {
  const payload =
    typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload;
  return {
    id: row.id,
    accountScopeId: row.account_scope_id,
    projectId: row.project_id,
    jobType: row.job_type,
    cadenceSeconds: Number(row.cadence_seconds),
    dueAt: new Date(row.next_run_at),
    payload: payload ?? {},
    attempts: Number(row.attempts),
    consecutiveFailures: Number(row.consecutive_failures),
    takeover,
  };
}

type ClaimParams = ClaimFilter & { owner: string; now: Date; leaseMs: number };

/**
 * Claims one job: first a row whose lease expired (its worker died; counted as a failure so
 * a job that keeps killing workers ends up dead), then the most overdue idle or failed row.
 * One statement each: the CTE locks with SKIP LOCKED, so concurrent workers never pick the
 * same row and never wait on each other.
 */
export async function claimNextJob(db: Database, params: ClaimParams): Promise<ClaimedJob | null> {
  const expired = await claimWhere(
    db,
    params,
    // Leases are on the database's clock: a process whose clock runs ahead never steals a live lease.
    sql`status = 'running' and lease_expires_at < now()`,
    sql`lease_expires_at`,
    true,
  );
  if (expired) return expired;
  return claimWhere(
    db,
    params,
    sql`status in ('idle', 'failed') and next_run_at <= ${iso(params.now)}::timestamptz`,
    sql`next_run_at`,
    false,
  );
}

async function claimWhere(
  db: Database,
  params: ClaimParams,
  condition: SQL,
  order: SQL,
  takeover: boolean,
): Promise<ClaimedJob | null> {
  const now = iso(params.now);
  const failures = takeover ? sql`s.consecutive_failures + 1` : sql`s.consecutive_failures`;
  const rows = await queryRows<ClaimRow>(
    db,
    sql`with picked as (
          select id from scheduled_jobs
          where enabled and ${condition} ${filterSql(params)}
          order by ${order}
          limit 1
          for update skip locked
        )
        update scheduled_jobs s
          set status = 'running', lease_owner = ${params.owner}, lease_expires_at = ${leaseUntilSql(params.leaseMs)},
              heartbeat_at = now(), attempts = s.attempts + 1, consecutive_failures = ${failures},
              last_run_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        from picked
        where s.id = picked.id
        returning s.id, s.account_scope_id, s.project_id, s.job_type, s.cadence_seconds, s.next_run_at,
                  s.payload, s.attempts, s.consecutive_failures`,
  );
  const row = rows[0];
  return row ? toClaimed(row, takeover) : null;
}

/** The end of a lease taken or renewed now, in database time (never a process's clock). */
export function leaseUntilSql(leaseMs: number): SQL {
  return sql`now() + make_interval(secs => ${Math.max(0, leaseMs) / 1000}::double precision)`;
}

/**
 * Pushes the lease forward (from the database's clock); false means another worker owns the
 * row now (stop working on it).
 */
export async function extendLease(
  db: Database,
  params: { id: string; owner: string; leaseMs: number },
): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({
      leaseExpiresAt: leaseUntilSql(params.leaseMs),
      heartbeatAt: sql`now()`,
    })
    .where(
      and(
        eq(scheduledJobs.id, params.id),
        eq(scheduledJobs.leaseOwner, params.owner),
        eq(scheduledJobs.status, 'running'),
      ),
    )
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

type Settle = { id: string; owner: string; now: Date };

function ownedRunning(p: Settle) {
  return and(
    eq(scheduledJobs.id, p.id),
    eq(scheduledJobs.leaseOwner, p.owner),
    eq(scheduledJobs.status, 'running'),
  );
}

const leaseCleared = { leaseOwner: null, leaseExpiresAt: null } as const;

export async function completeScheduledJob(db: Database, p: Settle & { nextRunAt: Date }): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({
      ...leaseCleared,
      status: 'idle',
      nextRunAt: p.nextRunAt,
      lastFinishedAt: p.now,
      consecutiveFailures: 0,
      lastError: null,
      updatedAt: p.now,
    })
    .where(ownedRunning(p))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/** A failed run: `failed` with its retry time, or `dead` (parked until someone re-enables it). */
export async function failScheduledJob(
  db: Database,
  p: Settle & { nextRunAt: Date; error: string; dead: boolean; consecutiveFailures: number },
): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({
      ...leaseCleared,
      status: p.dead ? 'dead' : 'failed',
      nextRunAt: p.nextRunAt,
      lastFinishedAt: p.now,
      consecutiveFailures: p.consecutiveFailures,
      lastError: p.error.slice(0, 2000),
      updatedAt: p.now,
    })
    .where(ownedRunning(p))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/** Hands a claimed job back untouched (worker shutting down): due again at once for anyone. */
export async function releaseScheduledJob(db: Database, p: Settle): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({ ...leaseCleared, status: 'idle', heartbeatAt: p.now, updatedAt: p.now })
    .where(ownedRunning(p))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/**
 * Run-now: the project's job becomes due immediately; a failed or dead job is revived (this is
 * the "re-enabled by hand" path). A job another worker is running is left alone.
 */
export async function makeJobDueNow(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  jobType: string,
  now: Date,
): Promise<{ id: string; status: ScheduledJobStatus } | null> {
  const where = and(
    eq(scheduledJobs.accountScopeId, scope.accountScopeId),
    eq(scheduledJobs.projectId, scope.projectId),
    eq(scheduledJobs.jobType, jobType),
  );
  await db
    .update(scheduledJobs)
    .set({ nextRunAt: now, status: 'idle', consecutiveFailures: 0, updatedAt: now })
    .where(and(where, sql`${scheduledJobs.status} <> 'running'`));
  const rows = await db
    .select({ id: scheduledJobs.id, status: scheduledJobs.status })
    .from(scheduledJobs)
    .where(where)
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Follow-up: the project's idle jobs of these types run at `at` at the latest (a sync brought
 * them new data). Running jobs, failing ones in backoff, dead and disabled ones keep their state.
 * Returns the job types brought forward.
 */
export async function bringJobsForward(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  jobTypes: readonly string[],
  at: Date,
): Promise<string[]> {
  if (jobTypes.length === 0) return [];
  const rows = await db
    .update(scheduledJobs)
    .set({ nextRunAt: at, updatedAt: at })
    .where(
      and(
        eq(scheduledJobs.accountScopeId, scope.accountScopeId),
        eq(scheduledJobs.projectId, scope.projectId),
        inArray(scheduledJobs.jobType, [...jobTypes]),
        eq(scheduledJobs.status, 'idle'),
        eq(scheduledJobs.enabled, true),
        gt(scheduledJobs.nextRunAt, at),
      ),
    )
    .returning({ jobType: scheduledJobs.jobType });
  return rows.map((r) => r.jobType).sort();
}

const scheduledColumns = {
  id: scheduledJobs.id,
  jobType: scheduledJobs.jobType,
  cadenceSeconds: scheduledJobs.cadenceSeconds,
  enabled: scheduledJobs.enabled,
  disabledReason: scheduledJobs.disabledReason,
  status: scheduledJobs.status,
  nextRunAt: scheduledJobs.nextRunAt,
  lastRunAt: scheduledJobs.lastRunAt,
  lastFinishedAt: scheduledJobs.lastFinishedAt,
  leaseOwner: scheduledJobs.leaseOwner,
  leaseExpiresAt: scheduledJobs.leaseExpiresAt,
  heartbeatAt: scheduledJobs.heartbeatAt,
  attempts: scheduledJobs.attempts,
  consecutiveFailures: scheduledJobs.consecutiveFailures,
  lastError: scheduledJobs.lastError,
  payload: scheduledJobs.payload,
};

export type ScheduledJobRow = Awaited<ReturnType<typeof listScheduledJobRows>>[number];

/** The project's scheduled jobs (seed: listScheduledJobs). */
export async function listScheduledJobRows(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
) {
  return db
    .select(scheduledColumns)
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.accountScopeId, scope.accountScopeId),
        eq(scheduledJobs.projectId, scope.projectId),
      ),
    )
    .orderBy(asc(scheduledJobs.jobType));
}

/** What a tick would pick up now, most overdue first, without claiming (benchmarks, status). */
export async function findDueJobs(db: Database, params: { now: Date; limit: number }) {
  return db
    .select({ id: scheduledJobs.id, jobType: scheduledJobs.jobType, nextRunAt: scheduledJobs.nextRunAt })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.enabled, true),
        sql`${scheduledJobs.status} in ('idle', 'failed')`,
        sql`${scheduledJobs.nextRunAt} <= ${iso(params.now)}::timestamptz`,
      ),
    )
    .orderBy(asc(scheduledJobs.nextRunAt))
    .limit(params.limit);
}

/**
 * When the next idle or failed job falls due (past when one is due now): a worker sleeps until
 * then instead of a whole interval, so a job a sync brought forward runs within a second.
 */
export async function nextDueAt(db: Database): Promise<Date | null> {
  const rows = await queryRows<{ next: Date | string | null }>(
    db,
    sql`select min(next_run_at) as next from scheduled_jobs where enabled and status in ('idle', 'failed')`,
  );
  const next = rows[0]?.next;
  return next ? new Date(next) : null;
}

export type QueueStats = { due: number; running: number; dead: number; oldestDueAt: Date | null };

/** Queue depth and lag for /metrics. */
export async function getQueueStats(db: Database, now: Date): Promise<QueueStats> {
  const rows = await queryRows<{ due: number; running: number; dead: number; oldest: Date | string | null }>(
    db,
    sql`select
          count(*) filter (where enabled and status in ('idle', 'failed') and next_run_at <= ${iso(now)}::timestamptz)::int as due,
          count(*) filter (where status = 'running')::int as running,
          count(*) filter (where status = 'dead')::int as dead,
          min(next_run_at) filter (where enabled and status in ('idle', 'failed') and next_run_at <= ${iso(now)}::timestamptz) as oldest
        from scheduled_jobs`,
  );
  const r = rows[0];
  return {
    due: Number(r?.due ?? 0),
    running: Number(r?.running ?? 0),
    dead: Number(r?.dead ?? 0),
    oldestDueAt: r?.oldest ? new Date(r.oldest) : null,
  };
}

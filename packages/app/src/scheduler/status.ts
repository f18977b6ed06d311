import {
  getJobsStatus as queryJobsStatus,
  getWorkerHeartbeat,
  listRecentJobRuns,
} from '@keel/db/queries/jobs';
import type { AppDeps } from '../deps.ts';
import { listScheduledJobs } from './ensure-jobs.ts';
import { jobRegistry } from './registry.ts';
import { DEFAULT_LEASE_MS } from './tick.ts';
import type { JobRegistry, JobScope } from './types.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** GET /jobs/status: last and next run per job type, failures and durations (seed: getJobsStatus). */
export async function getJobsStatus(deps: AppDeps, scope: JobScope, recent: number) {
  const now = deps.clock.now();
  const [rows, runs, worker] = await Promise.all([
    queryJobsStatus(deps.db, scope, now),
    listRecentJobRuns(deps.db, scope, recent),
    getWorkerHeartbeat(deps.db),
  ]);
  return {
    now: now.toISOString(),
    worker: { lastSeenAt: iso(worker.lastSeenAt), runningTicks: worker.runningTicks },
    jobs: rows.map((r) => ({
      ...r,
      nextRunAt: iso(r.nextRunAt),
      lastRunAt: iso(r.lastRunAt),
      lastFinishedAt: iso(r.lastFinishedAt),
      running: r.status === 'running',
      lastRun: r.lastRun
        ? {
            ...r.lastRun,
            startedAt: r.lastRun.startedAt.toISOString(),
            finishedAt: iso(r.lastRun.finishedAt),
          }
        : null,
    })),
    recentRuns: runs.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      finishedAt: iso(r.finishedAt),
    })),
  };
}

/** GET /jobs/scheduler: the registry and this project's rows (seed: listScheduledJobs). */
export async function getSchedulerConfig(
  deps: AppDeps,
  scope: JobScope,
  registry: JobRegistry = jobRegistry,
) {
  const jobs = await listScheduledJobs(deps.db, scope, registry);
  return {
    tickLimit: deps.env.WORKER_TICK_LIMIT,
    intervalSeconds: deps.env.WORKER_INTERVAL_SECONDS,
    leaseSeconds: DEFAULT_LEASE_MS / 1000,
    worker:
      deps.dbKind === 'pglite' || deps.env.WORKER_IN_PROCESS
        ? ('in-process' as const)
        : ('separate' as const),
    jobs: jobs.map(({ def, row }) => ({
      type: def.type,
      description: def.description,
      service: def.service,
      cadenceSeconds: row?.cadenceSeconds ?? def.cadenceSeconds,
      defaultCadenceSeconds: def.cadenceSeconds,
      timeoutSeconds: def.timeoutSeconds,
      maxFailures: def.maxFailures,
      enabled: def.disabledReason === null && (row?.enabled ?? true),
      disabledReason: def.disabledReason ?? row?.disabledReason ?? null,
      status: row?.status ?? null,
      nextRunAt: iso(row?.nextRunAt ?? null),
      lastRunAt: iso(row?.lastRunAt ?? null),
      consecutiveFailures: row?.consecutiveFailures ?? 0,
      lastError: row?.lastError ?? null,
    })),
  };
}

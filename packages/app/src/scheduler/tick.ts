import { hostname } from 'node:os';
import {
  failStaleWorkerRuns,
  finishWorkerRun,
  heartbeatWorkerRun,
  startWorkerRun,
  type JobTrigger,
  type WorkerMode,
} from '@keel/db/queries/jobs';
import { claimNextJob } from '@keel/db/queries/scheduler';
import type { AppDeps } from '../deps.ts';
import { ensureDefaultScheduledJobs } from './ensure-jobs.ts';
import { jobRegistry } from './registry.ts';
import { type JobOutcome, runClaimedJob, type RunJobOptions } from './run-job.ts';
import type { JobRegistry } from './types.ts';

/** A lease long enough to ride out a GC pause or a slow query, short enough for quick takeover. */
export const DEFAULT_LEASE_MS = 60_000;

export type TickOptions = {
  workerId: string;
  mode: WorkerMode;
  /** At most this many jobs per tick (WORKER_TICK_LIMIT). */
  limit?: number;
  leaseMs?: number;
  registry?: JobRegistry;
  trigger?: JobTrigger;
  /** Restrict the tick to some projects or job types (manual runs). */
  projectIds?: readonly string[];
  jobTypes?: readonly string[];
  /** Checked before each claim: a stopping worker finishes its job and claims no more. */
  shouldStop?: () => boolean;
  hardStop?: AbortSignal;
  random?: () => number;
  onJobFinished?: RunJobOptions['onJobFinished'];
};

export type TickResult = {
  workerRunId: string;
  claimed: number;
  succeeded: number;
  skipped: number;
  failed: number;
  outcomes: JobOutcome[];
};

/**
 * One scheduler tick (seed: runSchedulerTick): creates jobs for new projects, then claims and
 * runs due jobs one at a time until the limit or nothing is due. Claiming one at a time lets
 * several workers share a backlog evenly; a worker never holds jobs it is not running yet.
 */
export async function runSchedulerTick(deps: AppDeps, options: TickOptions): Promise<TickResult> {
  const { db, clock } = deps;
  const registry = options.registry ?? jobRegistry;
  const limit = options.limit ?? deps.env.WORKER_TICK_LIMIT;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const startedAt = clock.now();
  const workerRunId = await startWorkerRun(db, {
    workerId: options.workerId,
    hostname: hostname(),
    pid: process.pid,
    mode: options.mode,
    now: startedAt,
    meta: {
      limit,
      ...(options.projectIds ? { projectIds: options.projectIds } : {}),
      ...(options.jobTypes ? { jobTypes: options.jobTypes } : {}),
    },
  });
  const result: TickResult = { workerRunId, claimed: 0, succeeded: 0, skipped: 0, failed: 0, outcomes: [] };
  // /health and stale-tick detection read this heartbeat; a long job must not look like a dead worker.
  const beat = setInterval(
    () => {
      heartbeatWorkerRun(db, workerRunId, clock.now()).catch(() => undefined);
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  try {
    await ensureDefaultScheduledJobs(db, {
      now: startedAt,
      registry,
      onlyNewProjects: !options.projectIds,
      ...(options.projectIds ? { projectIds: options.projectIds } : {}),
    });
    await failStaleWorkerRuns(db, new Date(startedAt.getTime() - 3 * leaseMs), startedAt);
    while (result.claimed < limit && !options.shouldStop?.() && !options.hardStop?.aborted) {
      const job = await claimNextJob(db, {
        owner: options.workerId,
        now: clock.now(),
        leaseMs,
        ...(options.projectIds ? { projectIds: options.projectIds } : {}),
        ...(options.jobTypes ? { jobTypes: options.jobTypes } : {}),
      });
      if (!job) break;
      result.claimed += 1;
      const outcome = await runClaimedJob(deps, job, {
        owner: options.workerId,
        workerRunId,
        leaseMs,
        registry,
        trigger: options.trigger ?? 'schedule',
        ...(options.hardStop ? { hardStop: options.hardStop } : {}),
        ...(options.random ? { random: options.random } : {}),
        ...(options.onJobFinished ? { onJobFinished: options.onJobFinished } : {}),
      });
      result.outcomes.push(outcome);
      if (outcome.status === 'succeeded') result.succeeded += 1;
      else if (outcome.status === 'skipped') result.skipped += 1;
      else if (outcome.status === 'failed' || outcome.status === 'dead') result.failed += 1;
    }
    await finishWorkerRun(db, { id: workerRunId, now: clock.now(), status: 'finished', ...counts(result) });
    return result;
  } catch (error) {
    await finishWorkerRun(db, {
      id: workerRunId,
      now: clock.now(),
      status: 'failed',
      ...counts(result),
      error: error instanceof Error ? error.message : String(error),
    }).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

function counts(r: TickResult) {
  return { claimed: r.claimed, succeeded: r.succeeded + r.skipped, failed: r.failed };
}

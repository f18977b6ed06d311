import {
  abandonRunningJobRuns,
  finishJob,
  startJob,
  updateJobProgress,
  type JobTrigger,
} from '@keel/db/queries/jobs';
import {
  type ClaimedJob,
  completeScheduledJob,
  extendLease,
  failScheduledJob,
  releaseScheduledJob,
} from '@keel/db/queries/scheduler';
import type { AppDeps } from '../deps.ts';
import { computeNextRunAt, computeRetryDelayMs, isDead } from './backoff.ts';
import { publishJobEvent } from './job-events.ts';
import { findJob, type JobRegistry, type JobResult } from './types.ts';

export type JobOutcomeStatus = 'succeeded' | 'skipped' | 'failed' | 'dead' | 'released' | 'lost';

export type JobOutcome = {
  scheduledJobId: string;
  jobType: string;
  projectId: string;
  runId: string | null;
  status: JobOutcomeStatus;
  durationMs: number;
  error?: string;
  reason?: string;
  nextRunAt?: string;
};

export type RunJobOptions = {
  owner: string;
  workerRunId: string | null;
  leaseMs: number;
  registry: JobRegistry;
  trigger: JobTrigger;
  /** Aborted when the worker must stop now: the job is released, not failed. */
  hardStop?: AbortSignal;
  random?: () => number;
  onJobFinished?: (info: { jobType: string; status: JobOutcomeStatus; durationMs: number }) => void;
};

class Interrupt extends Error {
  constructor(
    readonly kind: 'timeout' | 'shutdown' | 'lease_lost',
    message: string,
  ) {
    super(message);
  }
}

const PROGRESS_EVERY_MS = 1000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs one claimed job to a settled state: a job_runs row, the handler under a timeout with
 * its lease extended every third of the lease, events on the bus, and the scheduled row moved
 * to its next due time, its retry time (exponential backoff with jitter) or the dead state.
 */
export async function runClaimedJob(
  deps: AppDeps,
  job: ClaimedJob,
  opts: RunJobOptions,
): Promise<JobOutcome> {
  const { db, clock } = deps;
  const started = clock.now();
  const scope = { accountScopeId: job.accountScopeId, projectId: job.projectId };
  const base = { scheduledJobId: job.id, jobType: job.jobType, projectId: job.projectId };
  const settle = { id: job.id, owner: opts.owner };
  const def = findJob(opts.registry, job.jobType);

  if (job.takeover) {
    await abandonRunningJobRuns(
      db,
      job.id,
      started,
      'abandoned: the worker running it stopped and its lease expired',
    );
  }
  if (def && job.takeover && isDead(job.consecutiveFailures, def.maxFailures)) {
    const error = `parked: its worker was lost ${job.consecutiveFailures} times in a row`;
    await failScheduledJob(db, {
      ...settle,
      now: started,
      nextRunAt: job.dueAt,
      error,
      dead: true,
      consecutiveFailures: job.consecutiveFailures,
    });
    opts.onJobFinished?.({ jobType: job.jobType, status: 'dead', durationMs: 0 });
    return { ...base, runId: null, status: 'dead', durationMs: 0, error };
  }

  const run = await startJob(db, {
    ...scope,
    jobType: job.jobType,
    trigger: opts.trigger,
    scheduledJobId: job.id,
    workerRunId: opts.workerRunId,
    now: started,
    meta: {
      dueAt: job.dueAt.toISOString(),
      attempt: job.attempts,
      worker: opts.owner,
      takeover: job.takeover,
    },
  });
  const eventBase = { runId: run.id, jobType: job.jobType, trigger: opts.trigger };
  await publishJobEvent(deps, 'job.started', scope, {
    ...eventBase,
    scheduledJobId: job.id,
    dueAt: job.dueAt.toISOString(),
  });

  const controller = new AbortController();
  const interrupt = (e: Interrupt) => {
    if (!controller.signal.aborted) controller.abort(e);
  };
  const leaseTimer = setInterval(
    () => {
      extendLease(db, { ...settle, now: clock.now(), leaseMs: opts.leaseMs })
        .then((held) => {
          if (!held) interrupt(new Interrupt('lease_lost', 'lease lost: another worker took the job over'));
        })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, jobType: job.jobType }, 'lease extension failed'),
        );
    },
    Math.max(50, Math.floor(opts.leaseMs / 3)),
  );
  const timeoutSeconds = def?.timeoutSeconds ?? 60;
  const timeout = setTimeout(
    () => interrupt(new Interrupt('timeout', `timed out after ${timeoutSeconds} s`)),
    timeoutSeconds * 1000,
  );
  const onStop = () =>
    interrupt(new Interrupt('shutdown', 'interrupted by worker shutdown; released for another worker'));
  opts.hardStop?.addEventListener('abort', onStop, { once: true });
  if (opts.hardStop?.aborted) onStop();

  let lastProgressAt = 0;
  const heartbeat = async (progress?: number, message?: string) => {
    const at = clock.now().getTime();
    if (at - lastProgressAt < PROGRESS_EVERY_MS) return;
    lastProgressAt = at;
    if (progress !== undefined) await updateJobProgress(db, run.id, progress);
    await publishJobEvent(deps, 'job.progress', scope, {
      ...eventBase,
      progress: progress ?? null,
      message: message ?? null,
    });
  };

  let result: JobResult | undefined;
  let failure: unknown;
  try {
    if (!def?.load) {
      result = {
        status: 'skipped',
        reason: def?.disabledReason ?? `job type ${job.jobType} is unknown to this worker version`,
      };
    } else {
      const runner = await def.load();
      const work = runner(
        { db, scope, deps, runId: run.id, signal: controller.signal, heartbeat },
        job.payload,
      );
      // A handler that ignores its signal keeps running in the background; it is idempotent by contract.
      work.catch(() => undefined);
      const settled = await Promise.race([work, abortion(controller.signal)]);
      // A handler that returns early because it was aborted did not finish its work.
      if (controller.signal.aborted) throw controller.signal.reason;
      result = settled;
    }
  } catch (error) {
    failure = error;
  } finally {
    clearInterval(leaseTimer);
    clearTimeout(timeout);
    opts.hardStop?.removeEventListener('abort', onStop);
  }

  const now = clock.now();
  const interrupted = failure instanceof Interrupt ? failure : null;
  let outcome: JobOutcome;
  if (result) {
    const done = result;
    const nextRunAt = computeNextRunAt(job.dueAt, job.cadenceSeconds, now);
    // One transaction: a crash can never leave a succeeded run on a job that is still "running"
    // (which would run the same due time again after takeover).
    const { finished, held } = await db.transaction(async (tx) => ({
      held: await completeScheduledJob(tx, { ...settle, now, nextRunAt }),
      finished: await finishJob(tx, {
        id: run.id,
        status: done.status,
        now,
        meta: {
          ...(done.summary ? { summary: done.summary } : {}),
          ...(done.status === 'skipped' ? { reason: done.reason } : {}),
        },
      }),
    }));
    const durationMs = finished?.durationMs ?? now.getTime() - started.getTime();
    const reason = result.status === 'skipped' ? result.reason : undefined;
    await publishJobEvent(deps, 'job.finished', scope, {
      ...eventBase,
      status: result.status,
      durationMs,
      summary: result.summary ?? {},
      reason: reason ?? null,
      nextRunAt: nextRunAt.toISOString(),
    });
    outcome = {
      ...base,
      runId: run.id,
      status: held ? result.status : 'lost',
      durationMs,
      nextRunAt: nextRunAt.toISOString(),
      ...(reason ? { reason } : {}),
    };
  } else if (interrupted && interrupted.kind !== 'timeout') {
    const finished = await finishJob(db, { id: run.id, status: 'failed', now, error: interrupted.message });
    if (interrupted.kind === 'shutdown') await releaseScheduledJob(db, { ...settle, now });
    const durationMs = finished?.durationMs ?? 0;
    await publishJobEvent(deps, 'job.failed', scope, {
      ...eventBase,
      error: interrupted.message,
      durationMs,
      retryAt: null,
      dead: false,
    });
    outcome = {
      ...base,
      runId: run.id,
      status: interrupted.kind === 'shutdown' ? 'released' : 'lost',
      durationMs,
      error: interrupted.message,
    };
  } else {
    const error = messageOf(failure);
    const failures = job.consecutiveFailures + 1;
    const dead = def ? isDead(failures, def.maxFailures) : false;
    const retryAt = new Date(now.getTime() + computeRetryDelayMs(failures, undefined, opts.random));
    const regular = computeNextRunAt(job.dueAt, job.cadenceSeconds, now);
    const nextRunAt = retryAt < regular ? retryAt : regular;
    const { finished, held } = await db.transaction(async (tx) => ({
      held: await failScheduledJob(tx, {
        ...settle,
        now,
        nextRunAt,
        error,
        dead,
        consecutiveFailures: failures,
      }),
      finished: await finishJob(tx, {
        id: run.id,
        status: 'failed',
        now,
        error,
        meta: { retryAt: dead ? null : nextRunAt.toISOString(), dead },
      }),
    }));
    const durationMs = finished?.durationMs ?? 0;
    await publishJobEvent(deps, 'job.failed', scope, {
      ...eventBase,
      error,
      durationMs,
      retryAt: dead ? null : nextRunAt.toISOString(),
      dead,
      consecutiveFailures: failures,
    });
    if (!interrupted)
      deps.logger.warn({ err: failure, jobType: job.jobType, projectId: job.projectId }, 'job failed');
    outcome = {
      ...base,
      runId: run.id,
      status: held ? (dead ? 'dead' : 'failed') : 'lost',
      durationMs,
      error,
      nextRunAt: nextRunAt.toISOString(),
    };
  }
  opts.onJobFinished?.({ jobType: job.jobType, status: outcome.status, durationMs: outcome.durationMs });
  return outcome;
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

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

/** What every step of one run needs: the job, its scope and the fields its outcome repeats. */
type RunContext = {
  deps: AppDeps;
  job: ClaimedJob;
  opts: RunJobOptions;
  def: ReturnType<typeof findJob>;
  started: Date;
  scope: { accountScopeId: string; projectId: string };
  base: Pick<JobOutcome, 'scheduledJobId' | 'jobType' | 'projectId'>;
  settle: { id: string; owner: string };
};

/** A started run: its job_runs id and the fields every job event of the run carries. */
type StartedRun = {
  runId: string;
  eventBase: { runId: string; jobType: string; trigger: JobTrigger };
};

/** How the handler ended: a result, or the error (an `Interrupt` when it was stopped). */
type HandlerEnd = { result: JobResult; failure?: undefined } | { result?: undefined; failure: unknown };

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
  const ctx: RunContext = {
    deps,
    job,
    opts,
    def: findJob(opts.registry, job.jobType),
    started: deps.clock.now(),
    scope: { accountScopeId: job.accountScopeId, projectId: job.projectId },
    base: { scheduledJobId: job.id, jobType: job.jobType, projectId: job.projectId },
    settle: { id: job.id, owner: opts.owner },
  };
  const claimed = await claimRun(ctx);
  const outcome =
    'status' in claimed ? claimed : await settleRun(ctx, claimed, await runHandler(ctx, claimed));
  opts.onJobFinished?.({ jobType: job.jobType, status: outcome.status, durationMs: outcome.durationMs });
  return outcome;
}

/**
 * Claim: closes the runs a lost worker left open, parks a job whose workers keep getting lost,
 * and otherwise starts a job_runs row and announces it.
 */
async function claimRun(ctx: RunContext): Promise<StartedRun | JobOutcome> {
  const { deps, job, opts, def, started, scope } = ctx;
  const { db } = deps;
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
      ...ctx.settle,
      now: started,
      nextRunAt: job.dueAt,
      error,
      dead: true,
      consecutiveFailures: job.consecutiveFailures,
    });
    return { ...ctx.base, runId: null, status: 'dead', durationMs: 0, error };
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
  return { runId: run.id, eventBase };
}

/**
 * Run: the handler under its timeout, with the lease extended every third of the lease and the
 * worker's hard stop wired in; any of them interrupts the handler through its signal.
 */
async function runHandler(ctx: RunContext, run: StartedRun): Promise<HandlerEnd> {
  const { deps, job, def, scope } = ctx;
  const controller = new AbortController();
  const interrupt = (e: Interrupt) => {
    if (!controller.signal.aborted) controller.abort(e);
  };
  const stopGuards = guardRun(ctx, interrupt);
  try {
    if (!def?.load) {
      return {
        result: {
          status: 'skipped',
          reason: def?.disabledReason ?? `job type ${job.jobType} is unknown to this worker version`,
        },
      };
    }
    const runner = await def.load();
    const work = runner(
      {
        db: deps.db,
        scope,
        deps,
        runId: run.runId,
        leaseMs: ctx.opts.leaseMs,
        signal: controller.signal,
        heartbeat: makeHeartbeat(ctx, run),
      },
      job.payload,
    );
    // A handler that ignores its signal keeps running in the background; it is idempotent by contract.
    work.catch(() => undefined);
    const settled = await Promise.race([work, abortion(controller.signal)]);
    // A handler that returns early because it was aborted did not finish its work.
    if (controller.signal.aborted) throw controller.signal.reason;
    return { result: settled };
  } catch (error) {
    return { failure: error };
  } finally {
    stopGuards();
  }
}

/** Starts the lease extension, the timeout and the hard-stop listener; returns their undo. */
function guardRun(ctx: RunContext, interrupt: (e: Interrupt) => void): () => void {
  const { deps, job, opts, def } = ctx;
  const leaseTimer = setInterval(
    () => {
      extendLease(deps.db, { ...ctx.settle, leaseMs: opts.leaseMs })
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
  return () => {
    clearInterval(leaseTimer);
    clearTimeout(timeout);
    opts.hardStop?.removeEventListener('abort', onStop);
  };
}

/** The handler's heartbeat: progress on the run row and a `job.progress` event, at most once a second. */
function makeHeartbeat(ctx: RunContext, run: StartedRun) {
  const { deps, scope } = ctx;
  let lastProgressAt = 0;
  return async (progress?: number, message?: string) => {
    const at = deps.clock.now().getTime();
    if (at - lastProgressAt < PROGRESS_EVERY_MS) return;
    lastProgressAt = at;
    if (progress !== undefined) await updateJobProgress(deps.db, run.runId, progress);
    await publishJobEvent(deps, 'job.progress', scope, {
      ...run.eventBase,
      progress: progress ?? null,
      message: message ?? null,
    });
  };
}

/** Settles the run by how the handler ended: success, an interrupt that is not a timeout, or a failure. */
function settleRun(ctx: RunContext, run: StartedRun, end: HandlerEnd): Promise<JobOutcome> {
  if (end.result) return settleSuccess(ctx, run, end.result);
  const interrupted = end.failure instanceof Interrupt ? end.failure : null;
  if (interrupted && interrupted.kind !== 'timeout') return settleInterrupt(ctx, run, interrupted);
  return settleFailure(ctx, run, end.failure);
}

/** Success (or a skip): the run finishes and the scheduled row moves to its next due time. */
async function settleSuccess(ctx: RunContext, run: StartedRun, result: JobResult): Promise<JobOutcome> {
  const { deps, job, started, scope } = ctx;
  const now = deps.clock.now();
  const regular = computeNextRunAt(job.dueAt, job.cadenceSeconds, now);
  const retryAt = result.retryAfterMs !== undefined ? new Date(now.getTime() + result.retryAfterMs) : null;
  const nextRunAt = retryAt && retryAt < regular ? retryAt : regular;
  // One transaction: a crash can never leave a succeeded run on a job that is still "running"
  // (which would run the same due time again after takeover).
  const { finished, held } = await deps.db.transaction(async (tx) => ({
    held: await completeScheduledJob(tx, { ...ctx.settle, now, nextRunAt }),
    finished: await finishJob(tx, {
      id: run.runId,
      status: result.status,
      now,
      meta: {
        ...(result.summary ? { summary: result.summary } : {}),
        ...(result.reason ? { reason: result.reason } : {}),
        ...(retryAt ? { retryAt: nextRunAt.toISOString() } : {}),
      },
    }),
  }));
  const durationMs = finished?.durationMs ?? now.getTime() - started.getTime();
  const reason = result.reason;
  await publishJobEvent(deps, 'job.finished', scope, {
    ...run.eventBase,
    status: result.status,
    durationMs,
    summary: result.summary ?? {},
    reason: reason ?? null,
    nextRunAt: nextRunAt.toISOString(),
  });
  return {
    ...ctx.base,
    runId: run.runId,
    status: held ? result.status : 'lost',
    durationMs,
    nextRunAt: nextRunAt.toISOString(),
    ...(reason ? { reason } : {}),
  };
}

/**
 * Interrupt (shutdown or a lost lease): the run fails without counting against the job; on
 * shutdown the scheduled row is released for another worker, a lost lease belongs to its new owner.
 */
async function settleInterrupt(
  ctx: RunContext,
  run: StartedRun,
  interrupted: Interrupt,
): Promise<JobOutcome> {
  const { deps, scope } = ctx;
  const now = deps.clock.now();
  const finished = await finishJob(deps.db, {
    id: run.runId,
    status: 'failed',
    now,
    error: interrupted.message,
  });
  if (interrupted.kind === 'shutdown') await releaseScheduledJob(deps.db, { ...ctx.settle, now });
  const durationMs = finished?.durationMs ?? 0;
  await publishJobEvent(deps, 'job.failed', scope, {
    ...run.eventBase,
    error: interrupted.message,
    durationMs,
    retryAt: null,
    dead: false,
  });
  return {
    ...ctx.base,
    runId: run.runId,
    status: interrupted.kind === 'shutdown' ? 'released' : 'lost',
    durationMs,
    error: interrupted.message,
  };
}

/**
 * Failure (an error or a timeout): the job retries with backoff — never later than its regular
 * cadence — or goes dead after its maximum of consecutive failures.
 */
async function settleFailure(ctx: RunContext, run: StartedRun, failure: unknown): Promise<JobOutcome> {
  const { deps, job, opts, def, scope } = ctx;
  const now = deps.clock.now();
  const error = messageOf(failure);
  const failures = job.consecutiveFailures + 1;
  const dead = def ? isDead(failures, def.maxFailures) : false;
  const retryAt = new Date(now.getTime() + computeRetryDelayMs(failures, undefined, opts.random));
  const regular = computeNextRunAt(job.dueAt, job.cadenceSeconds, now);
  const nextRunAt = retryAt < regular ? retryAt : regular;
  const { finished, held } = await deps.db.transaction(async (tx) => ({
    held: await failScheduledJob(tx, {
      ...ctx.settle,
      now,
      nextRunAt,
      error,
      dead,
      consecutiveFailures: failures,
    }),
    finished: await finishJob(tx, {
      id: run.runId,
      status: 'failed',
      now,
      error,
      meta: { retryAt: dead ? null : nextRunAt.toISOString(), dead },
    }),
  }));
  const durationMs = finished?.durationMs ?? 0;
  await publishJobEvent(deps, 'job.failed', scope, {
    ...run.eventBase,
    error,
    durationMs,
    retryAt: dead ? null : nextRunAt.toISOString(),
    dead,
    consecutiveFailures: failures,
  });
  if (!(failure instanceof Interrupt))
    deps.logger.warn({ err: failure, jobType: job.jobType, projectId: job.projectId }, 'job failed');
  return {
    ...ctx.base,
    runId: run.runId,
    status: held ? (dead ? 'dead' : 'failed') : 'lost',
    durationMs,
    error,
    nextRunAt: nextRunAt.toISOString(),
  };
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

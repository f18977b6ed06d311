import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WorkerMode } from '@keel/db/queries/jobs';
import { nextDueAt } from '@keel/db/queries/scheduler';
import type { AppDeps } from '../deps.ts';
import { ensureDefaultScheduledJobs } from './ensure-jobs.ts';
import { jobRegistry } from './registry.ts';
import { runSchedulerTick, type TickOptions, type TickResult } from './tick.ts';

export type WorkerLoopOptions = {
  mode: WorkerMode;
  workerId?: string;
  /**
   * Longest pause between ticks (WORKER_INTERVAL_SECONDS). A tick that hit its limit is followed
   * at once; otherwise the worker sleeps until the next job falls due, at least `minPauseMs`.
   */
  intervalMs?: number;
  /** Shortest pause after a tick that did not fill its limit (default 1 s). */
  minPauseMs?: number;
  /** How long a stopping worker lets its current job finish before releasing it. */
  graceMs?: number;
} & Pick<TickOptions, 'limit' | 'leaseMs' | 'registry' | 'onJobFinished'> & {
    onTick?: (result: TickResult) => void;
  };

export type WorkerLoop = {
  workerId: string;
  /** Stops claiming; the running job gets `graceMs` to finish, then is released. */
  stop(): Promise<void>;
  done: Promise<void>;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** How long a worker that did not fill its tick sleeps: until the next job is due, within bounds. */
export function pauseBeforeNextTick(
  nextDue: Date | null,
  now: Date,
  intervalMs: number,
  minPauseMs: number,
): number {
  if (!nextDue) return intervalMs;
  return Math.max(minPauseMs, Math.min(intervalMs, nextDue.getTime() - now.getTime()));
}

/**
 * The continuous worker (seed: worker-loop.js): ticks when the next job falls due (at most an
 * interval apart), keeps going after a failed tick, and stops gracefully. Used by `apps/worker`
 * and, in the embedded default, inside the server process.
 */
export function startWorkerLoop(deps: AppDeps, options: WorkerLoopOptions): WorkerLoop {
  const workerId = options.workerId ?? newWorkerId();
  const intervalMs = options.intervalMs ?? deps.env.WORKER_INTERVAL_SECONDS * 1000;
  const graceMs = options.graceMs ?? 10_000;
  const limit = options.limit ?? deps.env.WORKER_TICK_LIMIT;
  const minPauseMs = Math.min(options.minPauseMs ?? 1000, intervalMs);
  const hardStop = new AbortController();
  let stopping = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // A sync brings its project's scoring jobs forward to now: waking for them at once instead of
  // a whole interval later is what lets a fresh demo show scores within a minute or two. The
  // floor keeps a job that is due but cannot be claimed (another worker's lease) from spinning.
  const pauseUntilNextDue = async (): Promise<number> =>
    pauseBeforeNextTick(await nextDueAt(deps.db).catch(() => null), deps.clock.now(), intervalMs, minPauseMs);

  const loop = async () => {
    // A new registry version (job types added or wired) reaches every existing project here.
    await ensureDefaultScheduledJobs(deps.db, {
      now: deps.clock.now(),
      registry: options.registry ?? jobRegistry,
    }).catch((error: unknown) => deps.logger.error({ err: error }, 'worker: ensuring default jobs failed'));
    while (!stopping) {
      let full = false;
      try {
        const result = await runSchedulerTick(deps, {
          workerId,
          mode: options.mode,
          limit,
          shouldStop: () => stopping,
          hardStop: hardStop.signal,
          ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
          ...(options.registry ? { registry: options.registry } : {}),
          ...(options.onJobFinished ? { onJobFinished: options.onJobFinished } : {}),
        });
        full = result.claimed >= limit;
        options.onTick?.(result);
      } catch (error) {
        deps.logger.error({ err: error, workerId }, 'worker: tick failed; trying again next interval');
      }
      if (!stopping) await sleep(full ? 0 : await pauseUntilNextDue());
    }
  };

  const done = loop();
  return {
    workerId,
    async stop() {
      stopping = true;
      wake?.();
      const timer = setTimeout(() => hardStop.abort(), graceMs);
      try {
        await done;
      } finally {
        clearTimeout(timer);
      }
    },
    done,
  };
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WorkerMode } from '@keel/db/queries/jobs';
import type { AppDeps } from '../deps.ts';
import { ensureDefaultScheduledJobs } from './ensure-jobs.ts';
import { jobRegistry } from './registry.ts';
import { runSchedulerTick, type TickOptions, type TickResult } from './tick.ts';

export type WorkerLoopOptions = {
  mode: WorkerMode;
  workerId?: string;
  /** Pause between ticks (WORKER_INTERVAL_SECONDS); a tick that hit its limit is followed at once. */
  intervalMs?: number;
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

/**
 * The continuous worker (seed: worker-loop.js): ticks every interval, keeps going after a
 * failed tick, and stops gracefully. Used by `apps/worker` and, in the embedded default,
 * inside the server process.
 */
export function startWorkerLoop(deps: AppDeps, options: WorkerLoopOptions): WorkerLoop {
  const workerId = options.workerId ?? newWorkerId();
  const intervalMs = options.intervalMs ?? deps.env.WORKER_INTERVAL_SECONDS * 1000;
  const graceMs = options.graceMs ?? 10_000;
  const limit = options.limit ?? deps.env.WORKER_TICK_LIMIT;
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
      if (!stopping) await sleep(full ? 0 : intervalMs);
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

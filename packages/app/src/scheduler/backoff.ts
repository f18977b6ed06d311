/**
 * Pure scheduling arithmetic: when a job is next due after a success, and how long a failed
 * job waits before its retry. `now` and the random source are passed in.
 */

/**
 * The next due time on the job's own grid (dueAt + k × cadence, the first one after now): a late
 * run does not drift the schedule, and a worker that was down for hours runs a job once, not
 * once per missed slot.
 */
export function computeNextRunAt(dueAt: Date, cadenceSeconds: number, now: Date): Date {
  const cadenceMs = Math.max(1, cadenceSeconds) * 1000;
  const behind = now.getTime() - dueAt.getTime();
  const steps = behind < 0 ? 1 : Math.floor(behind / cadenceMs) + 1;
  return new Date(dueAt.getTime() + steps * cadenceMs);
}

export type BackoffPolicy = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 3_600_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * many projects that failed together (an API outage) spread out instead of retrying in lockstep.
 * `failures` counts the consecutive failures including this one (1 = first failure).
 */
export function computeRetryDelayMs(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(30, failures - 1));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Dead once the consecutive failures reach the job's limit. */
export function isDead(failures: number, maxFailures: number): boolean {
  return failures >= maxFailures;
}

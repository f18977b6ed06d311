import type { z } from 'zod';
import type { Database } from '@keel/db/client';
import type { AppDeps } from '../deps.ts';

/** A job always works for one project of one workspace. */
export type JobScope = { accountScopeId: string; projectId: string };

export type JobContext<P> = {
  db: Database;
  scope: JobScope;
  deps: AppDeps;
  payload: P;
  runId: string;
  /** Aborted on timeout, on shutdown and when the worker loses its lease: stop soon after. */
  signal: AbortSignal;
  /** The job's lease length: work that takes leases of its own (connector syncs) uses the same. */
  leaseMs?: number;
  /** Reports progress (0..1) to job_runs and SSE; the lease is kept alive without it. */
  heartbeat(progress?: number, message?: string): Promise<void>;
};

/**
 * What a handler reports; a skip always says why, so the status page can show it. With
 * `retryAfterMs` the job is due again that soon rather than a whole cadence later (part of its
 * work found another holder of a lease and must be done once that holder is finished).
 */
export type JobResult =
  | { status: 'succeeded'; summary?: Record<string, unknown>; reason?: string; retryAfterMs?: number }
  | { status: 'skipped'; reason: string; summary?: Record<string, unknown>; retryAfterMs?: number };

export type JobHandlerModule<P> = { run(ctx: JobContext<P>): Promise<JobResult> };

/** Runs a job with its raw stored payload: the payload is parsed by the job's own schema first. */
export type JobRunner = (
  ctx: Omit<JobContext<unknown>, 'payload'>,
  rawPayload: unknown,
) => Promise<JobResult>;

export type JobDefinition = {
  type: string;
  description: string;
  /** The seed service (and our package) the job drives. */
  service: string;
  cadenceSeconds: number;
  timeoutSeconds: number;
  /** Consecutive failures (or lease takeovers) before the job is parked as dead. */
  maxFailures: number;
  /**
   * A new project's first run falls at a random point within this many seconds (default: the
   * cadence, at most 15 min), so a project's jobs do not all start at once.
   */
  firstRunSpreadSeconds?: number;
  /** Stored in scheduled_jobs.payload when the row is created. */
  defaultPayload: Record<string, unknown>;
  /** Null when enabled; otherwise why the job cannot run yet. */
  disabledReason: string | null;
  /** Lazily imports the handler (nothing runs at import time); absent for disabled jobs. */
  load: (() => Promise<JobRunner>) | null;
};

export type JobRegistry = readonly JobDefinition[];

type Common = Omit<JobDefinition, 'load' | 'disabledReason' | 'defaultPayload' | 'maxFailures'> & {
  maxFailures?: number;
};

/**
 * Declares a job type. With `handler`, the module is imported on first run and receives the
 * payload parsed by `payload`; with `disabled`, the job is scheduled but never claimed.
 */
export function defineJob<S extends z.ZodType<Record<string, unknown>>>(
  spec: Common &
    (
      | { payload: S; handler: () => Promise<JobHandlerModule<z.output<S>>> }
      | { payload: S; disabled: string }
    ),
): JobDefinition {
  const defaultPayload = spec.payload.parse({});
  const base = {
    type: spec.type,
    description: spec.description,
    service: spec.service,
    cadenceSeconds: spec.cadenceSeconds,
    timeoutSeconds: spec.timeoutSeconds,
    maxFailures: spec.maxFailures ?? 8,
    ...(spec.firstRunSpreadSeconds ? { firstRunSpreadSeconds: spec.firstRunSpreadSeconds } : {}),
    defaultPayload,
  };
  if ('disabled' in spec) return { ...base, disabledReason: spec.disabled, load: null };
  const { handler, payload } = spec;
  return {
    ...base,
    disabledReason: null,
    load: async () => {
      const module = await handler();
      return (ctx, raw) => module.run({ ...ctx, payload: payload.parse(raw ?? {}) });
    },
  };
}

export function findJob(registry: JobRegistry, type: string): JobDefinition | undefined {
  return registry.find((j) => j.type === type);
}

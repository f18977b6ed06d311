import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@keel/db/client';
import { defineJob, type JobContext, type JobRegistry } from '@keel/app/scheduler/types';

/**
 * The job registry of `pnpm bench processes`, loaded by `worker-loop --jobs-module`. Two job
 * types per project with a known cost, so the measured latency is the scheduler's and the
 * contention's, not a handler's whim:
 *
 * - `bench_sync`: a connector sync's shape, mostly waiting on a vendor (`waitMs`) with a little CPU;
 * - `bench_score`: a scoring step's shape, CPU (`cpuMs`) and a read of the project's rows.
 *
 * Each run writes a probe row (`bench_job_probe`, created by the bench in its own database) at
 * its start and end, from inside the handler: the bench checks from those too that no job ran
 * twice at once, independently of the scheduler's own job_runs bookkeeping.
 */
const work = z.object({
  waitMs: z.number().int().min(0).max(60_000),
  cpuMs: z.number().int().min(0).max(10_000),
});

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/** Keeps this process's CPU busy for `ms` (a pure computation the optimiser cannot drop). */
function spin(ms: number): number {
  const until = performance.now() + ms;
  let x = 1;
  while (performance.now() < until)
    for (let i = 0; i < 1000; i += 1) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  return x;
}

function handler(jobType: string) {
  return async (ctx: JobContext<z.output<typeof work>>) => {
    const { db, scope, payload, runId, signal } = ctx;
    const [probe] = await queryRows<{ id: number }>(
      db,
      sql`insert into bench_job_probe (project_id, job_type, run_id, pid)
          values (${scope.projectId}::uuid, ${jobType}, ${runId}::uuid, ${process.pid}) returning id`,
    );
    const checksum = spin(payload.cpuMs);
    const [read] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from linear_issues_raw
          where account_scope_id = ${scope.accountScopeId}::uuid and project_id = ${scope.projectId}::uuid`,
    );
    await sleep(payload.waitMs, signal);
    await db.execute(sql`update bench_job_probe set finished_at = clock_timestamp() where id = ${probe?.id}`);
    return { status: 'succeeded' as const, summary: { issues: read?.n ?? 0, checksum } };
  };
}

const job = (type: string, description: string, defaults: z.input<typeof work>) =>
  defineJob({
    type,
    description,
    service: 'bench',
    cadenceSeconds: 24 * 3600,
    timeoutSeconds: 60,
    payload: work.partial().transform((p) => ({ ...defaults, ...p })),
    handler: async () => ({ run: handler(type) }),
  });

export const BENCH_JOB_TYPES = ['bench_sync', 'bench_score'] as const;

export const jobRegistry: JobRegistry = [
  job('bench_sync', 'waits on a vendor (40 ms) with a little CPU (2 ms)', { waitMs: 40, cpuMs: 2 }),
  job('bench_score', 'CPU (15 ms) and a read of the project rows', { waitMs: 0, cpuMs: 15 }),
];

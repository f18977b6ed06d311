import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { runSchedulerTick } from '@keel/app/scheduler/tick';
import { newWorkerId } from '@keel/app/scheduler/worker-loop';
import { createWorkerRuntime, parseWorkerArgs } from './runtime.ts';

/** `worker` (seed: worker.js): one scheduler tick over every project, then exit — for cron and tests. */
async function main(): Promise<void> {
  const args = await parseWorkerArgs(process.argv.slice(2));
  const runtime = await createWorkerRuntime();
  const { deps } = runtime;
  try {
    await ensureDefaultScheduledJobs(deps.db, { now: deps.clock.now(), registry: args.registry });
    const result = await runSchedulerTick(deps, {
      workerId: args.workerId ?? newWorkerId(),
      mode: 'once',
      registry: args.registry,
      ...(args.leaseMs ? { leaseMs: args.leaseMs } : {}),
    });
    const { claimed, succeeded, skipped, failed } = result;
    deps.logger.info({ claimed, succeeded, skipped, failed }, 'worker tick finished');
    process.exitCode = failed > 0 ? 2 : 0;
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

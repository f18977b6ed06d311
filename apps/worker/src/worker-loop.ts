import { startWorkerLoop } from '@keel/app/scheduler/worker-loop';
import { createWorkerRuntime, parseWorkerArgs } from './runtime.ts';

/**
 * `worker-loop` (seed: worker-loop.js): ticks every WORKER_INTERVAL_SECONDS and keeps going
 * after failures. SIGTERM/SIGINT stop it gracefully: no new claims, the running job finishes
 * within the grace period or is released for another worker.
 */
async function main(): Promise<void> {
  const args = await parseWorkerArgs(process.argv.slice(2));
  const runtime = await createWorkerRuntime();
  const { deps } = runtime;
  const loop = startWorkerLoop(deps, {
    mode: 'loop',
    registry: args.registry,
    ...(args.workerId ? { workerId: args.workerId } : {}),
    ...(args.intervalMs ? { intervalMs: args.intervalMs } : {}),
    ...(args.leaseMs ? { leaseMs: args.leaseMs } : {}),
    ...(args.graceMs ? { graceMs: args.graceMs } : {}),
    onTick: (r) => {
      if (r.claimed > 0)
        deps.logger.info(
          { claimed: r.claimed, succeeded: r.succeeded, skipped: r.skipped, failed: r.failed },
          'tick',
        );
    },
  });
  deps.logger.info(
    { workerId: loop.workerId, db: runtime.handle.location, events: deps.bus.kind },
    'worker loop started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'worker loop stopping');
    await loop.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await loop.done;
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-loop failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

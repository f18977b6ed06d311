import { ApiError } from '@keel/core/errors';
import { makeJobDueNow } from '@keel/db/queries/scheduler';
import type { AppDeps } from '../deps.ts';
import { ensureDefaultScheduledJobs } from './ensure-jobs.ts';
import { jobRegistry } from './registry.ts';
import type { JobOutcome } from './run-job.ts';
import { runSchedulerTick, type TickResult } from './tick.ts';
import { newWorkerId } from './worker-loop.ts';
import { findJob, type JobRegistry, type JobScope } from './types.ts';

export type RunNowResult = { status: 'ran'; outcome: JobOutcome } | { status: 'already_running' };

/**
 * Runs one job type for a project now, through the same claim as the scheduler, so it never
 * overlaps a scheduled run of the same job. A failed or dead job is revived by this.
 */
export async function runJobNow(
  deps: AppDeps,
  scope: JobScope,
  jobType: string,
  registry: JobRegistry = jobRegistry,
): Promise<RunNowResult> {
  const def = findJob(registry, jobType);
  if (!def) throw new ApiError('not_found', `Unknown job type "${jobType}". GET /jobs/scheduler lists them.`);
  if (def.disabledReason) throw new ApiError('conflict', `${jobType} cannot run: ${def.disabledReason}.`);
  const now = deps.clock.now();
  await ensureDefaultScheduledJobs(deps.db, { now, projectIds: [scope.projectId], registry });
  await makeJobDueNow(deps.db, scope, jobType, now);
  const tick = await runSchedulerTick(deps, {
    workerId: `api:${newWorkerId()}`,
    mode: 'once',
    limit: 1,
    trigger: 'manual',
    registry,
    projectIds: [scope.projectId],
    jobTypes: [jobType],
  });
  const outcome = tick.outcomes[0];
  return outcome ? { status: 'ran', outcome } : { status: 'already_running' };
}

/** POST /jobs/scheduler/tick: the due jobs of the active project, run now in this request. */
export async function runProjectTick(
  deps: AppDeps,
  scope: JobScope,
  limit: number,
  registry: JobRegistry = jobRegistry,
): Promise<TickResult> {
  return runSchedulerTick(deps, {
    workerId: `api:${newWorkerId()}`,
    mode: 'once',
    limit,
    trigger: 'manual',
    registry,
    projectIds: [scope.projectId],
  });
}

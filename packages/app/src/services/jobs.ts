import type { ProjectScope } from '@keel/core/scope';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { runJobNow, runProjectTick } from '../scheduler/run-now.ts';

/** Jobs someone starts by hand: the same claim as the scheduler, audited as the caller. */

/** Runs the project's due jobs now (at most `limit`, the worker's tick limit by default). */
export async function runProjectJobsNow(
  actor: Actor & { deps: AppDeps },
  scope: ProjectScope,
  limit: number | undefined,
) {
  const result = await runProjectTick(actor.deps, scope, limit ?? actor.deps.env.WORKER_TICK_LIMIT);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'jobs.scheduler_tick',
    payload: { claimed: result.claimed, failed: result.failed },
  });
  const { workerRunId: _internal, ...out } = result;
  return out;
}

/** Runs one job type for the project now; a failed or dead outcome is audited as failed. */
export async function runJobTypeNow(actor: Actor & { deps: AppDeps }, scope: ProjectScope, jobType: string) {
  const result = await runJobNow(actor.deps, scope, jobType);
  const outcome = result.status === 'ran' ? result.outcome : null;
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'jobs.run_now',
    entityType: 'job_type',
    entityId: jobType,
    status: outcome && (outcome.status === 'failed' || outcome.status === 'dead') ? 'failed' : 'ok',
    payload: { result: outcome?.status ?? result.status },
  });
  return { status: result.status, outcome };
}

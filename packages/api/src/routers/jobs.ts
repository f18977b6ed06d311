import { z } from 'zod';
import { auditAs } from '@keel/app/audit';
import { runJobNow, runProjectTick } from '@keel/app/scheduler/run-now';
import { getJobsStatus, getSchedulerConfig } from '@keel/app/scheduler/status';
import { projectProcedure, projectWriteProcedure, router } from '../trpc.ts';

const when = z.string().nullable();
const runStatus = z.enum(['running', 'succeeded', 'failed', 'skipped']);
const outcomeStatus = z.enum(['succeeded', 'skipped', 'failed', 'dead', 'released', 'lost']);

const jobRunOut = z.object({
  id: z.string(),
  jobType: z.string(),
  trigger: z.string(),
  status: runStatus,
  startedAt: z.string(),
  finishedAt: when,
  durationMs: z.number().nullable(),
  progress: z.number().nullable(),
  error: z.string().nullable(),
});

const outcomeOut = z.object({
  scheduledJobId: z.string(),
  jobType: z.string(),
  projectId: z.string(),
  runId: z.string().nullable(),
  status: outcomeStatus,
  durationMs: z.number(),
  error: z.string().optional(),
  reason: z.string().optional(),
  nextRunAt: z.string().optional(),
});

const tickOut = z.object({
  claimed: z.number(),
  succeeded: z.number(),
  skipped: z.number(),
  failed: z.number(),
  outcomes: z.array(outcomeOut),
});

export const jobsRouter = router({
  status: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/jobs/status',
        summary: 'Last and next run of every job of the active project',
        tags: ['Jobs'],
      },
    })
    .input(z.object({ recent: z.coerce.number().int().min(0).max(200).default(20) }).default({ recent: 20 }))
    .output(
      z.object({
        now: z.string(),
        worker: z.object({ lastSeenAt: when, runningTicks: z.number() }),
        jobs: z.array(
          z.object({
            jobType: z.string(),
            scheduled: z.boolean(),
            enabled: z.boolean().nullable(),
            disabledReason: z.string().nullable(),
            status: z.string().nullable(),
            running: z.boolean(),
            cadenceSeconds: z.number().nullable(),
            nextRunAt: when,
            lastRunAt: when,
            lastFinishedAt: when,
            consecutiveFailures: z.number(),
            lastError: z.string().nullable(),
            leaseOwner: z.string().nullable(),
            lastRun: jobRunOut.omit({ jobType: true }).nullable(),
            runs24h: z.number(),
            failures24h: z.number(),
            avgDurationMs24h: z.number().nullable(),
          }),
        ),
        recentRuns: z.array(jobRunOut),
      }),
    )
    .query(({ ctx, input }) => getJobsStatus(ctx.deps, ctx.project, input.recent)),

  scheduler: projectProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/jobs/scheduler',
        summary: 'Scheduler configuration and the active project’s jobs',
        tags: ['Jobs'],
      },
    })
    .output(
      z.object({
        tickLimit: z.number(),
        intervalSeconds: z.number(),
        leaseSeconds: z.number(),
        worker: z.enum(['in-process', 'separate']),
        jobs: z.array(
          z.object({
            type: z.string(),
            description: z.string(),
            service: z.string(),
            cadenceSeconds: z.number(),
            defaultCadenceSeconds: z.number(),
            timeoutSeconds: z.number(),
            maxFailures: z.number(),
            enabled: z.boolean(),
            disabledReason: z.string().nullable(),
            status: z.string().nullable(),
            nextRunAt: when,
            lastRunAt: when,
            consecutiveFailures: z.number(),
            lastError: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => getSchedulerConfig(ctx.deps, ctx.project)),

  tick: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/jobs/scheduler/tick',
        summary: 'Run the active project’s due jobs now',
        tags: ['Jobs'],
      },
    })
    .input(z.object({ limit: z.number().int().min(1).max(100).optional() }).default({}))
    .output(tickOut)
    .mutation(async ({ ctx, input }) => {
      const result = await runProjectTick(
        ctx.deps,
        ctx.project,
        input.limit ?? ctx.deps.env.WORKER_TICK_LIMIT,
      );
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'jobs.scheduler_tick',
        payload: { claimed: result.claimed, failed: result.failed },
      });
      const { workerRunId: _ignored, ...out } = result;
      return out;
    }),

  run: projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/jobs/:type/run',
        summary: 'Run one job type for the active project now',
        tags: ['Jobs'],
      },
    })
    .input(
      z.object({
        type: z.string().regex(/^[a-z0-9_]{1,64}$/, 'type must be a job type such as job_history_prune'),
      }),
    )
    .output(z.object({ status: z.enum(['ran', 'already_running']), outcome: outcomeOut.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const result = await runJobNow(ctx.deps, ctx.project, input.type);
      const outcome = result.status === 'ran' ? result.outcome : null;
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'jobs.run_now',
        entityType: 'job_type',
        entityId: input.type,
        status: outcome && (outcome.status === 'failed' || outcome.status === 'dead') ? 'failed' : 'ok',
        payload: { result: outcome?.status ?? result.status },
      });
      return { status: result.status, outcome };
    }),
});

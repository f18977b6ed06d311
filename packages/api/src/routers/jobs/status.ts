import { z } from 'zod';
import { getJobsStatus } from '@keel/app/scheduler/status';
import { projectProcedure } from '../../trpc.ts';
import { jobRunOut, when } from './schemas.ts';

export const statusProcedure = projectProcedure
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
  .query(({ ctx, input }) => getJobsStatus(ctx.deps, ctx.project, input.recent));

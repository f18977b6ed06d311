import { z } from 'zod';
import { getSchedulerConfig } from '@keel/app/scheduler/status';
import { projectProcedure } from '../../trpc.ts';
import { when } from './schemas.ts';

export const schedulerProcedure = projectProcedure
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
  .query(({ ctx }) => getSchedulerConfig(ctx.deps, ctx.project));

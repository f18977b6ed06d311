import { z } from 'zod';
import { runJobTypeNow } from '@keel/app/services/jobs';
import { projectWriteProcedure } from '../../trpc.ts';
import { outcomeOut } from './schemas.ts';

export const runProcedure = projectWriteProcedure
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
  .mutation(({ ctx, input }) => runJobTypeNow(ctx, ctx.project, input.type));

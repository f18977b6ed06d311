import { z } from 'zod';
import { runProjectJobsNow } from '@keel/app/services/jobs';
import { projectWriteProcedure } from '../../trpc.ts';
import { outcomeOut } from './schemas.ts';

const tickOut = z.object({
  claimed: z.number(),
  succeeded: z.number(),
  skipped: z.number(),
  failed: z.number(),
  outcomes: z.array(outcomeOut),
});

export const tickProcedure = projectWriteProcedure
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
  .mutation(({ ctx, input }) => runProjectJobsNow(ctx, ctx.project, input.limit));

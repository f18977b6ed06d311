import { z } from 'zod';
import { processDueOutbounds } from '@keel/app/services/outbox-send';
import { projectWriteProcedure } from '../../trpc.ts';
import { sendOutcome, tags } from './schemas.ts';

export const processProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/outbound/process',
      summary: 'Send every approved message that is due now',
      tags,
    },
  })
  .input(z.object({ limit: z.number().int().min(1).max(500).default(50) }))
  .output(
    z.object({
      due: z.number(),
      sent: z.number(),
      held: z.number(),
      blocked: z.number(),
      failed: z.number(),
      retrying: z.number(),
      outcomes: z.array(sendOutcome),
    }),
  )
  .mutation(({ ctx, input }) => processDueOutbounds(ctx.deps, ctx.project, input));

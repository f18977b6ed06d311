import { z } from 'zod';
import { sendOutbound } from '@keel/app/services/outbox-send';
import { projectWriteProcedure } from '../../trpc.ts';
import { id, sendOutcome, tags } from './schemas.ts';

export const sendProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/outbound/:id/send',
      summary: 'Send an approved message now (opt-out, frequency cap, quiet hours and sentiment still apply)',
      tags,
    },
  })
  .input(z.object({ id }))
  .output(sendOutcome)
  .mutation(({ ctx, input }) => sendOutbound(ctx, ctx.project, input.id));

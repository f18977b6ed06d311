import { z } from 'zod';
import { approveOutbound } from '@keel/app/services/outbox';
import { projectWriteProcedure } from '../../trpc.ts';
import { id, isoDates, outboundMessage, tags } from './schemas.ts';

export const approveProcedure = projectWriteProcedure
  .meta({
    rest: { method: 'POST', path: '/outbound/:id/approve', summary: 'Approve a draft for sending', tags },
  })
  .input(z.object({ id }))
  .output(outboundMessage)
  .mutation(async ({ ctx, input }) => isoDates(await approveOutbound(ctx, ctx.project, input.id)));

import { z } from 'zod';
import { approveOfferSend } from '@keel/app/services/offers';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { offer, offerId, tags } from './schemas.ts';

export const approveSendProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/offers/:id/approve-send',
      summary: 'Approve sending an offer (someone other than its creator); it goes out through the outbox',
      tags,
    },
  })
  .input(z.object({ id: offerId }))
  .output(offer)
  .mutation(async ({ ctx, input }) => isoDates(await approveOfferSend(ctx, ctx.project, input.id)));

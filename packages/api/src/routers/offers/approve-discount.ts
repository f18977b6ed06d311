import { z } from 'zod';
import { approveOfferDiscount } from '@keel/app/services/offers';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { offer, offerId, tags } from './schemas.ts';

export const approveDiscountProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/offers/:id/approve-discount',
      summary: 'Approve an offer’s discount (owners)',
      tags,
    },
  })
  .input(z.object({ id: offerId }))
  .output(offer)
  .mutation(async ({ ctx, input }) =>
    isoDates(await approveOfferDiscount(ctx, ctx.project, input.id, ctx.projectRole)),
  );

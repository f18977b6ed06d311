import { z } from 'zod';
import { createOffer } from '@keel/app/services/offers';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { offer, tags } from './schemas.ts';

export const createProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/offers',
      summary: 'Create an offer; its message is drafted in the outbox (a discount above 10% needs an owner)',
      tags,
    },
  })
  .input(
    z.object({
      title: z.string().min(1).max(300),
      description: z.string().max(5000).nullish(),
      amountMinor: z.number().int().min(0),
      currency: z.string().length(3),
      discountPct: z.number().min(0).max(100).default(0),
      contactRef: z.string().min(1).max(200),
      conversationId: z.string().min(1).max(200),
      message: z.string().min(1).max(10_000).optional(),
      expiresAt: z.coerce.date().nullish(),
    }),
  )
  .output(offer)
  .mutation(async ({ ctx, input }) => isoDates(await createOffer(ctx, ctx.project, input)));

import { z } from 'zod';
import { listOffers } from '@keel/app/services/offers';
import { projectProcedure } from '../../trpc.ts';
import { isoDates, limit } from '../outbound/schemas.ts';
import { offer, tags } from './schemas.ts';

export const listProcedure = projectProcedure
  .meta({
    rest: { method: 'GET', path: '/offers', summary: 'Offers of the project with their approvals', tags },
  })
  .input(z.object({ limit }))
  .output(z.object({ items: z.array(offer) }))
  .query(async ({ ctx, input }) => ({ items: isoDates(await listOffers(ctx.deps, ctx.project, input)) }));

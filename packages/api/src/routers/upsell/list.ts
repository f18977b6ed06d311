import { z } from 'zod';
import { listUpsell } from '@keel/app/services/upsell';
import { projectProcedure } from '../../trpc.ts';
import { limit } from '../kag/schemas.ts';
import { tags, upsellOpportunity, upsellStatus } from './schemas.ts';

export const upsellListProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/upsell/radar',
      summary:
        'Upsell opportunities of the active project, highest score first, with their evidence messages and next step',
      tags,
    },
  })
  .input(
    z.object({
      /** Only opportunities in this status; all by default. */
      status: upsellStatus.optional(),
      limit,
      cursor: z.string().max(500).optional(),
    }),
  )
  .output(z.object({ items: z.array(upsellOpportunity), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) =>
    listUpsell(ctx.deps, ctx.project, {
      status: input.status ? [input.status] : undefined,
      limit: input.limit,
      cursor: input.cursor,
    }),
  );

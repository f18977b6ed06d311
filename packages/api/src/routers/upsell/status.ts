import { z } from 'zod';
import { updateUpsellStatus } from '@keel/app/services/upsell';
import { projectWriteProcedure } from '../../trpc.ts';
import { tags, upsellId, upsellOpportunity, upsellStatus } from './schemas.ts';

export const upsellStatusProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/upsell/:id/status',
      summary:
        'Move an upsell opportunity: proposed → qualified → converted, or dismissed (409 names the allowed moves)',
      tags,
    },
  })
  .input(z.object({ id: upsellId, status: upsellStatus, note: z.string().max(2000).optional() }))
  .output(upsellOpportunity)
  .mutation(({ ctx, input }) =>
    updateUpsellStatus(ctx, ctx.project, input.id, { status: input.status, note: input.note }),
  );

import { z } from 'zod';
import { moveCrmOpportunityStage } from '@keel/app/services/crm';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { opportunity, tags } from './schemas.ts';

export const moveStageProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/crm/opportunities/:id/stage',
      summary: 'Move a deal to another stage (in Attio first when it is an Attio deal); won/lost close it',
      tags,
    },
  })
  .input(
    z.object({
      id: z.uuid({ message: 'id must be a deal id (uuid)' }),
      stage: z.string().trim().min(1, 'stage is required').max(100),
    }),
  )
  .output(opportunity)
  .mutation(async ({ ctx, input }) =>
    isoDates(await moveCrmOpportunityStage(ctx, ctx.project, input.id, input.stage)),
  );

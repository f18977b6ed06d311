import { z } from 'zod';
import { retryRecommendationActionRun } from '@keel/app/services/recommendation-actions';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { actionRun, tags } from './schemas.ts';

export const retryProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/actions/:actionId/retry',
      summary: 'Retry a failed action run under its idempotency key',
      tags,
    },
  })
  .input(z.object({ actionId: z.uuid({ message: 'actionId must be an action run id (uuid)' }) }))
  .output(actionRun)
  .mutation(async ({ ctx, input }) =>
    isoDates(await retryRecommendationActionRun(ctx, ctx.project, input.actionId)),
  );

import { z } from 'zod';
import { listRecommendationActionRuns } from '@keel/app/services/recommendation-actions';
import { projectProcedure } from '../../trpc.ts';
import { isoDates, limit } from '../outbound/schemas.ts';
import { actionRun, tags } from './schemas.ts';

export const listProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/v2/recommendations/:id/actions',
      summary: 'Action runs of a recommendation, newest first',
      tags,
    },
  })
  .input(z.object({ id: z.uuid({ message: 'id must be a recommendation id (uuid)' }), limit }))
  .output(z.object({ items: z.array(actionRun) }))
  .query(async ({ ctx, input }) => ({
    items: isoDates(
      await listRecommendationActionRuns(ctx, ctx.project, {
        recommendationId: input.id,
        limit: input.limit,
      }),
    ),
  }));

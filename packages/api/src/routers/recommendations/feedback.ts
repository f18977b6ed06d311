import { updateRecommendationV2Feedback } from '@keel/app/services/recommendations-v2-status';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { idParam, recommendationV2Out, tags } from './schemas.ts';

export const feedbackProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/:id/feedback',
      summary: 'Helpful or not, with an optional comment; feeds the learned type weights',
      tags,
    },
  })
  .input(z.object({ id: idParam, helpful: z.boolean(), comment: z.string().max(1000).optional() }))
  .output(recommendationV2Out)
  .mutation(({ ctx, input }) => updateRecommendationV2Feedback(ctx, input.id, input));

import { markRecommendationsV2Shown } from '@keel/app/services/recommendations-v2-status';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { idParam, tags } from './schemas.ts';

export const shownProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/shown',
      summary: 'Mark recommendations as seen (new → shown); idempotent',
      tags,
    },
  })
  .input(z.object({ ids: z.array(idParam).min(1).max(200) }))
  .output(z.object({ marked: z.array(z.string()), unchanged: z.number() }))
  .mutation(({ ctx, input }) => markRecommendationsV2Shown(ctx, input.ids));

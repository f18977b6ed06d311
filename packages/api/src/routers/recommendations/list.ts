import { listRecommendationsV2 } from '@keel/app/services/recommendations-v2';
import { RECOMMENDATION_STATUSES } from '@keel/db/schema/kag-v2';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { recommendationV2Out, tags } from './schemas.ts';

export const listProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/v2/recommendations',
      summary:
        'Ranked recommendations across your projects (or one): status open (default) or one status; suppressed ones for owners only',
      tags,
    },
  })
  .input(
    z.object({
      projectId: z.guid().optional(),
      type: z.string().max(60).optional(),
      status: z.enum(['open', ...RECOMMENDATION_STATUSES]).default('open'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(z.object({ items: z.array(recommendationV2Out), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) => listRecommendationsV2(ctx.deps, ctx.auth, input));

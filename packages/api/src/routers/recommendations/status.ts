import { updateRecommendationV2Status } from '@keel/app/services/recommendations-v2-status';
import { USER_TARGET_STATUSES } from '@keel/app/services/recommendations-v2-status';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { idParam, recommendationV2Out, tags } from './schemas.ts';

export const statusProcedure = authedProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/:id/status',
      summary:
        'Accept, dismiss (with a reason), snooze (until) or mark done; an impossible move is a 409 naming the allowed ones',
      tags,
    },
  })
  .input(
    z.object({
      id: idParam,
      status: z.enum(USER_TARGET_STATUSES),
      reason: z.string().max(500).optional(),
      snoozedUntil: z.iso.datetime({ offset: true }).optional(),
    }),
  )
  .output(recommendationV2Out)
  .mutation(({ ctx, input }) => updateRecommendationV2Status(ctx, input.id, input));

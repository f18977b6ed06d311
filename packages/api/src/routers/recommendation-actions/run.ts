import { z } from 'zod';
import { runRecommendationAction } from '@keel/app/services/recommendation-actions';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { actionRun, actionType, tags } from './schemas.ts';

export const runProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/:id/actions',
      summary: 'Run a recommendation’s action once (the same idempotency key never acts twice)',
      tags,
    },
  })
  .input(
    z.object({
      id: z.uuid({ message: 'id must be a recommendation id (uuid)' }),
      actionType: actionType.optional(),
      draft: z.record(z.string(), z.unknown()).optional(),
      idempotencyKey: z.string().min(1).max(120).optional(),
    }),
  )
  .output(actionRun)
  .mutation(async ({ ctx, input }) =>
    isoDates(await runRecommendationAction(ctx, ctx.project, input.id, input)),
  );

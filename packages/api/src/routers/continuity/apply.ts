import { applyContinuityActions } from '@keel/app/services/continuity';
import { projectWriteProcedure } from '../../trpc.ts';
import { continuityPlan, continuityRequest, tags } from './schemas.ts';

export const continuityApplyProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/continuity/apply',
      summary:
        'Apply the continuity actions of a trigger, each exactly once however often (or concurrently) this is called; failed ones are retried',
      tags,
    },
  })
  .input(continuityRequest)
  .output(continuityPlan)
  .mutation(({ ctx, input }) => applyContinuityActions(ctx, ctx.project, input));

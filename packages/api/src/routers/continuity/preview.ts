import { buildContinuityPreview } from '@keel/app/services/continuity';
import { projectWriteProcedure } from '../../trpc.ts';
import { continuityPlan, continuityRequest, tags } from './schemas.ts';

export const continuityPreviewProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/continuity/preview',
      summary:
        'Preview the continuity actions for a project that ended or changed manager: an Attio task, a Chatwoot check-in draft, a Linear handover issue',
      tags,
    },
  })
  .input(continuityRequest)
  .output(continuityPlan)
  .mutation(({ ctx, input }) => buildContinuityPreview(ctx, ctx.project, input));

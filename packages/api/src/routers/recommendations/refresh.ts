import { refreshRecommendationsV2 } from '@keel/app/services/recommendations-v2';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const refreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/recommendations/refresh',
      summary: "Regenerate the active project's recommendations v2 from its current signals",
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(
    z.object({
      configVersion: z.string(),
      asOf: z.string(),
      candidates: z.number(),
      published: z.number(),
      suppressed: z.number(),
      created: z.number(),
      closed: z.number(),
      held: z.number(),
    }),
  )
  .mutation(({ ctx }) =>
    refreshRecommendationsV2(ctx.deps, ctx.project, {
      kind: 'caller',
      auth: ctx.auth,
      requestId: ctx.requestId,
      ip: ctx.ip,
    }),
  );

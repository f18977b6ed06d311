import { z } from 'zod';
import { listProjectRecommendations } from '@keel/app/services/kag';
import { projectProcedure } from '../../trpc.ts';
import { evidence, iso, limit, tags } from './schemas.ts';

export const recommendationsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/recommendations',
      summary: 'Recommendations v1 of the project, by priority',
      tags,
    },
  })
  .input(z.object({ status: z.enum(['open', 'done', 'dismissed']).optional(), limit }))
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          ruleKey: z.string(),
          subjectKey: z.string(),
          title: z.string(),
          body: z.string(),
          priority: z.number(),
          status: z.enum(['open', 'done', 'dismissed']),
          signalKeys: z.array(z.string()),
          evidence,
          configVersion: z.string(),
          asOf: iso,
          createdAt: iso,
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listProjectRecommendations(ctx.deps, ctx.project, input));

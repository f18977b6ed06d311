import { z } from 'zod';
import { listProjectScores } from '@keel/app/services/kag';
import { projectProcedure } from '../../trpc.ts';
import { iso, tags } from './schemas.ts';

export const scoresProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/scores',
      summary: 'Health and risk of the project, with why and the 7-day trend',
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(
    z.object({
      items: z.array(
        z.object({
          scoreType: z.enum(['health', 'risk']),
          value: z.number(),
          components: z.array(
            z.object({
              category: z.string(),
              weight: z.number(),
              value: z.number(),
              contribution: z.number(),
            }),
          ),
          topContributors: z.array(
            z.object({
              signalKey: z.string(),
              subjectKey: z.string(),
              severity: z.number(),
              share: z.number(),
            }),
          ),
          /** Points per day over the last 7 days; null while there is too little history. */
          trend7d: z.number().nullable(),
          configVersion: z.string(),
          asOf: iso,
        }),
      ),
    }),
  )
  .query(({ ctx }) => listProjectScores(ctx.deps, ctx.project));

import { z } from 'zod';
import { listProjectScoreHistory } from '@keel/app/services/kag-history';
import { projectProcedure } from '../../trpc.ts';
import { iso, tags } from './schemas.ts';

export const scoreHistoryProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/scores/history',
      summary: 'Daily health and risk of the project over the last days (the last refresh of each UTC day)',
      tags,
    },
  })
  .input(z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }).default({ days: 90 }))
  .output(
    z.object({
      days: z.number(),
      from: iso,
      to: iso,
      items: z.array(
        z.object({
          /** UTC day, YYYY-MM-DD; days without a refresh are absent. */
          day: z.string(),
          health: z.number().nullable(),
          risk: z.number().nullable(),
          asOf: iso,
          configVersion: z.string(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listProjectScoreHistory(ctx.deps, ctx.project, input));

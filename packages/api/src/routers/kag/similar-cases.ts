import { z } from 'zod';
import { listSimilarCases } from '@keel/app/services/forecasts';
import { projectProcedure } from '../../trpc.ts';
import { forecastTags, similarCasesResult } from './forecast-schemas.ts';

export const similarCasesProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/similar-cases',
      summary:
        'The k past snapshots of other projects nearest this project (its latest snapshot, or a given one), with what happened next',
      tags: forecastTags,
    },
  })
  .input(
    z.object({
      snapshotId: z.uuid().optional(),
      k: z.coerce.number().int().min(1).max(50).default(10),
      /** `exact` forces the exact scan (to compare with pgvector); by default pgvector where installed. */
      mode: z.enum(['exact']).optional(),
    }),
  )
  .output(similarCasesResult)
  .query(({ ctx, input }) => listSimilarCases(ctx.deps, ctx.project, ctx.auth, input));

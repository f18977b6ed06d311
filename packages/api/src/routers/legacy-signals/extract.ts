import { extractSignalsAndNba } from '@keel/app/services/legacy-signals';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const extractProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/signals/extract',
      summary:
        'Re-project the legacy signals and next best actions from the current kag signals (idempotent), then index their evidence',
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(
    z.object({
      signals: z.number(),
      created: z.number(),
      resolved: z.number(),
      actions: z.number(),
      fromRecommendations: z.number(),
      evidence: z.object({
        items: z.number(),
        inserted: z.number(),
        citations: z.number(),
        added: z.number(),
        removed: z.number(),
      }),
    }),
  )
  .mutation(({ ctx }) => extractSignalsAndNba(ctx, ctx.project));

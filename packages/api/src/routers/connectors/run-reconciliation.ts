import { z } from 'zod';
import { reconcileConnectors } from '@keel/app/services/connectors';
import { projectWriteProcedure } from '../../trpc.ts';
import { reconciliationOut, tags } from './schemas.ts';

export const runReconciliationProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/connectors/reconciliation/run',
      summary: 'Compare Keel with the sources',
      tags,
    },
  })
  .input(
    z
      .object({ messages: z.union([z.literal('all'), z.number().int().min(0).max(10_000)]).optional() })
      .optional(),
  )
  .output(z.object({ report: reconciliationOut }))
  .mutation(({ ctx, input }) => reconcileConnectors(ctx, ctx.project, { messages: input?.messages ?? 10 }));

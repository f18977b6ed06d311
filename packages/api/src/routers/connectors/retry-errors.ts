import { z } from 'zod';
import { retryConnectorErrors } from '@keel/app/services/connectors';
import { projectWriteProcedure } from '../../trpc.ts';
import { runResultOut, syncName, tags } from './schemas.ts';

export const retryErrorsProcedure = projectWriteProcedure
  .meta({
    rest: { method: 'POST', path: '/connectors/errors/retry', summary: 'Retry due connector errors', tags },
  })
  .input(z.object({ limit: z.number().int().min(1).max(500).optional() }).optional())
  .output(
    z.object({
      retried: z.array(z.object({ connector: syncName, units: z.array(z.string()), result: runResultOut })),
    }),
  )
  .mutation(({ ctx, input }) => retryConnectorErrors(ctx, ctx.project, input?.limit ?? 200));

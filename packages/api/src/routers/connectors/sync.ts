import { z } from 'zod';
import { syncOneConnector } from '@keel/app/services/connectors';
import { projectWriteProcedure } from '../../trpc.ts';
import { runResultOut, syncName, tags } from './schemas.ts';

export const syncProcedure = projectWriteProcedure
  .meta({ rest: { method: 'POST', path: '/connectors/:name/sync', summary: 'Sync one connector', tags } })
  .input(z.object({ name: syncName, mode: z.enum(['incremental', 'full']).optional() }))
  .output(runResultOut)
  .mutation(({ ctx, input }) => syncOneConnector(ctx, ctx.project, input.name, input.mode ?? 'incremental'));

import { z } from 'zod';
import { syncAllConnectors } from '@keel/app/services/connectors';
import { projectWriteProcedure } from '../../trpc.ts';
import { runResultOut, syncMode, tags } from './schemas.ts';

export const syncAllProcedure = projectWriteProcedure
  .meta({ rest: { method: 'POST', path: '/connectors/sync', summary: 'Sync all connectors', tags } })
  .input(z.object({ mode: syncMode.optional() }).optional())
  .output(z.object({ results: z.array(runResultOut) }))
  .mutation(({ ctx, input }) => syncAllConnectors(ctx, ctx.project, input?.mode ?? 'incremental'));

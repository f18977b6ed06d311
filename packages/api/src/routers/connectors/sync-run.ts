import { z } from 'zod';
import { getConnectorSyncRun } from '@keel/app/services/connector-sync-runs';
import { projectProcedure } from '../../trpc.ts';
import { syncRunOut, tags } from './schemas.ts';

export const syncRunProcedure = projectProcedure
  .meta({ rest: { method: 'GET', path: '/connectors/sync/:runId', summary: 'A sync run by id', tags } })
  .input(z.object({ runId: z.uuid() }))
  .output(syncRunOut)
  .query(({ ctx, input }) => getConnectorSyncRun(ctx.deps, ctx.project, input.runId));

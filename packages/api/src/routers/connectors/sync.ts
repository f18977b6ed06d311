import { z } from 'zod';
import { startConnectorSyncRun } from '@keel/app/services/connector-sync-runs';
import { projectWriteProcedure } from '../../trpc.ts';
import { syncName, syncRunOut, tags } from './schemas.ts';

/** Starts (or joins) a background sync of one connector; answers 202 with the run at once. */
export const syncProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/connectors/:name/sync',
      summary: 'Start a sync of one connector (answers with the run id; progress over SSE)',
      tags,
      successStatus: 202,
    },
  })
  .input(z.object({ name: syncName, mode: z.enum(['incremental', 'full']).optional() }))
  .output(syncRunOut)
  .mutation(({ ctx, input }) =>
    startConnectorSyncRun(ctx, ctx.project, input.name, input.mode ?? 'incremental'),
  );

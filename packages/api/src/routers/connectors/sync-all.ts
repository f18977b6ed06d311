import { z } from 'zod';
import { startConnectorSyncRun } from '@keel/app/services/connector-sync-runs';
import { projectWriteProcedure } from '../../trpc.ts';
import { syncMode, syncRunOut, tags } from './schemas.ts';

/** Starts (or joins) a background sync of every connector; answers 202 with the run at once. */
export const syncAllProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/connectors/sync',
      summary: 'Start a sync of all connectors (answers with the run id; progress over SSE)',
      tags,
      successStatus: 202,
    },
  })
  .input(z.object({ mode: syncMode.optional() }).optional())
  .output(syncRunOut)
  .mutation(({ ctx, input }) => startConnectorSyncRun(ctx, ctx.project, 'all', input?.mode ?? 'incremental'));

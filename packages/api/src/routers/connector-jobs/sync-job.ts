import { runConnectorSyncJob } from '@keel/app/services/connectors';
import { projectWriteProcedure } from '../../trpc.ts';
import { runResultOut } from '../connectors/schemas.ts';

/** The seed's manual job triggers: POST /jobs/{chatwoot,linear,attio}/sync, one procedure each. */
export function syncJobProcedure(connector: 'chatwoot' | 'linear' | 'attio') {
  return projectWriteProcedure
    .meta({
      rest: {
        method: 'POST',
        path: `/jobs/${connector}/sync`,
        summary: `Manual ${connector} sync`,
        tags: ['Jobs'],
      },
    })
    .output(runResultOut)
    .mutation(({ ctx }) => runConnectorSyncJob(ctx, ctx.project, connector));
}

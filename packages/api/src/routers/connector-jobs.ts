import type { SyncConnector } from '@keel/connectors/types';
import { auditAs } from '@keel/app/audit';
import { projectWriteProcedure, router } from '../trpc.ts';
import { syncConnectorNow } from '@keel/app/services/connector-sync';
import { runResultOut } from './connectors.ts';

/** The seed's manual job triggers: POST /jobs/{chatwoot,linear,attio}/sync. */
function jobFor(connector: SyncConnector) {
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
    .mutation(async ({ ctx }) => {
      const result = await syncConnectorNow(ctx, ctx.project, connector);
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: `jobs.${connector}.sync`,
        entityType: 'connector',
        entityId: connector,
        payload: { status: result.status },
      });
      return result;
    });
}

export const connectorJobsRouter = router({
  chatwootSync: jobFor('chatwoot'),
  linearSync: jobFor('linear'),
  attioSync: jobFor('attio'),
});

import { updateSignalStatus } from '@keel/app/services/legacy-signals';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { legacySignal, statusInput, tags } from './schemas.ts';

export const statusProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/signals/:id/status',
      summary:
        'Move a legacy signal: proposed → accepted | dismissed, accepted → done (409 names the allowed moves)',
      tags,
    },
  })
  .input(statusInput)
  .output(legacySignal)
  .mutation(async ({ ctx, input }) =>
    isoDates(await updateSignalStatus(ctx, ctx.project, input.id, input.status)),
  );

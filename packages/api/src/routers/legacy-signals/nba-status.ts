import { updateNbaStatus } from '@keel/app/services/legacy-signals';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { nextBestAction, statusInput, tags } from './schemas.ts';

export const nbaStatusProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/nba/:id/status',
      summary:
        'Move a next best action: proposed → accepted | dismissed, accepted → done (409 names the allowed moves)',
      tags,
    },
  })
  .input(statusInput)
  .output(nextBestAction)
  .mutation(async ({ ctx, input }) =>
    isoDates(await updateNbaStatus(ctx, ctx.project, input.id, input.status)),
  );

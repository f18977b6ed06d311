import { z } from 'zod';
import { refreshProjectSnapshots } from '@keel/app/services/snapshots';
import { projectWriteProcedure } from '../../trpc.ts';
import { snapshotBuild, tags } from './schemas.ts';

export const snapshotsRefreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/snapshots/refresh',
      summary:
        "Build today's snapshot of the active project, backfill missing past days from history and label closed outcome windows",
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(snapshotBuild)
  .mutation(({ ctx }) => refreshProjectSnapshots(ctx, ctx.project));

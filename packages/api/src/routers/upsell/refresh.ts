import { z } from 'zod';
import { refreshUpsell } from '@keel/app/services/upsell';
import { projectWriteProcedure } from '../../trpc.ts';
import { tags, upsellRefreshResult } from './schemas.ts';

export const upsellRefreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/upsell/radar/refresh',
      summary:
        "Rebuild the active project's upsell radar: expansion cues in client messages on a healthy project with a won deal",
      tags,
    },
  })
  .input(z.object({}).default({}))
  .output(upsellRefreshResult)
  .mutation(({ ctx }) => refreshUpsell(ctx, ctx.project));

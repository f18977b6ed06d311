import { z } from 'zod';
import { refreshProjectAnalytics } from '@keel/app/services/analytics';
import { projectWriteProcedure } from '../../trpc.ts';
import { analyticsRefreshResult, analyticsTags } from './schemas.ts';

export const analyticsRefreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/analytics/refresh',
      summary:
        "Recompute the active project's analytics snapshots (revenue per currency, delivery, comms) for today and the missing past days",
      tags: analyticsTags,
    },
  })
  .input(z.object({ rebuild: z.boolean().optional() }).default({}))
  .output(analyticsRefreshResult)
  .mutation(({ ctx, input }) =>
    refreshProjectAnalytics(ctx, ctx.project, input.rebuild ? { rebuild: true } : {}),
  );

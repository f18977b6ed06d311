import { z } from 'zod';
import { getAnalyticsOverview } from '@keel/app/services/analytics';
import { projectProcedure } from '../../trpc.ts';
import { analyticsOverview, analyticsTags } from './schemas.ts';

export const analyticsOverviewProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/analytics/overview',
      summary:
        "The active project's newest analytics: revenue per currency (with revenue at risk and its per-deal rows), delivery, comms with the response-time definition, and daily series",
      tags: analyticsTags,
    },
  })
  .input(
    z
      .object({
        periodDays: z.coerce
          .number()
          .int()
          .refine((v) => v === 7 || v === 30, 'periodDays must be 7 or 30')
          .default(30),
        days: z.coerce.number().int().min(1).max(180).default(30),
      })
      .default({ periodDays: 30, days: 30 }),
  )
  .output(analyticsOverview)
  .query(({ ctx, input }) => getAnalyticsOverview(ctx.deps, ctx.project, input));

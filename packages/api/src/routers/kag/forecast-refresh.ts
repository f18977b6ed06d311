import { z } from 'zod';
import { refreshProjectForecasts } from '@keel/app/services/forecasts';
import { projectWriteProcedure } from '../../trpc.ts';
import { iso } from './schemas.ts';
import { forecastTags, riskForecast } from './forecast-schemas.ts';

export const forecastRefreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/kag/v2/forecast/refresh',
      summary: "Recompute the active project's 7/14/30-day risk forecasts from its stored snapshots now",
      tags: forecastTags,
    },
  })
  .input(z.object({}).default({}))
  .output(
    z.object({ asOf: iso, modelVersion: z.string(), historyDays: z.number(), items: z.array(riskForecast) }),
  )
  .mutation(({ ctx }) => refreshProjectForecasts(ctx, ctx.project));

import { z } from 'zod';
import { listRiskForecasts } from '@keel/app/services/forecasts';
import { projectProcedure } from '../../trpc.ts';
import { forecastTags, riskForecast } from './forecast-schemas.ts';

export const forecastProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/v2/forecast',
      summary:
        "The project's newest 7/14/30-day risk forecasts with their drivers, similar cases and data sufficiency",
      tags: forecastTags,
    },
  })
  .input(z.object({}).default({}))
  .output(z.object({ atRiskThreshold14d: z.number(), items: z.array(riskForecast) }))
  .query(({ ctx }) => listRiskForecasts(ctx.deps, ctx.project));

import { z } from 'zod';
import { getRiskOverview } from '@keel/app/services/risk';
import { projectProcedure } from '../../trpc.ts';
import { riskOverview, riskTags } from './schemas.ts';

export const riskOverviewProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/risk/overview',
      summary:
        "The active project's health, 30-day risk forecast, revenue at risk per currency and its open (and recently closed) risk radar items",
      tags: riskTags,
    },
  })
  .input(z.object({}).default({}))
  .output(riskOverview)
  .query(({ ctx }) => getRiskOverview(ctx.deps, ctx.project));

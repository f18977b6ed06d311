import { z } from 'zod';
import { refreshProjectRisk } from '@keel/app/services/risk';
import { projectWriteProcedure } from '../../trpc.ts';
import { riskRefreshResult, riskTags } from './schemas.ts';

export const riskRefreshProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/risk/refresh',
      summary:
        "Rebuild the active project's risk radar from its current signals, health and forecast (items whose signals cleared are closed)",
      tags: riskTags,
    },
  })
  .input(z.object({}).default({}))
  .output(riskRefreshResult)
  .mutation(({ ctx }) => refreshProjectRisk(ctx, ctx.project));

import { z } from 'zod';
import { getCrmOverview } from '@keel/app/services/crm';
import { projectProcedure } from '../../trpc.ts';
import { overview, tags } from './schemas.ts';

export const overviewProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/crm/overview',
      summary:
        'CRM summary: pipeline by stage and currency, won/lost, stalled deals, renewals due in 30/60 days',
      tags,
    },
  })
  .input(z.object({}))
  .output(overview)
  .query(async ({ ctx }) => getCrmOverview(ctx.deps, ctx.project));

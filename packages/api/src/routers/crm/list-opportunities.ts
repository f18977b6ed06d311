import { z } from 'zod';
import { listCrmOpportunities } from '@keel/app/services/crm';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { cursor, limit, opportunity, pageOut, tags } from './schemas.ts';

export const listOpportunitiesProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/crm/opportunities',
      summary: 'Deals of the project (Attio deals and deals created in Keel), newest first; filter by stage',
      tags,
    },
  })
  .input(z.object({ limit, cursor, stage: z.string().max(100).optional() }))
  .output(pageOut(opportunity))
  .query(async ({ ctx, input }) => isoDates(await listCrmOpportunities(ctx.deps, ctx.project, input)));

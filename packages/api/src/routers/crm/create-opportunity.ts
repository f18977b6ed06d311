import { z } from 'zod';
import { createCrmOpportunity } from '@keel/app/services/crm';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { currency, idempotencyKey, opportunity, tags } from './schemas.ts';

export const createOpportunityProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/crm/opportunities',
      summary: 'Create a deal: an Attio deal when Attio is connected (idempotent), else a Keel deal',
      tags,
    },
  })
  .input(
    z.object({
      title: z.string().trim().min(1, 'title is required').max(300),
      stage: z.string().trim().min(1).max(100).optional(),
      amountMinor: z.coerce.number().int().min(0).max(1e13),
      currency,
      crmAccountId: z.uuid({ message: 'crmAccountId must be an account id (uuid)' }).nullish(),
      expectedCloseDate: z.iso.date({ message: 'expectedCloseDate must be a date (YYYY-MM-DD)' }).nullish(),
      idempotencyKey,
    }),
  )
  .output(opportunity)
  .mutation(async ({ ctx, input }) => isoDates(await createCrmOpportunity(ctx, ctx.project, input)));

import { z } from 'zod';
import { createCrmAccount } from '@keel/app/services/crm';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { account, idempotencyKey, tags } from './schemas.ts';

export const createAccountProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/crm/accounts',
      summary:
        'Create a CRM account: an Attio company when Attio is connected (idempotent), else a Keel account',
      tags,
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1, 'name is required').max(200),
      domain: z
        .string()
        .trim()
        .max(253)
        .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'domain must be a bare domain such as acme.com')
        .nullish(),
      idempotencyKey,
    }),
  )
  .output(account)
  .mutation(async ({ ctx, input }) => isoDates(await createCrmAccount(ctx, ctx.project, input)));

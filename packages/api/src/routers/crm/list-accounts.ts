import { z } from 'zod';
import { listCrmAccounts } from '@keel/app/services/crm';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { account, cursor, limit, pageOut, tags } from './schemas.ts';

export const listAccountsProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/crm/accounts',
      summary: 'CRM accounts of the project (Attio companies and accounts created in Keel), newest first',
      tags,
    },
  })
  .input(z.object({ limit, cursor }))
  .output(pageOut(account))
  .query(async ({ ctx, input }) => isoDates(await listCrmAccounts(ctx.deps, ctx.project, input)));

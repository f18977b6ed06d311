import { listIdentityLinks } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { limit, link, tags } from './schemas.ts';

export const linksProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/identity/links',
      summary: 'Applied identity links of the project, newest first',
      tags,
    },
  })
  .input(z.object({ limit }))
  .output(z.object({ items: z.array(link) }))
  .query(async ({ ctx, input }) => isoDates(await listIdentityLinks(ctx.deps, ctx.project, input)));

import { z } from 'zod';
import { listContactsPage } from '@keel/app/services/chatwoot-data';
import { projectProcedure } from '../../trpc.ts';
import { at, cursor, limit, pageOut, tags } from './schemas.ts';

const contactOut = z.object({
  id: z.number(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  companyName: z.string().nullable(),
  lastActivityAt: at.nullable(),
  createdAt: at.nullable(),
});

export const contactsProcedure = projectProcedure
  .meta({ rest: { method: 'GET', path: '/contacts', summary: 'Chatwoot contacts of the project', tags } })
  .input(z.object({ q: z.string().trim().min(1).max(200).optional(), limit, cursor }))
  .output(pageOut(contactOut))
  .query(({ ctx, input }) => listContactsPage(ctx.deps, ctx.project, input));

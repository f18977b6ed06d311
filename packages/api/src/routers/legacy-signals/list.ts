import { listSignals } from '@keel/app/services/legacy-signals';
import { z } from 'zod';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { cursor, legacySignal, limit, status, tags } from './schemas.ts';

export const listProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/signals',
      summary: 'Legacy signals of the project, newest first: state open (firing, default), resolved or all',
      tags,
    },
  })
  .input(
    z.object({
      state: z.enum(['open', 'resolved', 'all']).default('open'),
      status: status.optional(),
      limit,
      cursor,
    }),
  )
  .output(z.object({ items: z.array(legacySignal), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => isoDates(await listSignals(ctx.deps, ctx.project, input)));

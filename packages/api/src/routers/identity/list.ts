import { listIdentitySuggestions } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { limit, suggestion, tags } from './schemas.ts';

export const listProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/identity/suggestions',
      summary:
        'Identity suggestions of the project, strongest first (status proposed by default: the review queue)',
      tags,
    },
  })
  .input(
    z.object({
      status: z.enum(['proposed', 'applied', 'dismissed']).default('proposed'),
      limit,
      cursor: z.string().max(300).optional(),
    }),
  )
  .output(z.object({ items: z.array(suggestion), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => isoDates(await listIdentitySuggestions(ctx.deps, ctx.project, input)));

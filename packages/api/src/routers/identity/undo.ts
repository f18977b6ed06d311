import { undoIdentityLink } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { link, suggestion, tags } from './schemas.ts';

export const undoProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/identity/links/:id/undo',
      summary:
        'Undo a link: it is removed from the graph and its suggestion returns to the queue (or is dismissed with reject: true)',
      tags,
    },
  })
  .input(
    z.object({
      id: z.uuid({ message: 'id must be an identity link id (uuid)' }),
      reject: z.boolean().default(false),
    }),
  )
  .output(z.object({ link, suggestion: suggestion.nullable() }))
  .mutation(async ({ ctx, input }) =>
    isoDates(await undoIdentityLink(ctx, ctx.project, input.id, { reject: input.reject })),
  );

import { dismissIdentitySuggestions } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { suggestion, suggestionIds, tags } from './schemas.ts';

export const dismissProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/identity/suggestions/dismiss',
      summary: 'Reject suggestions: they leave the queue and later previews do not bring them back',
      tags,
    },
  })
  .input(z.object({ ids: suggestionIds }))
  .output(z.object({ dismissed: z.number(), items: z.array(suggestion) }))
  .mutation(async ({ ctx, input }) =>
    isoDates(await dismissIdentitySuggestions(ctx, ctx.project, input.ids)),
  );

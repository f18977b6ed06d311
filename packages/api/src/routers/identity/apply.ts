import { applyIdentitySuggestions } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { isoDates } from '../outbound/schemas.ts';
import { link, suggestionIds, tags } from './schemas.ts';

export const applyProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/identity/suggestions/apply',
      summary:
        'Accept suggestions: one link per pair however often it is called; the graph joins the two records',
      tags,
    },
  })
  .input(z.object({ ids: suggestionIds }))
  .output(z.object({ applied: z.number(), items: z.array(link) }))
  .mutation(async ({ ctx, input }) => isoDates(await applyIdentitySuggestions(ctx, ctx.project, input.ids)));

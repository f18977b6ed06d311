import { previewIdentitySuggestions } from '@keel/app/services/identity';
import { z } from 'zod';
import { projectWriteProcedure } from '../../trpc.ts';
import { tags } from './schemas.ts';

export const previewProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/identity/suggestions/preview',
      summary:
        'Match the project’s Chatwoot contacts, Attio people and companies and Linear users; new pairs wait in the review queue (nothing is linked)',
      tags,
    },
  })
  .input(z.object({}).optional())
  .output(
    z.object({
      candidates: z.number(),
      inserted: z.number(),
      updated: z.number(),
      removed: z.number(),
      proposed: z.number(),
    }),
  )
  .mutation(({ ctx }) =>
    previewIdentitySuggestions(ctx.deps, ctx.project, {
      kind: 'caller',
      auth: ctx.auth,
      requestId: ctx.requestId,
      ip: ctx.ip,
    }),
  );

import { z } from 'zod';
import { embedProjectNow } from '@keel/app/services/embeddings';
import { projectWriteProcedure } from '../../trpc.ts';

export const runProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/jobs/embeddings/run',
      summary: "Embed the active project's new and changed conversation chunks now",
      tags: ['Jobs', 'Search'],
    },
  })
  .input(
    z
      .object({
        /** Re-chunk every conversation of the project first (after a chunking change or an import). */
        rechunk: z.boolean().default(false),
      })
      .default({ rechunk: false }),
  )
  .output(
    z.object({
      mode: z.enum(['hybrid', 'text-only']),
      provider: z.enum(['openai', 'local']),
      model: z.string(),
      dim: z.number(),
      chunksWritten: z.number(),
      embedded: z.number(),
      failed: z.number(),
      remaining: z.number(),
      skipped: z.string().nullable(),
    }),
  )
  .mutation(({ ctx, input }) => embedProjectNow(ctx, ctx.project, input));

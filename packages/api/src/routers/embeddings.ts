import { z } from 'zod';
import { listProjectConversationIds } from '@keel/db/queries/rag-chunks';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { runEmbeddings } from '@keel/rag/embeddings';
import { auditAs } from '@keel/app/audit';
import { projectWriteProcedure, router } from '../trpc.ts';

/** An HTTP caller waits for the answer: one call embeds at most this many chunks, the job does the rest. */
const MAX_CHUNKS_PER_CALL = 5000;

export const embeddingsRouter = router({
  run: projectWriteProcedure
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
    .mutation(async ({ ctx, input }) => {
      const { db, logger, bus, env, clock } = ctx.deps;
      let chunksWritten = 0;
      if (input.rechunk) {
        const ids = await listProjectConversationIds(db, ctx.project);
        chunksWritten = (await refreshConversationChunks(db, ctx.project, ids)).chunksWritten;
      }
      const r = await runEmbeddings(db, ctx.project, {
        logger,
        bus,
        env,
        clock,
        maxChunks: MAX_CHUNKS_PER_CALL,
      });
      await auditAs(ctx, {
        projectId: ctx.project.projectId,
        action: 'embeddings.run',
        payload: {
          rechunk: input.rechunk,
          chunksWritten,
          embedded: r.embedded,
          failed: r.failed,
          model: r.model,
        },
      });
      return { ...r, chunksWritten, skipped: r.skipped ?? null };
    }),
});

import { z } from 'zod';
import { searchProject } from '@keel/app/services/search';
import { projectProcedure } from '../../trpc.ts';

const hitOut = z.object({
  chunkId: z.string(),
  source: z.string(),
  conversationId: z.string(),
  contactId: z.string().nullable(),
  messageIds: z.array(z.string()),
  firstMessageAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  text: z.string(),
  highlight: z.string(),
  score: z.object({
    fused: z.number(),
    textRank: z.number().nullable(),
    textPosition: z.number().nullable(),
    vectorDistance: z.number().nullable(),
    vectorPosition: z.number().nullable(),
  }),
});

const searchOut = z.object({
  query: z.string(),
  mode: z.enum(['hybrid', 'text-only', 'vector-only']),
  vector: z.object({
    available: z.boolean(),
    used: z.boolean(),
    model: z.string(),
    reason: z.string().nullable(),
  }),
  results: z.array(hitOut),
});

const datetime = z.iso.datetime({ offset: true });

export const searchProcedure = projectProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/search',
      summary: "Hybrid (full-text + vector) search over the active project's client conversations",
      tags: ['Search'],
    },
  })
  .input(
    z.object({
      query: z.string().trim().min(1).max(1000),
      limit: z.coerce.number().int().min(1).max(50).default(10),
      mode: z.enum(['auto', 'hybrid', 'text', 'vector']).default('auto'),
      conversationId: z.string().regex(/^\d+$/).optional(),
      contactId: z.string().regex(/^\d+$/).optional(),
      source: z.enum(['chatwoot']).optional(),
      from: datetime.optional(),
      to: datetime.optional(),
    }),
  )
  .output(searchOut)
  .mutation(({ ctx, input }) => searchProject(ctx.deps, ctx.project, input));

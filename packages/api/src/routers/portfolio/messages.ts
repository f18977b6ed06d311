import { z } from 'zod';
import { getPortfolioMessages } from '@keel/app/services/portfolio';
import { authedProcedure } from '../../trpc.ts';

/** The client inbox across the caller's projects (seed: portfolio.js). */
export const messagesProcedure = authedProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/portfolio/messages',
      summary:
        'Newest client messages across your projects (awaitingOnly: conversations still waiting for a reply)',
      tags: ['Portfolio'],
    },
  })
  .input(
    z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      awaitingOnly: z
        .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
        .default(false),
      cursor: z.string().optional(),
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          projectId: z.string(),
          projectName: z.string(),
          conversationId: z.number(),
          messageId: z.number(),
          senderName: z.string().nullable(),
          excerpt: z.string(),
          createdAt: z.string(),
          awaitingReply: z.boolean(),
        }),
      ),
      nextCursor: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) => getPortfolioMessages(ctx.deps.db, ctx.auth, input));

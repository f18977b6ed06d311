import { z } from 'zod';
import { listOutboundWithAttempts } from '@keel/app/services/outbox';
import { projectProcedure } from '../../trpc.ts';
import { attempt, isoDates, limit, outboundMessage, tags } from './schemas.ts';

export const listProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/outbound',
      summary: 'Outbound messages of the project (drafts, queue, history) with every attempt',
      tags,
    },
  })
  .input(
    z.object({
      status: z.enum(['draft', 'approved', 'sending', 'sent', 'failed', 'blocked']).optional(),
      limit,
    }),
  )
  .output(z.object({ items: z.array(outboundMessage.extend({ attemptLog: z.array(attempt) })) }))
  .query(async ({ ctx, input }) => ({
    items: isoDates(
      await listOutboundWithAttempts(ctx.deps, ctx.project, {
        limit: input.limit,
        ...(input.status ? { statuses: [input.status] } : {}),
      }),
    ),
  }));

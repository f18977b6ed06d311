import { z } from 'zod';
import { setOptOut } from '@keel/app/services/outbox';
import { projectWriteProcedure } from '../../trpc.ts';
import { channel, tags } from './schemas.ts';

export const optOutProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/outbound/opt-out',
      summary: 'Opt a contact out of (or back into) a channel or all',
      tags,
    },
  })
  .input(
    z.object({
      contactRef: z.string().min(1).max(200),
      channel: z.union([channel, z.literal('all')]).default('all'),
      optedOut: z.boolean().default(true),
      reason: z.string().max(500).nullish(),
    }),
  )
  .output(z.object({ contactRef: z.string(), channels: z.array(channel), optedOut: z.boolean() }))
  .mutation(({ ctx, input }) => setOptOut(ctx, ctx.project, input));

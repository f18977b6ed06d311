import { z } from 'zod';
import { createOutboundDraft } from '@keel/app/services/outbox';
import { projectWriteProcedure } from '../../trpc.ts';
import { channel, isoDates, outboundMessage, tags } from './schemas.ts';

export const draftProcedure = projectWriteProcedure
  .meta({
    rest: {
      method: 'POST',
      path: '/outbound/draft',
      summary: 'Draft an outbound message (sent only after approval)',
      tags,
    },
  })
  .input(
    z.object({
      channel: channel.default('chatwoot'),
      contactRef: z.string().min(1).max(200),
      recipient: z.string().min(1).max(200),
      subject: z.string().max(500).nullish(),
      body: z.string().min(1).max(10_000),
      idempotencyKey: z.string().min(8).max(200).optional(),
      scheduledFor: z.coerce.date().nullish(),
    }),
  )
  .output(outboundMessage)
  .mutation(async ({ ctx, input }) => isoDates(await createOutboundDraft(ctx, ctx.project, input)));

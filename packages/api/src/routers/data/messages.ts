import { z } from 'zod';
import { listMessagesPage } from '@keel/app/services/chatwoot-data';
import { CW_MESSAGE_TYPES, CW_SENDER_TYPES } from '@keel/db/schema/chatwoot';
import { projectProcedure } from '../../trpc.ts';
import { at, cursor, id, limit, pageOut, tags, time } from './schemas.ts';

const messageOut = z.object({
  id: z.number(),
  conversationId: z.number(),
  contactId: z.number().nullable(),
  messageType: z.enum(CW_MESSAGE_TYPES),
  private: z.boolean(),
  senderType: z.enum(CW_SENDER_TYPES).nullable(),
  senderName: z.string().nullable(),
  content: z.string().nullable(),
  hasAttachments: z.boolean(),
  createdAt: at,
});

export const messagesProcedure = projectProcedure
  .meta({ rest: { method: 'GET', path: '/messages', summary: 'Chatwoot messages of the project', tags } })
  .input(
    z.object({
      conversationId: id.optional(),
      contactId: id.optional(),
      since: time.optional(),
      until: time.optional(),
      q: z.string().trim().min(1).max(200).optional(),
      limit,
      cursor,
    }),
  )
  .output(pageOut(messageOut))
  .query(({ ctx, input }) => listMessagesPage(ctx.deps, ctx.project, input));

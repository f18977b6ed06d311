import { z } from 'zod';
import { listConversationsPage } from '@keel/app/services/chatwoot-data';
import { CW_CONVERSATION_STATUSES, CW_MESSAGE_TYPES, CW_PRIORITIES } from '@keel/db/schema/chatwoot';
import { projectProcedure } from '../../trpc.ts';
import { at, cursor, id, limit, pageOut, tags, time } from './schemas.ts';

const conversationOut = z.object({
  id: z.number(),
  inboxId: z.number().nullable(),
  contactId: z.number().nullable(),
  status: z.enum(CW_CONVERSATION_STATUSES),
  priority: z.enum(CW_PRIORITIES).nullable(),
  labels: z.array(z.string()),
  unreadCount: z.number(),
  waitingSince: at.nullable(),
  lastActivityAt: at.nullable(),
  createdAt: at,
  /** The conversation's contact, null when it has none or it was deleted. */
  contact: z
    .object({
      id: z.number(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      companyName: z.string().nullable(),
    })
    .nullable(),
  /** The latest message that is not an activity line, null when there is none yet. */
  lastMessage: z
    .object({ content: z.string().nullable(), createdAt: at, messageType: z.enum(CW_MESSAGE_TYPES) })
    .nullable(),
  /** Every message of the conversation, activity lines included. */
  messagesCount: z.number().int(),
});

export const conversationsProcedure = projectProcedure
  .meta({
    rest: { method: 'GET', path: '/conversations', summary: 'Chatwoot conversations of the project', tags },
  })
  .input(
    z.object({
      contactId: id.optional(),
      status: z.enum(['open', 'resolved', 'pending', 'snoozed']).optional(),
      since: time.optional(),
      until: time.optional(),
      limit,
      cursor,
    }),
  )
  .output(pageOut(conversationOut))
  .query(({ ctx, input }) => listConversationsPage(ctx.deps, ctx.project, input));

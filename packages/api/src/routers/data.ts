import { z } from 'zod';
import { ApiError } from '@keel/core/errors';
import {
  type Cursor,
  decodeCursor,
  listContacts,
  listConversations,
  listMessages,
} from '@keel/db/queries/raw-data';
import {
  CW_CONVERSATION_STATUSES,
  CW_MESSAGE_TYPES,
  CW_PRIORITIES,
  CW_SENDER_TYPES,
} from '@keel/db/schema/chatwoot';
import { projectProcedure, router } from '../trpc.ts';

/** The seed's raw data endpoints over the Chatwoot mirror, newest first with a cursor. */
const tags = ['Data'];
const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = z.string().max(200).optional();
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const time = z.iso.datetime({ offset: true });

function parseCursor(value: string | undefined): Cursor | null {
  if (value === undefined || value === '') return null;
  const c = decodeCursor(value);
  if (!c)
    throw new ApiError(
      'bad_request',
      'cursor is not one this API issued; pass nextCursor from the previous page',
    );
  return c;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const pageOut = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const at = z.iso.datetime();
const contactOut = z.object({
  id: z.number(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  companyName: z.string().nullable(),
  lastActivityAt: at.nullable(),
  createdAt: at.nullable(),
});
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

export const dataRouter = router({
  contacts: projectProcedure
    .meta({ rest: { method: 'GET', path: '/contacts', summary: 'Chatwoot contacts of the project', tags } })
    .input(z.object({ q: z.string().trim().min(1).max(200).optional(), limit, cursor }))
    .output(pageOut(contactOut))
    .query(async ({ ctx, input }) => {
      const r = await listContacts(ctx.deps.db, ctx.project, {
        ...(input.q ? { q: input.q } : {}),
        limit: input.limit,
        cursor: parseCursor(input.cursor),
      });
      return {
        items: r.items.map(({ sortAt: _s, ...c }) => ({
          ...c,
          lastActivityAt: iso(c.lastActivityAt),
          createdAt: iso(c.createdAt),
        })),
        nextCursor: r.nextCursor,
      };
    }),

  conversations: projectProcedure
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
    .query(async ({ ctx, input }) => {
      const r = await listConversations(ctx.deps.db, ctx.project, {
        ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.since ? { since: new Date(input.since) } : {}),
        ...(input.until ? { until: new Date(input.until) } : {}),
        limit: input.limit,
        cursor: parseCursor(input.cursor),
      });
      return {
        items: r.items.map(({ sortAt: _s, ...c }) => ({
          ...c,
          waitingSince: iso(c.waitingSince),
          lastActivityAt: iso(c.lastActivityAt),
          createdAt: c.createdAt.toISOString(),
        })),
        nextCursor: r.nextCursor,
      };
    }),

  messages: projectProcedure
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
    .query(async ({ ctx, input }) => {
      const r = await listMessages(ctx.deps.db, ctx.project, {
        ...(input.conversationId !== undefined ? { conversationId: input.conversationId } : {}),
        ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
        ...(input.since ? { since: new Date(input.since) } : {}),
        ...(input.until ? { until: new Date(input.until) } : {}),
        ...(input.q ? { q: input.q } : {}),
        limit: input.limit,
        cursor: parseCursor(input.cursor),
      });
      return {
        items: r.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
        nextCursor: r.nextCursor,
      };
    }),
});

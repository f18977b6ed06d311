import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  cwAttachmentsRaw,
  cwContacts,
  cwConversations,
  cwInboxesRaw,
  cwMessages,
} from '../schema/chatwoot.ts';
import { upsertRows } from './connectors-upsert.ts';

/** Chatwoot mirror writes (batched upserts keyed by the Chatwoot id) and the reads the sync needs. */
type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export function upsertCwInboxes(db: Database, rows: Insert<typeof cwInboxesRaw>[]) {
  return upsertRows(db, cwInboxesRaw, [cwInboxesRaw.accountScopeId, cwInboxesRaw.cwInboxId], rows);
}

export function upsertCwContacts(db: Database, rows: Insert<typeof cwContacts>[]) {
  return upsertRows(db, cwContacts, [cwContacts.accountScopeId, cwContacts.cwContactId], rows, {
    keepExisting: ['projectId'],
  });
}

export function upsertCwConversations(db: Database, rows: Insert<typeof cwConversations>[]) {
  return upsertRows(
    db,
    cwConversations,
    [cwConversations.accountScopeId, cwConversations.cwConversationId],
    rows,
    {
      notOlder: 'sourceUpdatedAt',
    },
  );
}

export function upsertCwMessages(db: Database, rows: Insert<typeof cwMessages>[]) {
  return upsertRows(db, cwMessages, [cwMessages.accountScopeId, cwMessages.cwMessageId], rows);
}

export function upsertCwAttachments(db: Database, rows: Insert<typeof cwAttachmentsRaw>[]) {
  return upsertRows(
    db,
    cwAttachmentsRaw,
    [cwAttachmentsRaw.accountScopeId, cwAttachmentsRaw.cwAttachmentId],
    rows,
  );
}

export type ConversationActivity = {
  cwConversationId: number;
  lastActivityAt: Date | null;
  cwContactId: number | null;
};

/** The project's conversations and their last activity: which ones need their messages fetched. */
export async function listConversationActivity(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  ids?: number[],
): Promise<ConversationActivity[]> {
  return db
    .select({
      cwConversationId: cwConversations.cwConversationId,
      lastActivityAt: cwConversations.lastActivityAt,
      cwContactId: cwConversations.cwContactId,
    })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, scope.accountScopeId),
        eq(cwConversations.projectId, scope.projectId),
        isNull(cwConversations.deletedAt),
        ids ? inArray(cwConversations.cwConversationId, ids) : undefined,
      ),
    );
}

/** After a complete scan of an inbox: conversations Chatwoot no longer lists are marked deleted. */
export async function markMissingConversationsDeleted(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  inboxId: number,
  seenIds: number[],
  now: Date,
): Promise<number> {
  const rows = await db
    .update(cwConversations)
    .set({ deletedAt: now, updatedAt: now })
    .where(
      and(
        eq(cwConversations.accountScopeId, scope.accountScopeId),
        eq(cwConversations.cwInboxId, inboxId),
        isNull(cwConversations.deletedAt),
        seenIds.length > 0 ? notInArray(cwConversations.cwConversationId, seenIds) : sql`true`,
      ),
    )
    .returning({ id: cwConversations.id });
  return rows.length;
}

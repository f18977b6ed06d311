import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { cwConversations, cwMessages } from '../schema/chatwoot.ts';
import { ragChunks } from '../schema/rag.ts';
import { upsertRows } from './connectors-upsert.ts';

/** Queries behind chunking: read conversations' messages, compare chunk hashes, write changes. */

export async function listConversationBindings(
  db: Database,
  accountScopeId: string,
  cwConversationIds: number[],
) {
  if (cwConversationIds.length === 0) return [];
  return db
    .select({
      cwConversationId: cwConversations.cwConversationId,
      projectId: cwConversations.projectId,
      cwContactId: cwConversations.cwContactId,
      deletedAt: cwConversations.deletedAt,
    })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, accountScopeId),
        inArray(cwConversations.cwConversationId, cwConversationIds),
      ),
    );
}

export type ChunkSourceMessage = Awaited<ReturnType<typeof listMessagesForChunking>>[number];

/** Messages of the conversations in conversation order; deleted ones are left to the caller to skip. */
export async function listMessagesForChunking(
  db: Database,
  accountScopeId: string,
  cwConversationIds: number[],
) {
  if (cwConversationIds.length === 0) return [];
  return db
    .select({
      cwConversationId: cwMessages.cwConversationId,
      cwMessageId: cwMessages.cwMessageId,
      projectId: cwMessages.projectId,
      cwContactId: cwMessages.cwContactId,
      messageType: cwMessages.messageType,
      private: cwMessages.private,
      senderType: cwMessages.senderType,
      senderName: cwMessages.senderName,
      content: cwMessages.content,
      createdAtSource: cwMessages.createdAtSource,
      deletedAt: cwMessages.deletedAt,
    })
    .from(cwMessages)
    .where(
      and(
        eq(cwMessages.accountScopeId, accountScopeId),
        inArray(cwMessages.cwConversationId, cwConversationIds),
      ),
    )
    .orderBy(asc(cwMessages.cwConversationId), asc(cwMessages.createdAtSource), asc(cwMessages.cwMessageId));
}

export async function listChunkHashes(
  db: Database,
  accountScopeId: string,
  conversationExternalIds: string[],
) {
  if (conversationExternalIds.length === 0) return [];
  return db
    .select({
      conversationExternalId: ragChunks.conversationExternalId,
      chunkIndex: ragChunks.chunkIndex,
      contentHash: ragChunks.contentHash,
      projectId: ragChunks.projectId,
      contactExternalId: ragChunks.contactExternalId,
      messageIds: ragChunks.messageIds,
    })
    .from(ragChunks)
    .where(
      and(
        eq(ragChunks.accountScopeId, accountScopeId),
        eq(ragChunks.source, 'chatwoot'),
        inArray(ragChunks.conversationExternalId, conversationExternalIds),
      ),
    );
}

export type RagChunkWrite = Pick<
  typeof ragChunks.$inferInsert,
  | 'accountScopeId'
  | 'projectId'
  | 'conversationExternalId'
  | 'contactExternalId'
  | 'messageIds'
  | 'firstMessageAt'
  | 'lastMessageAt'
  | 'chunkIndex'
  | 'text'
  | 'contentHash'
  | 'tokenEstimate'
>;

const SAME_TEXT = sql.raw('rag_chunks.content_hash = excluded.content_hash');

/** Embedding columns on conflict: kept while the text is the same, reset to the backlog when it changed. */
const EMBEDDING_ON_CONFLICT = {
  embeddingStatus: sql`case when ${SAME_TEXT} then rag_chunks.embedding_status else 'pending' end`,
  embeddingModel: sql`case when ${SAME_TEXT} then rag_chunks.embedding_model else null end`,
  embeddingDim: sql`case when ${SAME_TEXT} then rag_chunks.embedding_dim else null end`,
  embeddedAt: sql`case when ${SAME_TEXT} then rag_chunks.embedded_at else null end`,
  embeddingAttempts: sql`case when ${SAME_TEXT} then rag_chunks.embedding_attempts else 0 end`,
  embeddingError: sql`case when ${SAME_TEXT} then rag_chunks.embedding_error else null end`,
};

/**
 * Upserts chunks by (workspace, source, conversation, index). A changed hash sends the chunk
 * back to the embedding backlog; an unchanged one (only project or contact moved) keeps its
 * embedding, and an identical row is not touched at all. It goes through the connectors' write
 * path (one JSON parameter per batch): a backfill writes tens of thousands of chunks, and
 * drizzle's VALUES builder costs more CPU per row than the statement itself.
 */
export function upsertRagChunks(db: Database, rows: RagChunkWrite[]): Promise<number> {
  return upsertRows(
    db,
    ragChunks,
    [ragChunks.accountScopeId, ragChunks.source, ragChunks.conversationExternalId, ragChunks.chunkIndex],
    rows.map((r) => ({ ...r, source: 'chatwoot' as const })),
    {
      changeColumns: ['contentHash', 'projectId', 'contactExternalId', 'messageIds'],
      set: EMBEDDING_ON_CONFLICT,
    },
  );
}

/** Drops chunks past each conversation's new end (or all of them with `fromIndex` 0), in one statement. */
export async function deleteRagChunksFrom(
  db: Database,
  accountScopeId: string,
  cuts: { conversationExternalId: string; fromIndex: number }[],
): Promise<number> {
  if (cuts.length === 0) return 0;
  const values = sql.join(
    cuts.map((c) => sql`(${c.conversationExternalId}::text, ${c.fromIndex}::int)`),
    sql`, `,
  );
  const result = await db
    .delete(ragChunks)
    .where(
      and(
        eq(ragChunks.accountScopeId, accountScopeId),
        eq(ragChunks.source, 'chatwoot'),
        sql`exists (select 1 from (values ${values}) as cut(conversation_external_id, from_index)
          where cut.conversation_external_id = ${ragChunks.conversationExternalId}
            and ${ragChunks.chunkIndex} >= cut.from_index)`,
      ),
    )
    .returning({ id: ragChunks.id });
  return result.length;
}

/** Every Chatwoot conversation bound to the project (for a full re-chunk). */
export async function listProjectConversationIds(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: cwConversations.cwConversationId })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, scope.accountScopeId),
        eq(cwConversations.projectId, scope.projectId),
      ),
    );
  return rows.map((r) => String(r.id));
}

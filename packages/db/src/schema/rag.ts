import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { accountScopeRef, projectFk, projectRef, scopedId, scopedPk, tsvector } from './scope-columns.ts';

/**
 * Conversation text cut into chunks for search. There is deliberately no `embedding vector`
 * column here: PostgreSQL without pgvector must migrate too, so the RAG package adds the vector
 * column (and its HNSW index) at runtime where the extension exists; `embedding_model` and
 * `embedding_dim` say what is stored there.
 */

export const RAG_SOURCES = ['chatwoot'] as const;
export const EMBEDDING_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type EmbeddingStatus = (typeof EMBEDDING_STATUSES)[number];

export const ragChunks = pgTable(
  'rag_chunks',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    /** Only conversations bound to a project are chunked: search is always project-scoped. */
    projectId: projectRef(),
    source: text('source', { enum: RAG_SOURCES }).notNull().default('chatwoot'),
    conversationExternalId: text('conversation_external_id').notNull(),
    contactExternalId: text('contact_external_id'),
    /** The source message ids the chunk covers, in order, so a hit links back to messages. */
    messageIds: jsonb('message_ids').$type<string[]>().notNull().default([]),
    firstMessageAt: tz('first_message_at'),
    lastMessageAt: tz('last_message_at'),
    chunkIndex: integer('chunk_index').notNull(),
    text: text('text').notNull(),
    /** sha256 of `text`: re-chunking unchanged text keeps the embedding. */
    contentHash: text('content_hash').notNull(),
    tokenEstimate: integer('token_estimate').notNull(),
    embeddingStatus: text('embedding_status', { enum: EMBEDDING_STATUSES }).notNull().default('pending'),
    embeddingModel: text('embedding_model'),
    embeddingDim: integer('embedding_dim'),
    embeddedAt: tz('embedded_at'),
    embeddingAttempts: integer('embedding_attempts').notNull().default(0),
    embeddingError: text('embedding_error'),
    /** English weighs above Russian so an English stem match ranks first; both are indexed. */
    searchTsv: tsvector('search_tsv')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', "text"), 'A') || setweight(to_tsvector('russian', "text"), 'B')`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('rag_chunks', t),
    projectFk('rag_chunks', t),
    uniqueIndex('rag_chunks_source_conversation_chunk_uq').on(
      t.accountScopeId,
      t.source,
      t.conversationExternalId,
      t.chunkIndex,
    ),
    index('rag_chunks_project_last_message_idx').on(t.projectId, t.lastMessageAt),
    index('rag_chunks_search_tsv_idx').using('gin', t.searchTsv),
    /** `runEmbeddings` picks the backlog; the partial index stays small once everything is embedded. */
    index('rag_chunks_embedding_backlog_idx')
      .on(t.accountScopeId, t.createdAt)
      .where(sql`embedding_status in ('pending', 'failed')`),
  ],
);

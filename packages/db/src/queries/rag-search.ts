import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';
import { vectorLiteral } from './rag-embeddings.ts';

/**
 * The three statements behind hybrid search: full-text candidates, vector candidates, and the
 * details (with highlights) of the fused top results. Every one is scoped by workspace and
 * project in its WHERE clause.
 */

export type SearchScope = { accountScopeId: string; projectId: string };

export type ChunkFilters = {
  conversationId?: string | undefined;
  contactId?: string | undefined;
  /** Chunks whose messages overlap [from, to]. */
  from?: Date | undefined;
  to?: Date | undefined;
  source?: 'chatwoot' | undefined;
};

function scopeAndFilters(scope: SearchScope, f: ChunkFilters): SQL {
  const parts: SQL[] = [
    sql`account_scope_id = ${scope.accountScopeId}`,
    sql`project_id = ${scope.projectId}`,
  ];
  if (f.conversationId) parts.push(sql`conversation_external_id = ${f.conversationId}`);
  if (f.contactId) parts.push(sql`contact_external_id = ${f.contactId}`);
  if (f.source) parts.push(sql`source = ${f.source}`);
  if (f.from) parts.push(sql`last_message_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`first_message_at <= ${f.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** Both configurations: English stems for English words, Russian stems for Cyrillic ones. */
function tsQuery(text: string): SQL {
  return sql`(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('russian', ${text}))`;
}

export type TextCandidate = { id: string; rank: number };

/** Most matches ranked per tier: ranking reads every matched tsvector, so it is bounded (latest first). */
export const RANK_WINDOW = 500;

/**
 * Full-text candidates, tier by tier (see packages/rag/src/search-query.ts): each tier is a set
 * of AND groups, any of which may match; a later tier only runs while fewer than `limit`
 * chunks were found (`enough`), and adds chunks below those already found. Within a tier, chunks rank by
 * cover density against all the question's words, and a chunk that matches the question as
 * written (every word; quotes and minus signs honoured) ranks above any that does not.
 */
export async function textCandidates(
  db: Database,
  scope: SearchScope,
  filters: ChunkFilters,
  query: { raw: string; anyWords: string; tiers: string[][] },
  limit: number,
  /** A later tier runs only while fewer than this many chunks were found. */
  enough = limit,
): Promise<TextCandidate[]> {
  const found: TextCandidate[] = [];
  for (const tier of query.tiers) {
    if (found.length >= Math.min(enough, limit) || tier.length === 0) break;
    const match = sql.join(
      tier.map((group) => tsQuery(group)),
      sql` || `,
    );
    const seen = found.length
      ? sql`and id not in (${sql.join(
          found.map((f) => sql`${f.id}::uuid`),
          sql`, `,
        )})`
      : sql``;
    const rows = await queryRows<{ id: string; rank: number | string }>(
      db,
      sql`select c.id, ts_rank_cd(c.search_tsv, q.any_words, 32) + case when c.search_tsv @@ q.strict then 1 else 0 end as rank
          from (select id, search_tsv, last_message_at from rag_chunks
                where ${scopeAndFilters(scope, filters)} and search_tsv @@ (${match}) ${seen}
                order by last_message_at desc nulls last limit ${RANK_WINDOW}) as c,
               (select ${tsQuery(query.anyWords)} as any_words, ${tsQuery(query.raw)} as strict) as q
          order by rank desc, c.last_message_at desc nulls last, c.id
          limit ${limit - found.length}`,
    );
    for (const r of rows) found.push({ id: r.id, rank: Number(r.rank) });
  }
  return found;
}

export type VectorCandidate = { id: string; distance: number };

/**
 * Nearest chunks by cosine distance among those embedded by this model. Iterative index scans
 * (pgvector 0.8) keep the HNSW index useful under the project filter: the scan continues until
 * enough rows pass the filter instead of returning too few.
 */
export async function vectorCandidates(
  db: Database,
  scope: SearchScope,
  filters: ChunkFilters,
  target: { model: string; dim: number; vector: readonly number[] },
  limit: number,
  options: { efSearch?: number; exact?: boolean } = {},
): Promise<VectorCandidate[]> {
  const literal = vectorLiteral(target.vector);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    if (options.exact) {
      // For measuring: no index at all, a full distance sort (the ground truth for recall).
      await t.execute(sql`set local enable_indexscan = off`);
      await t.execute(sql`set local enable_bitmapscan = off`);
    } else {
      await t.execute(sql.raw(`set local hnsw.ef_search = ${Math.trunc(options.efSearch ?? 100)}`));
      await t.execute(sql`set local hnsw.iterative_scan = relaxed_order`);
    }
    const rows = await queryRows<{ id: string; distance: number | string }>(
      t,
      sql`select id, embedding <=> ${literal}::vector as distance
          from rag_chunks
          where ${scopeAndFilters(scope, filters)} and embedding_status = 'ready'
            and embedding_model = ${target.model} and embedding_dim = ${target.dim}
          order by embedding <=> ${literal}::vector
          limit ${limit}`,
    );
    // Relaxed order may return neighbours slightly out of order; the distances are exact.
    return rows
      .map((r) => ({ id: r.id, distance: Number(r.distance) }))
      .sort((a, b) => a.distance - b.distance);
  });
}

export type ChunkDetail = {
  id: string;
  source: string;
  conversationExternalId: string;
  contactExternalId: string | null;
  messageIds: string[];
  firstMessageAt: Date | string | null;
  lastMessageAt: Date | string | null;
  text: string;
  highlight: string;
};

/**
 * Chunk rows with a highlighted excerpt. The text is HTML-escaped before `ts_headline` wraps
 * matches in <mark>, so the excerpt is safe to render as HTML. The `russian` configuration
 * stems Cyrillic words with the Russian stemmer and Latin ones with the English stemmer.
 */
export async function chunkDetails(
  db: Database,
  scope: SearchScope,
  ids: string[],
  anyWords: string,
): Promise<ChunkDetail[]> {
  if (ids.length === 0) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const escaped = sql`replace(replace(replace(text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
  return queryRows<ChunkDetail>(
    db,
    sql`select id, source, conversation_external_id as "conversationExternalId",
          contact_external_id as "contactExternalId", message_ids as "messageIds",
          first_message_at as "firstMessageAt", last_message_at as "lastMessageAt", text,
          ts_headline('russian', ${escaped}, ${tsQuery(anyWords)},
            'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=10, FragmentDelimiter=" … "') as highlight
        from rag_chunks
        where account_scope_id = ${scope.accountScopeId} and project_id = ${scope.projectId} and id in (${list})`,
  );
}

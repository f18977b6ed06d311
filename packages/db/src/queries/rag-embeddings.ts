import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';

/**
 * The embedding backlog. The `embedding` column is added at run time where pgvector exists
 * (packages/rag/src/vector-setup.ts), so these statements name it in raw SQL.
 */

export type EmbeddingScope = { accountScopeId: string; projectId: string | null };
export type EmbeddingTarget = { model: string; dim: number };

/** A claim older than this belongs to a run that died: the chunk goes back to the backlog. */
export const STALE_CLAIM_MINUTES = 10;

function backlogWhere(scope: EmbeddingScope, target: EmbeddingTarget) {
  const project = scope.projectId ? sql`and project_id = ${scope.projectId}` : sql``;
  return sql`account_scope_id = ${scope.accountScopeId} ${project}
    and (embedding_status in ('pending', 'failed')
      or (embedding_status = 'processing' and updated_at < now() - make_interval(mins => ${STALE_CLAIM_MINUTES}))
      or (embedding_status = 'ready' and (embedding_model is distinct from ${target.model}
        or embedding_dim is distinct from ${target.dim})))`;
}

export async function countEmbeddingBacklog(db: Database, scope: EmbeddingScope, target: EmbeddingTarget) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from rag_chunks where ${backlogWhere(scope, target)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

export type ClaimedChunk = { id: string; text: string; contentHash: string };

/**
 * Marks up to `limit` backlog chunks as processing and returns them. SKIP LOCKED lets several
 * workers drain one backlog without embedding a chunk twice; chunks that failed before go last
 * so one bad input cannot starve the rest.
 */
export async function claimEmbeddingBacklog(
  db: Database,
  scope: EmbeddingScope,
  target: EmbeddingTarget,
  limit: number,
): Promise<ClaimedChunk[]> {
  return queryRows<ClaimedChunk>(
    db,
    sql`with picked as (
          select id from rag_chunks where ${backlogWhere(scope, target)}
          order by embedding_attempts, created_at, id
          limit ${limit}
          for update skip locked
        )
        update rag_chunks r set embedding_status = 'processing', updated_at = now()
        from picked where r.id = picked.id
        returning r.id, r.text, r.content_hash as "contentHash"`,
  );
}

export function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}

/**
 * Stores vectors for claimed chunks. The hash guard drops a vector whose chunk was re-chunked
 * while it was being embedded: that chunk is pending again and gets embedded from its new text.
 */
export async function saveEmbeddings(
  db: Database,
  target: EmbeddingTarget,
  rows: { id: string; contentHash: string; vector: readonly number[] }[],
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${r.contentHash}::text, ${vectorLiteral(r.vector)}::text)`),
    sql`, `,
  );
  const result = await queryRows<{ id: string }>(
    db,
    sql`update rag_chunks r set embedding = v.embedding::vector, embedding_status = 'ready',
          embedding_model = ${target.model}, embedding_dim = ${target.dim}, embedded_at = ${at.toISOString()}::timestamptz,
          embedding_attempts = r.embedding_attempts + 1, embedding_error = null, updated_at = now()
        from (values ${values}) as v(id, content_hash, embedding)
        where r.id = v.id and r.content_hash = v.content_hash and r.embedding_status = 'processing'
        returning r.id`,
  );
  return result.length;
}

export async function markEmbeddingsFailed(db: Database, ids: string[], error: string): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await db.execute(
    sql`update rag_chunks set embedding_status = 'failed', embedding_error = ${error.slice(0, 1000)},
          embedding_attempts = embedding_attempts + 1, updated_at = now()
        where id in (${list}) and embedding_status = 'processing'`,
  );
}

/** Gives claimed chunks back untouched (a run was cancelled before embedding them). */
export async function releaseEmbeddingClaims(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await db.execute(
    sql`update rag_chunks set embedding_status = case when embedding_attempts > 0 and embedding_error is not null
          then 'failed' else 'pending' end, updated_at = now()
        where id in (${list}) and embedding_status = 'processing'`,
  );
}

export type EmbeddingStats = { status: string; n: number };

export async function embeddingStatusCounts(db: Database, scope: EmbeddingScope): Promise<EmbeddingStats[]> {
  const project = scope.projectId ? sql`and project_id = ${scope.projectId}` : sql``;
  return queryRows<EmbeddingStats>(
    db,
    sql`select embedding_status as status, count(*)::int as n from rag_chunks
        where account_scope_id = ${scope.accountScopeId} ${project} group by embedding_status order by 1`,
  );
}

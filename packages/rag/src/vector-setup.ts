import { sql } from 'drizzle-orm';
import { readCapabilities } from '@keel/db/capabilities';
import { type Database, queryRows } from '@keel/db/client';

/**
 * The `embedding vector(dim)` column and its HNSW index live outside the migrations: PostgreSQL
 * without pgvector must migrate too (see the note on the rag_chunks schema). They are created
 * here, at run time, where the capability check found the extension, and rebuilt when
 * EMBEDDING_DIM changes, since one column cannot hold two vector sizes.
 */

export type VectorState = {
  /** pgvector is installed and the column exists with the wanted dimension. */
  available: boolean;
  dim: number | null;
  indexed: boolean;
  detail: string;
};

export const HNSW_INDEX = 'rag_chunks_embedding_hnsw_idx';
/** pgvector's HNSW indexes `vector` columns of at most 2,000 dimensions; larger ones are searched exactly. */
export const HNSW_MAX_DIM = 2000;
/** Any constant: serialises the DDL when several processes set up at once. */
const VECTOR_SETUP_LOCK = 727_274_006;
const CACHE_MS = 30_000;

const cache = new WeakMap<Database, { state: VectorState; at: number }>();

type ColumnInfo = { dim: number | null; indexed: boolean };

export async function readVectorColumn(db: Database): Promise<ColumnInfo | null> {
  const cols = await queryRows<{ type: string }>(
    db,
    sql`select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
        where a.attrelid = 'rag_chunks'::regclass and a.attname = 'embedding' and not a.attisdropped`,
  );
  const type = cols[0]?.type;
  if (!type) return null;
  const match = /^vector\((\d+)\)$/.exec(type);
  const idx = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_indexes where tablename = 'rag_chunks' and indexname = ${HNSW_INDEX}`,
  );
  return { dim: match ? Number(match[1]) : null, indexed: Number(idx[0]?.n ?? 0) > 0 };
}

/** Creates (or resizes) the vector column and its index; a no-op when they already match. */
export async function ensureVectorColumn(db: Database, dim: number): Promise<VectorState> {
  const caps = await readCapabilities({ db });
  if (!caps.vector) {
    const state: VectorState = { available: false, dim: null, indexed: false, detail: caps.vectorDetail };
    cache.set(db, { state, at: Date.now() });
    return state;
  }
  const current = await readVectorColumn(db);
  if (!current || current.dim !== dim || (!current.indexed && dim <= HNSW_MAX_DIM)) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${VECTOR_SETUP_LOCK})`);
      const again = await readVectorColumn(tx as unknown as Database);
      if (again && again.dim !== dim) {
        // Vectors of the old size are useless in the new space: drop them (and the index with
        // them) and send every chunk back to the backlog to be embedded again.
        await tx.execute(sql`alter table rag_chunks drop column embedding`);
        await tx.execute(
          sql`update rag_chunks set embedding_status = 'pending', embedding_model = null, embedding_dim = null,
              embedded_at = null where embedding_status <> 'pending'`,
        );
      }
      await tx.execute(
        sql.raw(`alter table rag_chunks add column if not exists embedding vector(${Math.trunc(dim)})`),
      );
      if (dim <= HNSW_MAX_DIM) {
        await tx.execute(
          sql.raw(
            `create index if not exists ${HNSW_INDEX} on rag_chunks using hnsw (embedding vector_cosine_ops)`,
          ),
        );
      }
    });
  }
  const indexed = dim <= HNSW_MAX_DIM;
  const state: VectorState = {
    available: true,
    dim,
    indexed,
    detail: `${caps.vectorDetail}; embedding vector(${dim})${indexed ? ', HNSW cosine index' : ', exact search (no HNSW above 2000 dimensions)'}`,
  };
  cache.set(db, { state, at: Date.now() });
  return state;
}

/** What search can use right now; cached briefly so a search does not read the catalog each time. */
export async function vectorStateFor(db: Database, dim: number): Promise<VectorState> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS && (hit.state.dim === dim || !hit.state.available))
    return hit.state;
  return ensureVectorColumn(db, dim);
}

/** Bulk loads (the benchmark, a re-embed of everything) are ~4x faster with the index built afterwards. */
export async function dropVectorIndex(db: Database): Promise<void> {
  await db.execute(sql.raw(`drop index if exists ${HNSW_INDEX}`));
  cache.delete(db);
}

export function clearVectorStateCache(db: Database): void {
  cache.delete(db);
}

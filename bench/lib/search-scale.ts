import { sql } from 'drizzle-orm';
import type { Database } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { vectorLiteral } from '@keel/db/queries/rag-embeddings';
import { type ChunkMessage, chunkConversation } from '@keel/rag/chunking';
import { embedLocally, LOCAL_MODEL } from '@keel/rag/local-embedder';
import { dropVectorIndex, ensureVectorColumn, HNSW_INDEX } from '@keel/rag/vector-setup';
import { messageContent } from '@keel/sandbox/emulators/chatwoot-views';
import type { Dataset } from '@keel/sandbox/model';

/**
 * The 100k-chunk corpus: real generated conversations (bench-100), chunked smaller than in
 * production so 200k messages make 100k chunks, embedded by the local provider, bulk-loaded
 * with the HNSW index built afterwards (4x faster than inserting into an indexed table).
 * Half of the portfolio's projects are merged into one big project (≈50k chunks), so filtered
 * vector search is measured both where HNSW must work under a filter and where a project is small.
 */

export const BENCH_CHUNK_OPTIONS = {
  maxTokens: 160,
  minMessages: 1,
  anchorEvery: 2,
  maxUnitTokens: 120,
  overlapTokens: 40,
};
const BATCH = 250;

export type ScaleCorpus = {
  accountScopeId: string;
  bigProjectId: string;
  /** Keel project id per dataset project index. */
  projectIds: Map<number, string>;
  chunks: number;
  loadMs: number;
  indexMs: number;
};

type Row = {
  projectId: string;
  conversation: string;
  messageIds: string[];
  first: Date;
  last: Date;
  index: number;
  text: string;
  hash: string;
  tokens: number;
};

/**
 * `datasets` are portfolios of the same size generated with different seeds: one bench-100
 * portfolio cuts into ≈96k chunks, so a second one tops the corpus up to the target.
 */
export async function buildScaleCorpus(
  db: Database,
  datasets: readonly Dataset[],
  target: { chunks: number; dim: number },
): Promise<ScaleCorpus> {
  const ds = datasets[0];
  if (!ds) throw new Error('no dataset');
  const accountScopeId = (await createWorkspace(db)).id;
  const bigProjectId = (await createProject(db, { accountScopeId, name: 'Big merged project' })).id;
  const projectIds = new Map<number, string>();
  const half = Math.floor(ds.projects.length / 2);
  for (const [i] of ds.projects.entries()) {
    projectIds.set(i, i < half ? bigProjectId : (await createProject(db, { accountScopeId })).id);
  }
  await ensureVectorColumn(db, target.dim);
  await dropVectorIndex(db);

  const started = performance.now();
  let pending: Row[] = [];
  let chunks = 0;
  for (const [seedIndex, world] of datasets.entries()) {
    for (const conv of world.conversations) {
      if (chunks >= target.chunks) break;
      const projectId = projectIds.get(conv.projectIndex);
      if (!projectId) continue;
      const messages: ChunkMessage[] = [];
      for (const row of conv.messages) {
        const m = world.messages.get(row);
        if (m.messageType === 2) continue;
        const sender = m.senderKind === 0 ? world.people[m.senderIndex] : world.staff[m.senderIndex];
        messages.push({
          id: String(m.id),
          at: new Date(m.createdAt * 1000),
          speaker: sender ? `${sender.firstName} ${sender.lastName}` : 'Agent',
          role: m.private ? 'note' : m.messageType === 0 ? 'client' : 'agent',
          text: messageContent(world, row),
        });
      }
      for (const c of chunkConversation(messages, BENCH_CHUNK_OPTIONS)) {
        if (chunks >= target.chunks) break;
        pending.push({
          projectId,
          // Later portfolios reuse conversation ids: keep them apart.
          conversation: String(seedIndex * 10_000_000 + conv.id),
          messageIds: c.messageIds,
          first: c.firstMessageAt,
          last: c.lastMessageAt,
          index: c.chunkIndex,
          text: c.text,
          hash: c.contentHash,
          tokens: c.tokenEstimate,
        });
        chunks += 1;
        if (pending.length >= BATCH) {
          await insertRows(db, accountScopeId, pending, target.dim);
          pending = [];
        }
      }
    }
  }
  await insertRows(db, accountScopeId, pending, target.dim);
  const loadMs = performance.now() - started;

  const indexStarted = performance.now();
  await db.execute(sql`set maintenance_work_mem = '256MB'`);
  await db.execute(
    sql.raw(`create index ${HNSW_INDEX} on rag_chunks using hnsw (embedding vector_cosine_ops)`),
  );
  // VACUUM sets hint bits and the visibility map, as autovacuum would have long since in production.
  await db.execute(sql`vacuum analyze rag_chunks`);
  const indexMs = performance.now() - indexStarted;
  return { accountScopeId, bigProjectId, projectIds, chunks, loadMs, indexMs };
}

async function insertRows(db: Database, accountScopeId: string, rows: Row[], dim: number): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date().toISOString();
  const values = sql.join(
    rows.map(
      (
        r,
      ) => sql`(${accountScopeId}::uuid, ${r.projectId}::uuid, 'chatwoot', ${r.conversation}, ${JSON.stringify(r.messageIds)}::jsonb,
        ${r.first.toISOString()}::timestamptz, ${r.last.toISOString()}::timestamptz, ${r.index}, ${r.text}, ${r.hash}, ${r.tokens},
        'ready', ${LOCAL_MODEL}, ${dim}, ${now}::timestamptz, ${vectorLiteral(embedLocally(r.text, dim))}::vector)`,
    ),
    sql`, `,
  );
  await db.execute(sql`insert into rag_chunks (account_scope_id, project_id, source, conversation_external_id, message_ids,
      first_message_at, last_message_at, chunk_index, text, content_hash, token_estimate,
      embedding_status, embedding_model, embedding_dim, embedded_at, embedding)
    values ${values}`);
}

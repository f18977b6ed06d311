import type { Logger } from '@keel/core/logger';
import { silentLogger } from '@keel/core/logger';
import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import {
  type ChunkDetail,
  type ChunkFilters,
  chunkDetails,
  type SearchScope,
  textCandidates,
  vectorCandidates,
} from '@keel/db/queries/rag-search';
import { createEmbeddings } from './create-embeddings.ts';
import type { EmbeddingProvider } from './embedding-provider.ts';
import { reciprocalRankFusion } from './rank-fusion.ts';
import { queryTerms, textTiers } from './search-query.ts';
import { vectorStateFor } from './vector-setup.ts';

export type { ChunkFilters, SearchScope };

/** `auto`: hybrid where vectors exist, text-only elsewhere. `text`/`vector` run one side alone (evaluation). */
export type SearchModeRequest = 'auto' | 'hybrid' | 'text' | 'vector';
export type SearchModeRun = 'hybrid' | 'text-only' | 'vector-only';

export type SearchOptions = {
  provider: EmbeddingProvider;
  mode?: SearchModeRequest;
  logger?: Logger;
  /** Candidates drawn from each side before fusion. */
  candidates?: number;
  efSearch?: number;
};

export type SearchHit = {
  chunkId: string;
  source: string;
  conversationId: string;
  contactId: string | null;
  messageIds: string[];
  firstMessageAt: string | null;
  lastMessageAt: string | null;
  text: string;
  /** HTML-escaped excerpt with matches in <mark>…</mark>. */
  highlight: string;
  score: {
    fused: number;
    textRank: number | null;
    textPosition: number | null;
    vectorDistance: number | null;
    vectorPosition: number | null;
  };
};

export type SearchResponse = {
  query: string;
  mode: SearchModeRun;
  vector: { available: boolean; used: boolean; model: string; reason: string | null };
  results: SearchHit[];
};

/**
 * Seed's `searchChunks`: full-text and vector candidates from the project's chunks, fused by
 * reciprocal rank. Without pgvector (or when the query cannot be embedded) it runs text-only
 * and says why in `vector.reason`, rather than failing the search.
 */
export async function searchChunks(
  db: Database,
  scope: SearchScope,
  query: string,
  limit: number,
  filters: ChunkFilters,
  options: SearchOptions,
): Promise<SearchResponse> {
  const logger = options.logger ?? silentLogger;
  const requested = options.mode ?? 'auto';
  const provider = options.provider;
  const candidates = Math.max(options.candidates ?? 50, limit);
  const terms = queryTerms(query);
  const anyWords = terms.join(' or ');
  const wantVector = requested !== 'text';
  const state = wantVector ? await vectorStateFor(db, provider.dim) : null;
  let reason: string | null = state && !state.available ? `pgvector is not available: ${state.detail}` : null;
  if (requested === 'text') reason = 'text-only search was requested';

  let queryVector: number[] | null = null;
  if (state?.available) {
    try {
      // One quick retry only: a person is waiting, and text search can answer alone.
      const [v] = await createEmbeddings([query], logger, provider, {
        retries: 1,
        baseDelayMs: 200,
        maxDelayMs: 1000,
      });
      queryVector = v ?? null;
    } catch (error) {
      reason = `the query could not be embedded: ${error instanceof Error ? error.message : String(error)}`;
      logger.warn({ err: reason }, 'search falls back to text-only');
    }
  }
  if (requested === 'vector' && !queryVector) {
    throw new ApiError('conflict', `Vector-only search is unavailable here: ${reason ?? 'no query vector'}.`);
  }

  const runText = requested !== 'vector';
  const [text, vec] = await Promise.all([
    runText
      ? textCandidates(
          db,
          scope,
          filters,
          { raw: query, anyWords, tiers: textTiers(terms) },
          candidates,
          limit,
        )
      : Promise.resolve([]),
    queryVector
      ? vectorCandidates(
          db,
          scope,
          filters,
          { model: provider.model, dim: provider.dim, vector: queryVector },
          candidates,
          options.efSearch ? { efSearch: options.efSearch } : {},
        )
      : Promise.resolve([]),
  ]);
  const fused = reciprocalRankFusion([
    { name: 'text', ids: text.map((t) => t.id) },
    { name: 'vector', ids: vec.map((v) => v.id) },
  ]).slice(0, limit);

  const details = new Map(
    (
      await chunkDetails(
        db,
        scope,
        fused.map((f) => f.id),
        anyWords,
      )
    ).map((d) => [d.id, d]),
  );
  const textRank = new Map(text.map((t) => [t.id, t.rank]));
  const distance = new Map(vec.map((v) => [v.id, v.distance]));
  const results: SearchHit[] = [];
  for (const hit of fused) {
    const d = details.get(hit.id);
    if (!d) continue;
    results.push(
      toHit(d, {
        fused: hit.score,
        textRank: textRank.get(hit.id) ?? null,
        textPosition: hit.ranks.text ?? null,
        vectorDistance: distance.get(hit.id) ?? null,
        vectorPosition: hit.ranks.vector ?? null,
      }),
    );
  }
  const mode: SearchModeRun = !queryVector ? 'text-only' : runText ? 'hybrid' : 'vector-only';
  return {
    query,
    mode,
    vector: {
      available: state?.available ?? false,
      used: queryVector !== null,
      model: provider.model,
      reason,
    },
    results,
  };
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toHit(d: ChunkDetail, score: SearchHit['score']): SearchHit {
  return {
    chunkId: d.id,
    source: d.source,
    conversationId: d.conversationExternalId,
    contactId: d.contactExternalId,
    messageIds: Array.isArray(d.messageIds) ? d.messageIds.map(String) : [],
    firstMessageAt: iso(d.firstMessageAt),
    lastMessageAt: iso(d.lastMessageAt),
    text: d.text,
    highlight: d.highlight,
    score,
  };
}

import type { Clock } from '@keel/core/clock';
import type { Env } from '@keel/core/env';
import { ApiError } from '@keel/core/errors';
import { type EventBus, makeEvent } from '@keel/core/events';
import type { Logger } from '@keel/core/logger';
import type { Database } from '@keel/db/client';
import {
  type ClaimedChunk,
  claimEmbeddingBacklog,
  countEmbeddingBacklog,
  type EmbeddingScope,
  markEmbeddingsFailed,
  releaseEmbeddingClaims,
  saveEmbeddings,
} from '@keel/db/queries/rag-embeddings';
import { type CreateEmbeddingsOptions, createEmbeddings } from './create-embeddings.ts';
import { type EmbeddingProvider, EmbeddingProviderError } from './embedding-provider.ts';
import { embeddingProviderFromEnv } from './provider-from-env.ts';
import { ensureVectorColumn } from './vector-setup.ts';

export type EmbeddingRunContext = {
  logger: Logger;
  bus: EventBus;
  env: Env;
  clock: Clock;
  signal?: AbortSignal;
  /** Overrides the provider chosen from env (tests, the benchmark). */
  provider?: EmbeddingProvider;
  /** Stops after this many chunks; the rest waits for the next run. */
  maxChunks?: number;
  retry?: Pick<CreateEmbeddingsOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep'>;
};

export type EmbeddingRunResult = {
  mode: 'hybrid' | 'text-only';
  provider: EmbeddingProvider['kind'];
  model: string;
  dim: number;
  embedded: number;
  failed: number;
  /** Backlog left after the run (chunks changed meanwhile, the run's cap, failed inputs). */
  remaining: number;
  skipped?: string;
};

/** HTTP statuses that blame one input, not the configuration: worth bisecting the batch. */
const INPUT_ERRORS = new Set([400, 413, 422]);

/**
 * Seed's `runEmbeddings`: embeds chunks that are new, changed (by hash) or embedded by another
 * model or dimension. Each batch is claimed, embedded and saved before the next, so a crash or
 * an outage loses nothing already done: the next run resumes with what is left. An outage
 * marks the current batch failed with the provider's error and fails the run (502); an input
 * the model refuses is isolated by bisection and only that chunk is marked failed.
 */
export async function runEmbeddings(
  db: Database,
  scope: EmbeddingScope,
  ctx: EmbeddingRunContext,
): Promise<EmbeddingRunResult> {
  const provider = ctx.provider ?? embeddingProviderFromEnv(ctx.env);
  const target = { model: provider.model, dim: provider.dim };
  const base = { provider: provider.kind, model: provider.model, dim: provider.dim };
  const vector = await ensureVectorColumn(db, provider.dim);
  if (!vector.available) {
    // Nowhere to store vectors: search runs text-only, so embedding would only cost money.
    return { mode: 'text-only', ...base, embedded: 0, failed: 0, remaining: 0, skipped: vector.detail };
  }
  const total = await countEmbeddingBacklog(db, scope, target);
  const maxChunks = ctx.maxChunks ?? Number.POSITIVE_INFINITY;
  let embedded = 0;
  let failed = 0;
  let processed = 0;
  const publish = (extra: { done: boolean; remaining?: number; error?: string }) =>
    ctx.bus.publish(
      makeEvent(
        'embeddings.progress',
        scope,
        { ...base, total, embedded, failed, ...extra },
        ctx.clock.now(),
      ),
    );

  while (processed < maxChunks && !ctx.signal?.aborted) {
    const claimed = await claimEmbeddingBacklog(
      db,
      scope,
      target,
      Math.min(provider.maxInputs, maxChunks - processed),
    );
    if (claimed.length === 0) break;
    processed += claimed.length;
    try {
      const r = await embedClaimed(db, claimed, provider, target, ctx);
      embedded += r.embedded;
      failed += r.failed;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (ctx.signal?.aborted) {
        await releaseEmbeddingClaims(
          db,
          claimed.map((c) => c.id),
        );
        break;
      }
      await markEmbeddingsFailed(
        db,
        claimed.map((c) => c.id),
        message,
      );
      failed += claimed.length;
      const remaining = await countEmbeddingBacklog(db, scope, target);
      await publish({ done: true, error: message, remaining });
      ctx.logger.error(
        { ...base, embedded, remaining, err: message },
        'embedding run stopped: provider failed',
      );
      throw new ApiError(
        'upstream_error',
        `Embedding provider failed after retries: ${message}. ${embedded} chunks were embedded; ${remaining} stay queued for the next run.`,
        { embedded, remaining, model: provider.model },
      );
    }
    await publish({ done: false });
  }
  const remaining = await countEmbeddingBacklog(db, scope, target);
  await publish({ done: true, remaining });
  ctx.logger.info({ ...base, embedded, failed, remaining }, 'embedding run finished');
  return { mode: 'hybrid', ...base, embedded, failed, remaining };
}

async function embedClaimed(
  db: Database,
  chunks: ClaimedChunk[],
  provider: EmbeddingProvider,
  target: { model: string; dim: number },
  ctx: EmbeddingRunContext,
): Promise<{ embedded: number; failed: number }> {
  try {
    const vectors = await createEmbeddings(
      chunks.map((c) => c.text),
      ctx.logger,
      provider,
      { ...ctx.retry, ...(ctx.signal ? { signal: ctx.signal } : {}) },
    );
    const rows = chunks.map((c, i) => ({ id: c.id, contentHash: c.contentHash, vector: vectors[i] ?? [] }));
    return { embedded: await saveEmbeddings(db, target, rows, ctx.clock.now()), failed: 0 };
  } catch (error) {
    const inputError =
      error instanceof EmbeddingProviderError && error.status && INPUT_ERRORS.has(error.status);
    if (!inputError) throw error;
    if (chunks.length === 1) {
      await markEmbeddingsFailed(
        db,
        chunks.map((c) => c.id),
        error.message,
      );
      ctx.logger.warn({ chunkId: chunks[0]?.id, err: error.message }, 'chunk refused by the embedding model');
      return { embedded: 0, failed: 1 };
    }
    const mid = Math.ceil(chunks.length / 2);
    const a = await embedClaimed(db, chunks.slice(0, mid), provider, target, ctx);
    const b = await embedClaimed(db, chunks.slice(mid), provider, target, ctx);
    return { embedded: a.embedded + b.embedded, failed: a.failed + b.failed };
  }
}

import type { Logger } from '@keel/core/logger';
import { type EmbeddingProvider, EmbeddingProviderError } from './embedding-provider.ts';
import { estimateTokens, truncateToTokens } from './tokens.ts';

/** Seed's `createEmbeddings(inputs, logger)`: batches, trims to the model's limit, retries, keeps order. */

export type CreateEmbeddingsOptions = {
  signal?: AbortSignal;
  /** Extra attempts per batch after the first, on 429, 5xx, timeouts and dropped connections. */
  retries?: number;
  baseDelayMs?: number;
  /** Cap for both our backoff and a server's Retry-After. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each batch lands, e.g. to persist it before the next one is sent. */
  onBatch?: (info: { indexes: number[]; vectors: number[][] }) => Promise<void> | void;
};

/**
 * Groups input indexes into requests: at most `maxInputs` inputs and `maxBatchTokens`
 * estimated tokens each, in order. Pure, so the batching rule is tested without a server.
 */
export function planBatches(
  tokenCounts: readonly number[],
  maxInputs: number,
  maxBatchTokens: number,
): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let tokens = 0;
  tokenCounts.forEach((t, i) => {
    if (current.length > 0 && (current.length >= maxInputs || tokens + t > maxBatchTokens)) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(i);
    tokens += t;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Exponential backoff with jitter; a server's Retry-After wins when it sends one. */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs?: number,
  random = Math.random(),
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxMs);
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + (exp / 2) * random);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function createEmbeddings(
  inputs: readonly string[],
  logger: Logger,
  provider: EmbeddingProvider,
  options: CreateEmbeddingsOptions = {},
): Promise<number[][]> {
  const { retries = 5, baseDelayMs = 500, maxDelayMs = 30_000, sleep = defaultSleep, signal } = options;
  const trimmed = inputs.map((text) => {
    // Servers reject empty strings; a single space embeds as "nothing" everywhere.
    const t = truncateToTokens(text, provider.maxInputTokens);
    return t.trim().length === 0 ? ' ' : t;
  });
  const plan = planBatches(trimmed.map(estimateTokens), provider.maxInputs, provider.maxBatchTokens);
  const out: number[][] = new Array(inputs.length);
  for (const indexes of plan) {
    const batch = indexes.map((i) => trimmed[i] ?? ' ');
    const vectors = await embedWithRetry(batch, provider, logger, {
      retries,
      baseDelayMs,
      maxDelayMs,
      sleep,
      signal,
    });
    indexes.forEach((inputIndex, k) => {
      out[inputIndex] = vectors[k] ?? [];
    });
    await options.onBatch?.({ indexes, vectors });
  }
  return out;
}

async function embedWithRetry(
  batch: string[],
  provider: EmbeddingProvider,
  logger: Logger,
  o: {
    retries: number;
    baseDelayMs: number;
    maxDelayMs: number;
    sleep: (ms: number) => Promise<void>;
    signal: AbortSignal | undefined;
  },
): Promise<number[][]> {
  for (let attempt = 0; ; attempt++) {
    if (o.signal?.aborted) throw new EmbeddingProviderError('Embedding run aborted', { retryable: false });
    try {
      return await provider.embedBatch(batch, o.signal);
    } catch (error) {
      const e =
        error instanceof EmbeddingProviderError
          ? error
          : new EmbeddingProviderError(error instanceof Error ? error.message : String(error), {
              retryable: false,
              cause: error,
            });
      if (!e.retryable || attempt >= o.retries) throw e;
      const delayMs = retryDelayMs(attempt, o.baseDelayMs, o.maxDelayMs, e.retryAfterMs);
      logger.warn(
        {
          provider: provider.kind,
          model: provider.model,
          status: e.status,
          attempt: attempt + 1,
          delayMs,
          inputs: batch.length,
        },
        'embedding request failed, retrying',
      );
      await o.sleep(delayMs);
    }
  }
}

/**
 * The one interface every embedding backend implements. A provider sends one request; batching,
 * token limits and retries live in `createEmbeddings`, so every backend gets them the same way.
 */
export type EmbeddingProvider = {
  readonly kind: 'openai' | 'local';
  /** Recorded on every chunk: a different model (or dimension) means a different vector space. */
  readonly model: string;
  readonly dim: number;
  /** Most inputs one request may carry (OPENAI_EMBED_MAX_INPUTS). */
  readonly maxInputs: number;
  /** Longest single input the model accepts, in estimated tokens; longer inputs are truncated. */
  readonly maxInputTokens: number;
  /** Most estimated tokens in one request (OpenAI rejects requests over 300k tokens). */
  readonly maxBatchTokens: number;
  embedBatch(inputs: string[], signal?: AbortSignal): Promise<number[][]>;
};

/**
 * `retryable`: a 429, a 5xx, a timeout or a dropped connection, worth another attempt.
 * Anything else (a bad key, an input the model refuses) fails the same way every time.
 */
export class EmbeddingProviderError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    opts: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.name = 'EmbeddingProviderError';
    this.retryable = opts.retryable;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

import OpenAI from 'openai';
import { parseRetryAfter } from '@keel/core/http';
import { type EmbeddingProvider, EmbeddingProviderError } from './embedding-provider.ts';

export type OpenAiProviderOptions = {
  /** Any OpenAI-compatible server: OpenAI, Azure's /openai/v1, Ollama, vLLM, LM Studio, TEI. */
  baseURL?: string;
  /** Local servers usually need none; the SDK insists on a string, so a placeholder is sent. */
  apiKey?: string;
  model: string;
  dim: number;
  maxInputs: number;
  /** 8191 for OpenAI's models; local models often accept 512 (set it lower for them). */
  maxInputTokens?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
};

/**
 * Only OpenAI's text-embedding-3 family can shorten vectors on request; other servers reject or
 * ignore `dimensions`, so it is sent only there and every answer's length is checked instead.
 */
export function supportsDimensions(model: string): boolean {
  return model.startsWith('text-embedding-3');
}

export function createOpenAiProvider(options: OpenAiProviderOptions): EmbeddingProvider {
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    // Retries are ours (createEmbeddings): one policy for every provider, observable in logs.
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetchImpl ? { fetch: options.fetchImpl } : {}),
  });
  const withDimensions = supportsDimensions(options.model);
  return {
    kind: 'openai',
    model: options.model,
    dim: options.dim,
    maxInputs: options.maxInputs,
    maxInputTokens: options.maxInputTokens ?? 8000,
    maxBatchTokens: 250_000,
    async embedBatch(inputs, signal) {
      let response: OpenAI.Embeddings.CreateEmbeddingResponse;
      try {
        response = await client.embeddings.create(
          {
            model: options.model,
            input: inputs,
            // Float, not the SDK's default base64: several compatible servers only speak float.
            encoding_format: 'float',
            ...(withDimensions ? { dimensions: options.dim } : {}),
          },
          signal ? { signal } : undefined,
        );
      } catch (error) {
        throw toProviderError(error);
      }
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== inputs.length) {
        throw new EmbeddingProviderError(
          `The embeddings server returned ${vectors.length} vectors for ${inputs.length} inputs.`,
          { retryable: false },
        );
      }
      for (const v of vectors) {
        if (v.length !== options.dim) {
          throw new EmbeddingProviderError(
            `Model ${options.model} returned ${v.length}-dimensional vectors but EMBEDDING_DIM is ${options.dim}; set EMBEDDING_DIM=${v.length}.`,
            { retryable: false },
          );
        }
      }
      return vectors;
    },
  };
}

function toProviderError(error: unknown): EmbeddingProviderError {
  if (error instanceof EmbeddingProviderError) return error;
  if (error instanceof OpenAI.APIConnectionError) {
    return new EmbeddingProviderError(`Embeddings server unreachable: ${error.message}`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const retryAfterMs = retryAfterFrom(error.headers);
    return new EmbeddingProviderError(`Embeddings server answered ${status}: ${error.message}`, {
      retryable,
      status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      cause: error,
    });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new EmbeddingProviderError('Embedding request aborted', { retryable: false, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EmbeddingProviderError(`Embedding request failed: ${message}`, {
    retryable: true,
    cause: error,
  });
}

function retryAfterFrom(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  return parseRetryAfter(headers?.get('retry-after') ?? null);
}

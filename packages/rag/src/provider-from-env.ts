import type { Env } from '@keel/core/env';
import type { EmbeddingProvider } from './embedding-provider.ts';
import { createLocalProvider } from './local-embedder.ts';
import { createOpenAiProvider } from './openai-provider.ts';

export type EmbeddingEnv = Pick<
  Env,
  | 'EMBEDDING_PROVIDER'
  | 'EMBEDDING_MODEL'
  | 'EMBEDDING_DIM'
  | 'OPENAI_EMBED_MAX_INPUTS'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
>;

/** `auto` means: a configured OpenAI-compatible server if there is one, the offline embedder otherwise. */
export function embeddingProviderKind(env: EmbeddingEnv): 'openai' | 'local' {
  if (env.EMBEDDING_PROVIDER !== 'auto') return env.EMBEDDING_PROVIDER;
  return env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? 'openai' : 'local';
}

const cache = new WeakMap<EmbeddingEnv, EmbeddingProvider>();

/** One provider per env object, so the SDK client (and its connection pool) is reused. */
export function embeddingProviderFromEnv(env: EmbeddingEnv): EmbeddingProvider {
  const cached = cache.get(env);
  if (cached) return cached;
  const provider =
    embeddingProviderKind(env) === 'openai'
      ? createOpenAiProvider({
          model: env.EMBEDDING_MODEL,
          dim: env.EMBEDDING_DIM,
          maxInputs: env.OPENAI_EMBED_MAX_INPUTS,
          ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
          ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
        })
      : createLocalProvider({ dim: env.EMBEDDING_DIM });
  cache.set(env, provider);
  return provider;
}

import { describe, expect, it } from 'vitest';
import { planBatches, retryDelayMs } from '../src/create-embeddings.ts';
import { embedLocally, lexicalFeatures } from '../src/local-embedder.ts';
import { embeddingProviderKind } from '../src/provider-from-env.ts';

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

describe('local embedder', () => {
  it('when the same text is embedded twice, then the vectors are identical and unit length', () => {
    const a = embedLocally('The client asked for the mobile app.', 256);
    expect(a).toEqual(embedLocally('The client asked for the mobile app.', 256));
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(a).toHaveLength(256);
  });

  it.each([
    ['mobile app release date', 'when is the mobile app released', 'invoice export totals are wrong'],
    ['приложение для партнёров', 'новое приложение партнёрам', 'счёт за услуги оплачен'],
    ['requested an estimate', 'request for estimates', 'the weather is nice'],
  ])('when %j is compared, then %j is nearer than %j', (query, near, far) => {
    const q = embedLocally(query, 256);
    expect(cosine(q, embedLocally(near, 256))).toBeGreaterThan(cosine(q, embedLocally(far, 256)));
  });

  it('when a text has only stopwords and punctuation, then it still gets a valid unit vector', () => {
    const v = embedLocally('the and ?!', 64);
    expect(cosine(v, v)).toBeCloseTo(1, 6);
  });

  it('when features are extracted, then words, pairs, stems and trigrams appear; ё folds to е', () => {
    const f = lexicalFeatures('Ещё приложение');
    expect([...f.keys()]).toEqual(
      expect.arrayContaining(['w:еще', 'w:приложение', 's:прило', 'p:еще приложение', 't:#ещ']),
    );
  });
});

describe('planBatches', () => {
  it.each([
    { tokens: [1, 1, 1, 1, 1], maxInputs: 2, maxTokens: 100, expected: [[0, 1], [2, 3], [4]] },
    { tokens: [60, 60, 60], maxInputs: 10, maxTokens: 100, expected: [[0], [1], [2]] },
    { tokens: [40, 40, 40], maxInputs: 10, maxTokens: 100, expected: [[0, 1], [2]] },
    { tokens: [500], maxInputs: 10, maxTokens: 100, expected: [[0]] },
    { tokens: [], maxInputs: 10, maxTokens: 100, expected: [] },
  ])(
    'when tokens are $tokens with max $maxInputs inputs / $maxTokens tokens, then batches are $expected',
    ({ tokens, maxInputs, maxTokens, expected }) => {
      expect(planBatches(tokens, maxInputs, maxTokens)).toEqual(expected);
    },
  );
});

describe('retryDelayMs', () => {
  it.each([
    { attempt: 0, retryAfter: undefined, random: 1, expected: 500 },
    { attempt: 2, retryAfter: undefined, random: 1, expected: 2000 },
    { attempt: 2, retryAfter: undefined, random: 0, expected: 1000 },
    { attempt: 10, retryAfter: undefined, random: 1, expected: 30_000 },
    { attempt: 0, retryAfter: 1000, random: 0.3, expected: 1000 },
    { attempt: 0, retryAfter: 120_000, random: 0.3, expected: 30_000 },
  ])(
    'when attempt $attempt has Retry-After $retryAfter, then the delay is $expected ms',
    ({ attempt, retryAfter, random, expected }) => {
      expect(retryDelayMs(attempt, 500, 30_000, retryAfter, random)).toBe(expected);
    },
  );
});

describe('embeddingProviderKind', () => {
  const base = { EMBEDDING_MODEL: 'm', EMBEDDING_DIM: 8, OPENAI_EMBED_MAX_INPUTS: 10 };
  it.each([
    [{ EMBEDDING_PROVIDER: 'auto' as const }, 'local'],
    [{ EMBEDDING_PROVIDER: 'auto' as const, OPENAI_API_KEY: 'sk' }, 'openai'],
    [{ EMBEDDING_PROVIDER: 'auto' as const, OPENAI_BASE_URL: 'http://localhost:11434/v1' }, 'openai'],
    [{ EMBEDDING_PROVIDER: 'local' as const, OPENAI_API_KEY: 'sk' }, 'local'],
    [{ EMBEDDING_PROVIDER: 'openai' as const }, 'openai'],
  ])('when the env is %j, then the provider is %s', (env, expected) => {
    expect(embeddingProviderKind({ ...base, ...env })).toBe(expected);
  });
});

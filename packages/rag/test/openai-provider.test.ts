import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@keel/core/logger';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { createEmbeddings } from '../src/create-embeddings.ts';
import { EmbeddingProviderError } from '../src/embedding-provider.ts';
import { createOpenAiProvider } from '../src/openai-provider.ts';

/** The provider against the sandbox's OpenAI-compatible server, over real HTTP. */
const ROUTE = 'POST /v1/embeddings';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', only: ['openai'] });
});

afterAll(async () => {
  await sb?.close();
});

function provider(maxInputs: number, dim = 64, apiKey = sb.tokens.openai) {
  return createOpenAiProvider({
    baseURL: sb.urls.openai,
    apiKey,
    model: 'text-embedding-3-small',
    dim,
    maxInputs,
  });
}

const inputs = (n: number) =>
  Array.from({ length: n }, (_, i) => `Message ${i}: when is the mobile app ready?`);
const noWait = { sleep: async () => undefined };

describe('OpenAI-compatible provider', () => {
  it('when 25 inputs go out with a maximum of 10 per request, then 3 requests carry 10, 10 and 5', async () => {
    sb.faults.configure({ rate: 0 });
    sb.counters.reset();
    const sizes: number[] = [];
    const vectors = await createEmbeddings(inputs(25), silentLogger, provider(10), {
      ...noWait,
      onBatch: ({ indexes }) => {
        sizes.push(indexes.length);
      },
    });
    expect(sizes).toEqual([10, 10, 5]);
    expect(sb.counters.get('openai', ROUTE)).toBe(3);
    expect(vectors).toHaveLength(25);
    for (const v of vectors) expect(v).toHaveLength(64);
  });

  it('when the same text is embedded in different batches, then the vectors match (order is kept)', async () => {
    sb.faults.configure({ rate: 0 });
    const texts = inputs(7);
    const a = await createEmbeddings(texts, silentLogger, provider(3), noWait);
    const b = await createEmbeddings([...texts].reverse(), silentLogger, provider(100), noWait);
    expect(a).toEqual([...b].reverse());
  });

  it('when the server answers 429s, then requests are retried, Retry-After is honoured and all vectors arrive', async () => {
    sb.faults.configure({ rate: 0.5, kinds: ['rate_limit'], seed: 11, retryAfterSeconds: 1 });
    sb.counters.reset();
    const delays: number[] = [];
    const vectors = await createEmbeddings(inputs(40), silentLogger, provider(10), {
      retries: 10,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    const injected = sb.faults.log.filter((f) => f.kind === 'rate_limit').length;
    expect(injected).toBeGreaterThan(0);
    expect(sb.counters.get('openai', ROUTE)).toBe(4 + injected);
    expect(delays).toHaveLength(injected);
    for (const d of delays) expect(d).toBe(1000);
    expect(vectors.every((v) => v.length === 64)).toBe(true);
  });

  it('when the server keeps failing, then the error says so and is marked retryable', async () => {
    sb.faults.configure({ rate: 1, kinds: ['server_error'] });
    const error = await createEmbeddings(inputs(3), silentLogger, provider(10), {
      ...noWait,
      retries: 2,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(EmbeddingProviderError);
    expect(error).toMatchObject({ retryable: true });
    expect(String(error.message)).toMatch(/answered 5\d\d/);
    sb.faults.configure({ rate: 0 });
  });

  it('when the key is wrong, then it fails at once without retrying', async () => {
    sb.faults.configure({ rate: 0 });
    sb.counters.reset();
    const error = await createEmbeddings(inputs(3), silentLogger, provider(10, 64, 'sk-wrong'), noWait).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(sb.counters.get('openai', ROUTE)).toBe(1);
  });

  it('when an input is longer than the model accepts, then it is truncated instead of rejected', async () => {
    sb.faults.configure({ rate: 0 });
    const long = 'word '.repeat(20_000);
    const [v] = await createEmbeddings([long], silentLogger, provider(10), noWait);
    expect(v).toHaveLength(64);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';
import { loadSpec } from './spec-helpers.ts';

const loops = loadSpec('loops-openapi.yaml');
const openai = loadSpec('openai-openapi.yaml');
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 13, only: ['loops', 'openai'] });
});
afterAll(() => sb.close());

describe('Loops emulator against loops-openapi.yaml', () => {
  it('when every served route is called, then each response validates against the published response schema', async () => {
    const headers = { authorization: `Bearer ${sb.tokens.loops}` };
    const cases: Array<[string, string, unknown?, Record<string, string>?]> = [
      ['GET', '/v1/api-key'],
      [
        'POST',
        '/v1/contacts/create',
        {
          email: 'ada@example.com',
          firstName: 'Ada',
          userId: 'u1',
          plan: 'pro',
          mailingLists: { list1: true },
        },
      ],
      ['POST', '/v1/contacts/create', { email: 'ada@example.com' }],
      ['POST', '/v1/contacts/create', { email: 'not-an-email' }],
      ['PUT', '/v1/contacts/update', { userId: 'u1', lastName: 'Lovelace', health: 72 }],
      ['PUT', '/v1/contacts/update', { firstName: 'x' }],
      ['GET', '/v1/contacts/find?email=ada%40example.com'],
      ['GET', '/v1/contacts/find?email=nobody%40example.com'],
      ['GET', '/v1/contacts/find?email=a%40b.co&userId=u1'],
      [
        'POST',
        '/v1/events/send',
        { eventName: 'projectAtRisk', email: 'ada@example.com', eventProperties: { risk: 61 } },
        { 'idempotency-key': 'k1' },
      ],
      [
        'POST',
        '/v1/events/send',
        { eventName: 'projectAtRisk', email: 'ada@example.com' },
        { 'idempotency-key': 'k1' },
      ],
      ['GET', '/v1/lists'],
      ['POST', '/v1/contacts/delete', { email: 'ada@example.com' }],
      ['POST', '/v1/contacts/delete', { email: 'ada@example.com' }],
    ];
    const statuses: number[] = [];
    for (const [method, path, json, extra] of cases) {
      const res = await call(`${sb.urls.loops}${path}`, { method, headers: { ...headers, ...extra }, json });
      statuses.push(res.status);
      expect(
        loops.check(method, path.split('?')[0] ?? path, res.status, res.body),
        `${method} ${path} -> ${res.status}`,
      ).toBeNull();
      expect(res.headers.get('x-ratelimit-limit')).toBe('10');
    }
    expect(statuses).toEqual([200, 200, 409, 400, 200, 400, 200, 200, 400, 200, 409, 200, 200, 404]);
  });

  it('when a contact is found, then custom properties are top-level keys', async () => {
    const headers = { authorization: `Bearer ${sb.tokens.loops}` };
    await call(`${sb.urls.loops}/v1/contacts/update`, {
      method: 'PUT',
      headers,
      json: { email: 'grace@example.com', projectHealth: 40 },
    });
    const res = await call(`${sb.urls.loops}/v1/contacts/find?email=grace%40example.com`, { headers });
    expect((res.body as Array<Record<string, unknown>>)[0]).toMatchObject({
      email: 'grace@example.com',
      projectHealth: 40,
      subscribed: true,
      source: 'API',
    });
  });
});

describe('OpenAI embeddings emulator against openai-openapi.yaml', () => {
  const embed = (json: unknown, key = sb.tokens.openai) =>
    call(`${sb.urls.openai}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      json,
    });

  it('when embeddings are requested, then the response validates and vectors have the requested dimensions', async () => {
    const res = await embed({
      model: 'text-embedding-3-small',
      input: ['late delivery', 'late delivery again'],
      encoding_format: 'float',
      dimensions: 256,
    });
    expect(res.status).toBe(200);
    expect(openai.check('POST', '/embeddings', 200, res.body)).toBeNull();
    const data = (res.body as { data: Array<{ embedding: number[]; index: number }> }).data;
    expect(data.map((d) => d.embedding.length)).toEqual([256, 256]);
    const norm = Math.sqrt((data[0]?.embedding ?? []).reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 4);
    const again = await embed({
      model: 'text-embedding-3-small',
      input: ['late delivery', 'late delivery again'],
      encoding_format: 'float',
      dimensions: 256,
    });
    expect(again.body).toEqual(res.body);
  });

  it('when base64 is requested, then it decodes to the same little-endian float32 vector', async () => {
    const f = await embed({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 16,
      encoding_format: 'float',
    });
    const b = await embed({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 16,
      encoding_format: 'base64',
    });
    const buf = Buffer.from(
      (b.body as { data: Array<{ embedding: string }> }).data[0]?.embedding ?? '',
      'base64',
    );
    const decoded = Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
    const floats = (f.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding ?? [];
    decoded.forEach((x, i) => {
      expect(x).toBeCloseTo(floats[i] ?? Number.NaN, 5);
    });
  });

  it('when limits are broken, then OpenAI error envelopes come back', async () => {
    const cases: Array<[unknown, number, string | null]> = [
      [{ model: 'text-embedding-3-small', input: '' }, 400, null],
      [{ model: 'text-embedding-3-small', input: Array.from({ length: 2049 }, () => 'x') }, 400, null],
      [{ model: 'text-embedding-3-small', input: 'x'.repeat(40_000) }, 400, null],
      [{ model: 'text-embedding-ada-002', input: 'x', dimensions: 8 }, 400, null],
      [{ model: 'no-such-model', input: 'x' }, 404, 'model_not_found'],
      [{ model: 'text-embedding-3-small', input: 'x', foo: 1 }, 400, null],
    ];
    for (const [json, status, code] of cases) {
      const res = await embed(json);
      expect(res.status).toBe(status);
      const error = (
        res.body as { error: { code: string | null; type: string; message: string; param: string | null } }
      ).error;
      expect(error.code).toBe(code);
      expect(typeof error.message).toBe('string');
      expect('param' in error && 'type' in error).toBe(true);
    }
    const unauthorized = await embed({ model: 'text-embedding-3-small', input: 'x' }, 'sk-wrong');
    expect(unauthorized.status).toBe(401);
    expect((unauthorized.body as { error: { code: string } }).error.code).toBe('invalid_api_key');
  });

  it('when throttled, then 429 validates against the published TooManyRequests response and carries retry-after', async () => {
    sb.faults.configure({ rate: 1, kinds: ['rate_limit'], retryAfterSeconds: 1 });
    try {
      const res = await embed({ model: 'text-embedding-3-small', input: 'x' });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(openai.check('POST', '/embeddings', 429, res.body)).toBeNull();
    } finally {
      sb.faults.configure({ rate: 0 });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseProjectIdsInput, toIsoTime, toPositiveInt } from '../src/utils.ts';
import { parseEnv } from '../src/env.ts';
import { createSecretBox, deriveDevKey, safeEqual } from '../src/crypto.ts';
import { ApiError, codeForTrpc, statusForCode } from '../src/errors.ts';
import { requireProjectScope } from '../src/scope.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('toIsoTime', () => {
  it.each([
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05+01:00', '2026-01-02T02:04:05.000Z'],
    [1767323045, '2026-01-02T03:04:05.000Z'],
    [1767323045000, '2026-01-02T03:04:05.000Z'],
    ['1767323045', '2026-01-02T03:04:05.000Z'],
    ['not a date', null],
    [null, null],
    ['', null],
    [{}, null],
  ])('when given %j, then %j', (input, expected) => {
    expect(toIsoTime(input)).toBe(expected);
  });
});

describe('toPositiveInt', () => {
  it.each([
    ['5', 10, 100, 5],
    [5, 10, 100, 5],
    ['500', 10, 100, 100],
    ['-1', 10, 100, 10],
    ['0', 10, 100, 10],
    ['2.5', 10, 100, 10],
    ['abc', 10, 100, 10],
    [undefined, 7, 100, 7],
  ])('when given %j (fallback %i, max %i), then %i', (value, fallback, max, expected) => {
    expect(toPositiveInt(value, fallback, max)).toBe(expected);
  });
});

describe('parseProjectIdsInput', () => {
  it('when given a comma list with junk and duplicates, then valid unique ids in order', () => {
    expect(parseProjectIdsInput(`${B}, nope ,${A},${B.toUpperCase()}`)).toEqual([B, A]);
  });
  it('when given an array, then the same rules apply and max is respected', () => {
    expect(parseProjectIdsInput([A, 3, B], 1)).toEqual([A]);
    expect(parseProjectIdsInput(undefined)).toEqual([]);
  });
});

describe('env', () => {
  it('when nothing is set, then the seed defaults apply', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      CORS_ORIGIN: 'http://localhost:3000',
      EMBEDDING_MODEL: 'text-embedding-3-small',
      EMBEDDING_DIM: 1536,
      OPENAI_EMBED_MAX_INPUTS: 100,
      WORKER_TICK_LIMIT: 25,
      WORKER_INTERVAL_SECONDS: 60,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });
  it('when variables are invalid, then one error names each of them', () => {
    expect(() => parseEnv({ PORT: 'abc', WORKER_TICK_LIMIT: '0', DATABASE_URL: 'nope' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*WORKER_TICK_LIMIT|PORT[\s\S]*WORKER_TICK_LIMIT/,
    );
  });
});

describe('secret box', () => {
  it('when a secret is sealed, then only the same key and context open it', () => {
    const box = createSecretBox(deriveDevKey('a'));
    const sealed = box.encrypt('{"token":"s3cret"}', 'ws1:linear');
    expect(sealed).not.toContain('s3cret');
    expect(box.decrypt(sealed, 'ws1:linear')).toBe('{"token":"s3cret"}');
    expect(() => box.decrypt(sealed, 'ws2:linear')).toThrow();
    expect(() => createSecretBox(deriveDevKey('b')).decrypt(sealed, 'ws1:linear')).toThrow();
    expect(box.encrypt('x')).not.toBe(box.encrypt('x'));
  });
  it('when comparing tokens, then only equal strings match', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('errors and scope', () => {
  it('when codes are mapped, then HTTP and tRPC agree with the table', () => {
    expect(statusForCode('project_required')).toBe(409);
    expect(statusForCode('csrf_failed')).toBe(403);
    expect(codeForTrpc('NOT_FOUND')).toBe('not_found');
    expect(new ApiError('rate_limited', 'slow').status).toBe(429);
  });
  it('when no project is active, then requireProjectScope throws 409', () => {
    expect(() => requireProjectScope({ scope: { accountScopeId: A, projectId: null } })).toThrow(ApiError);
    expect(requireProjectScope({ scope: { accountScopeId: A, projectId: B } })).toEqual({
      accountScopeId: A,
      projectId: B,
    });
  });
});

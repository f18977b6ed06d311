import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedUser, type TestApp } from './helpers.ts';

const LIMIT = 5;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_ATTEMPTS: String(LIMIT), LOGIN_WINDOW_SECONDS: '600' } });
});
afterAll(async () => {
  await t?.close();
});

type Outcome = { status: number; code: string | undefined };

/** One wrong-password attempt over REST, tRPC or a tRPC batch; the error code from either shape. */
async function attempt(
  kind: 'rest' | 'trpc' | 'batch',
  email: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const credentials = { email, password: 'wrong-password' };
  const res =
    kind === 'rest'
      ? await t.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: credentials,
          remoteAddress,
          headers,
        })
      : kind === 'trpc'
        ? await t.app.inject({
            method: 'POST',
            url: '/trpc/auth.login',
            payload: credentials,
            remoteAddress,
            headers,
          })
        : await t.app.inject({
            method: 'POST',
            url: '/trpc/auth.login,auth.login?batch=1',
            payload: { 0: credentials, 1: credentials },
            remoteAddress,
            headers,
          });
  const body = res.json() as { error?: unknown; data?: unknown };
  if (kind === 'rest' || typeof body.error === 'string') {
    expect(body).toMatchObject({ ok: false, request_id: expect.any(String), message: expect.any(String) });
    return { status: res.statusCode, code: body.error as string };
  }
  const error = (body as { error?: { data?: { keelCode?: string } } }).error;
  return { status: res.statusCode, code: error?.data?.keelCode };
}

describe('login limit under concurrency', () => {
  it('when 200 wrong logins for one account arrive at once over REST, tRPC and batches, then at most the limit get 401 and the rest 429', async () => {
    const u = await seedUser(t);
    const kinds = ['rest', 'trpc', 'batch'] as const;
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => attempt(kinds[i % 3] ?? 'rest', u.email, '10.0.0.1')),
    );
    const batched = outcomes.filter((_, i) => i % 3 === 2);
    const single = outcomes.filter((_, i) => i % 3 !== 2);
    // A batch carrying auth.login is refused before any password is checked.
    for (const o of batched) expect(o).toEqual({ status: 400, code: 'bad_request' });
    const unauthorized = single.filter((o) => o.status === 401);
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(unauthorized.length).toBeLessThanOrEqual(LIMIT);
    for (const o of single.filter((x) => x.status !== 401)) {
      expect(o).toEqual({ status: 429, code: 'rate_limited' });
    }
    // The right password is refused too while the account is locked.
    const right = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: { email: u.email, password: u.password },
      remoteAddress: '10.0.0.9',
    });
    expect(right.statusCode).toBe(429);
  });

  it('when one address spoofs X-Forwarded-For for every attempt and trustProxy is off, then the per-IP limit still holds', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        attempt(i % 2 === 0 ? 'trpc' : 'rest', `nobody${i}@spoof.test`, '10.0.0.2', {
          'x-forwarded-for': `203.0.113.${i % 250}`,
        }),
      ),
    );
    const unauthorized = outcomes.filter((o) => o.status === 401);
    expect(unauthorized.length).toBeGreaterThan(0);
    expect(unauthorized.length).toBeLessThanOrEqual(LIMIT * 4);
    for (const o of outcomes.filter((x) => x.status !== 401)) {
      expect(o).toEqual({ status: 429, code: 'rate_limited' });
    }
  });

  it('when an account signs in successfully, then its attempt does not count against the limit', async () => {
    const u = await seedUser(t);
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        payload: { email: u.email, password: u.password },
        remoteAddress: '10.0.0.3',
      });
      expect(res.statusCode).toBe(200);
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithRetry, isRetryableStatus, parseRetryAfter } from '../src/http.ts';

/** A tiny real HTTP server whose responses follow a script per test. */
let server: Server;
let base: string;
let script: Array<{ status: number; headers?: Record<string, string>; delayMs?: number }> = [];
let calls = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    calls += 1;
    const step = script.shift() ?? { status: 200 };
    setTimeout(() => {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify({ call: calls }));
    }, step.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function run(steps: typeof script, opts: Parameters<typeof fetchWithRetry>[1] = {}) {
  script = [...steps];
  calls = 0;
  const sleeps: number[] = [];
  const promise = fetchWithRetry(`${base}/x?token=secret`, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...opts,
  });
  return { promise, sleeps };
}

describe('fetchWithRetry', () => {
  it.each([408, 425, 429, 500, 502, 503, 599])('when the status is %i, then it is retryable', (s) => {
    expect(isRetryableStatus(s)).toBe(true);
  });
  it.each([200, 400, 401, 404, 409, 422])('when the status is %i, then it is not retried', (s) => {
    expect(isRetryableStatus(s)).toBe(false);
  });

  it('when the server fails twice then succeeds, then it returns the success after 500 ms × attempt backoffs', async () => {
    const { promise, sleeps } = run([{ status: 503 }, { status: 500 }, { status: 200 }]);
    const res = await promise;
    expect(res.status).toBe(200);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('when retries are exhausted, then the last response is returned (2 retries = 3 calls)', async () => {
    const { promise } = run([{ status: 502 }, { status: 502 }, { status: 502 }, { status: 200 }]);
    const res = await promise;
    expect(res.status).toBe(502);
    expect(calls).toBe(3);
  });

  it('when the server sends Retry-After, then that wait wins over the backoff', async () => {
    const { promise, sleeps } = run([{ status: 429, headers: { 'retry-after': '3' } }, { status: 200 }]);
    await promise;
    expect(sleeps).toEqual([3000]);
  });

  it('when a 4xx other than 408/425/429 comes back, then it is returned at once', async () => {
    const { promise } = run([{ status: 404 }, { status: 200 }]);
    expect((await promise).status).toBe(404);
    expect(calls).toBe(1);
  });

  it('when an attempt exceeds the timeout, then it is aborted and retried', async () => {
    const { promise } = run([{ status: 200, delayMs: 300 }, { status: 200 }], { timeoutMs: 50 });
    const res = await promise;
    expect(res.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('when every attempt times out, then a timeout error without the query string is thrown', async () => {
    const { promise } = run(
      [
        { status: 200, delayMs: 200 },
        { status: 200, delayMs: 200 },
        { status: 200, delayMs: 200 },
      ],
      { timeoutMs: 30 },
    );
    await expect(promise).rejects.toThrow(/timed out after 30 ms/);
    await expect(promise).rejects.not.toThrow(/secret/);
  });

  it('when Retry-After is an HTTP date, then the wait is the time until it', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('garbage', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

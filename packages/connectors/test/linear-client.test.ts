import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../src/errors.ts';
import { createLinearClient } from '../src/linear/client.ts';
import type { SyncDeps } from '../src/types.ts';

/** Linear's throttle and error classification over real HTTP, against scripted answers. */
let server: Server;
let url: string;
let next: { status: number; body: unknown } = { status: 200, body: { data: {} } };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const deps: SyncDeps = {
  logger: silentLogger,
  bus: createMemoryEventBus(),
  clock: manualClock('2025-07-01T00:00:00Z'),
  secrets: createSecretBox(deriveDevKey('linear-client-test')),
  // The scripted Linear listens on loopback, which the egress policy refuses unless allowed.
  env: parseEnv({ NODE_ENV: 'test', CONNECTOR_EGRESS_ALLOW: '127.0.0.1' }),
  http: { timeoutMs: 2_000, retries: 0, backoffMs: 1, maxRetryAfterMs: 1, pageRetries: 0 },
};

async function failure(status: number, body: unknown): Promise<ConnectorError> {
  next = { status, body };
  const client = createLinearClient(
    { connector: 'linear', token: 'lin_api_test', baseUrl: url, source: 'stored' },
    deps,
  );
  const error = await client.request('query { viewer { id } }', {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

describe('Linear client error classification', () => {
  it('when Linear answers 400 with extensions.code RATELIMITED whatever the message, then the error is a retryable rate limit', async () => {
    const error = await failure(400, graphqlError('Too many requests; slow down', 'RATELIMITED'));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(400);
    expect(error.transient).toBe(true);
  });

  it('when Linear answers 400 with another code although the message mentions a rate limit, then it is not taken for a throttle', async () => {
    const error = await failure(400, graphqlError('Argument "rate limit" is invalid', 'INPUT_ERROR'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.transient).toBe(false);
  });

  it('when Linear answers HTTP 429, then the error is a rate limit too (as Linear’s SDK treats it)', async () => {
    const error = await failure(429, graphqlError('Rate limited', 'RATELIMITED'));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
  });

  it('when a 200 carries a RATELIMITED error, then the error is a rate limit', async () => {
    const error = await failure(200, { data: null, ...graphqlError('ratelimited', 'RATELIMITED') });
    expect(error.kind).toBe('rate_limited');
  });
});

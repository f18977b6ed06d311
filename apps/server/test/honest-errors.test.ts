import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRestRoutes } from '@keel/api/rest/route-table';
import { publicProcedure, router } from '@keel/api/trpc';
import { registerAuthHooks } from '../src/hooks/auth-hooks.ts';
import { registerErrorHandlers } from '../src/error-handler.ts';
import { createRequestContext } from '../src/request-context.ts';
import { registerRestRoutes } from '../src/rest-adapter.ts';
import { createTestApp, type TestApp } from './helpers.ts';

/** A throwaway router whose procedure returns what its own output schema refuses. */
const brokenRouter = router({
  broken: publicProcedure
    .meta({ rest: { method: 'GET', path: '/broken', summary: 'returns a bad shape', tags: ['Test'] } })
    .output(z.object({ secretInternalField: z.number() }))
    .query(() => ({ secretInternalField: 'not a number' }) as unknown as { secretInternalField: number }),
});

let t: TestApp;
let app: FastifyInstance;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = Fastify({ logger: { level: 'error', stream } });
  await app.register(cookie);
  registerErrorHandlers(app);
  registerAuthHooks(app, t.deps);
  registerRestRoutes(app, t.deps, brokenRouter, buildRestRoutes(brokenRouter));
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: brokenRouter,
      createContext: ({ req, res }) => createRequestContext(t.deps, req, res),
    } satisfies FastifyTRPCPluginOptions<typeof brokenRouter>['trpcOptions'],
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('output validation failures', () => {
  it('when a REST procedure returns output that fails its schema, then 500 internal_error without internals, and the detail is logged', async () => {
    const res = await app.inject({ method: 'GET', url: '/broken' });
    expect(res.statusCode).toBe(500);
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ ok: false, error: 'internal_error', details: {} });
    expect(res.body).not.toContain('secretInternalField');
    expect(res.body).not.toContain('validation');
    expect(logLines.join('\n')).toContain('secretInternalField');
  });

  it('when the same procedure is called over tRPC, then the error is INTERNAL_SERVER_ERROR with keelCode internal_error and no field paths', async () => {
    const res = await app.inject({ method: 'GET', url: '/trpc/broken' });
    expect(res.statusCode).toBe(500);
    const body = res.json() as { error: { message: string; data: { keelCode: string } } };
    expect(body.error.data.keelCode).toBe('internal_error');
    expect(body.error.message).toBe('Internal error');
    expect(res.body).not.toContain('secretInternalField');
  });
});

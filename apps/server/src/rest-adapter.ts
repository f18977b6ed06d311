import type { FastifyInstance } from 'fastify';
import { okEnvelope } from '@keel/core/envelope';
import type { AnyRouter } from '@trpc/server';
import type { AppDeps } from '@keel/app/deps';
import type { RestRoute } from '@keel/api/rest/route-table';
import { createCallerFactory } from '@keel/api/trpc';
import { createRequestContext } from './request-context.ts';

type Callable = (input: unknown) => Promise<unknown>;

function procedureAt(caller: unknown, path: string): Callable {
  let node: unknown = caller;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new Error(`No procedure at ${path}`);
  return node as Callable;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Registers every route of the table: merges path params, query and body into the
 * procedure's input, calls it in-process and wraps the result in the seed's envelope.
 * Errors travel to the server's error handler, which renders the error envelope.
 */
export function registerRestRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  appRouter: AnyRouter,
  routes: RestRoute[],
): void {
  const createCaller = createCallerFactory(appRouter);
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      config: {
        restRoute: route,
        ...(route.path === '/auth/login' ? { rateLimit: { max: 30, timeWindow: '1 minute' } } : {}),
      },
      handler: async (req, reply) => {
        const body = req.body;
        if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
          reply.code(400);
          return {
            ok: false,
            request_id: req.id,
            error: 'bad_request',
            message: 'The request body must be a JSON object.',
            details: {},
          };
        }
        const merged = { ...asRecord(req.query), ...asRecord(body), ...asRecord(req.params) };
        const input = route.input ? merged : undefined;
        const caller = createCaller(createRequestContext(deps, req, reply));
        const data = await procedureAt(caller, route.procedurePath)(input);
        reply.code(route.successStatus ?? 200);
        return okEnvelope(req.id, data);
      },
    });
  }
}

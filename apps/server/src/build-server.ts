import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { loggerOptions } from '@keel/core/logger';
import { randomToken } from '@keel/core/ids';
import type { AppDeps } from '@keel/app/deps';
import { stopSyncRuns } from '@keel/app/services/sync-run-background';
import { type AppRouter, appRouter } from '@keel/api/root';
import { buildRestRoutes, type RestRoute } from '@keel/api/rest/route-table';
import { buildOpenApiDocument } from '@keel/api/rest/openapi';
import { registerAuthHooks } from './hooks/auth-hooks.ts';
import { registerTrpcGuards, TRPC_MAX_BATCH, trustProxySetting } from './hooks/trpc-guards.ts';
import { registerErrorHandlers } from './error-handler.ts';
import { getQueueStats } from '@keel/db/queries/scheduler';
import { createServerMetrics, registerJobQueueMetrics, type ServerMetrics } from './metrics.ts';
import { createRequestContext } from './request-context.ts';
import { registerRestRoutes } from './rest-adapter.ts';
import { registerHealthRoute } from './routes/health.ts';
import type { SseOptions } from './sse/sse-hub.ts';
import { registerSseRoute } from './sse/sse-route.ts';

export type BuildServerOptions = {
  deps: AppDeps;
  /** Pino logging; tests pass false. */
  logger?: boolean;
  /** Returns the Redis check for /health; absent means "disabled" (embedded mode). */
  pingRedis?: () => Promise<'ok' | 'error' | 'disabled'>;
  metrics?: ServerMetrics;
  /** SSE tuning (tests shorten the heartbeat and the slow-client limit). */
  sse?: Partial<SseOptions>;
};

export type KeelServer = FastifyInstance & { keelRoutes: RestRoute[]; keelMetrics: ServerMetrics };

/** Builds the app without listening: tests drive it with inject(), main.ts listens. */
export async function buildServer(options: BuildServerOptions): Promise<KeelServer> {
  const { deps } = options;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.env.LOG_LEVEL),
    bodyLimit: 64 * 1024,
    genReqId: () => randomToken(9),
    requestIdHeader: false,
    // Off unless the operator says a proxy sits in front: otherwise X-Forwarded-For is the
    // caller's own claim and would pick the address the per-IP login limit counts.
    trustProxy: trustProxySetting(deps.env.TRUST_PROXY),
    // /trpc/:path carries a batch's procedure names (up to TRPC_MAX_BATCH of them, comma-separated).
    routerOptions: { maxParamLength: 1000 },
  });
  const metrics = options.metrics ?? createServerMetrics(options.logger !== false);

  await app.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    origin: deps.env.CORS_ORIGIN.split(',').map((o) => o.trim()),
    credentials: true,
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-project-id', 'last-event-id'],
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerErrorHandlers(app);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'not_found';
    metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Sync runs started here go on after their request; closing the server aborts them (each is
  // recorded `failed`, "aborted") and waits, so nothing writes after the database closes.
  app.addHook('onClose', async () => {
    await stopSyncRuns(deps);
  });

  registerTrpcGuards(app);
  registerAuthHooks(app, deps);

  const routes = buildRestRoutes(appRouter);
  registerRestRoutes(app, deps, appRouter, routes);
  const openapi = buildOpenApiDocument(routes, { title: 'Keel API', version: '1.0.0' });
  app.get('/openapi.json', async () => openapi);
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  registerHealthRoute(app, deps, options.pingRedis ?? (async () => 'disabled'));
  registerJobQueueMetrics(
    metrics,
    () => getQueueStats(deps.db, deps.clock.now()),
    () => deps.clock.now(),
  );
  await registerSseRoute(app, deps, metrics, options.sse);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH,
      createContext: ({ req, res }) => createRequestContext(deps, req, res),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error, path }, 'trpc procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  return Object.assign(app, { keelRoutes: routes, keelMetrics: metrics }) as unknown as KeelServer;
}

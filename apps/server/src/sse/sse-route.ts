import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '@keel/core/errors';
import { hydrateScope } from '@keel/app/auth/identify';
import { liveProjectsFor, streamStillAllowed } from '@keel/app/services/live-audience';
import type { AppDeps } from '@keel/app/deps';
import type { ServerMetrics } from '../metrics.ts';
import { createSseHub, DEFAULT_SSE_OPTIONS, type SseOptions } from './sse-hub.ts';

/**
 * GET /events/stream: Server-Sent Events for the signed-in user's active project (or
 * `?project=<id>` for a tab pinned to another project they can see; without either, every
 * project they can see). Job and sync events of those projects and workspace-wide events
 * arrive as they are published on the bus.
 */
export async function registerSseRoute(
  app: FastifyInstance,
  deps: AppDeps,
  metrics: ServerMetrics,
  overrides: Partial<SseOptions> = {},
): Promise<void> {
  const hub = await createSseHub(
    deps.bus,
    { ...DEFAULT_SSE_OPTIONS, ...overrides },
    {
      onCount: (d) => metrics.sseConnections.inc(d),
      logger: deps.logger,
      stillAllowed: (scope) => streamStillAllowed(deps.db, scope, deps.clock.now()),
    },
  );
  // Streams never end by themselves: close them first, or server.close() would wait forever.
  app.addHook('preClose', async () => {
    await hub.close();
  });

  app.get('/events/stream', async (req, reply) => {
    const auth = req.keel.auth;
    if (!auth)
      throw new ApiError('unauthorized', 'Sign in (POST /auth/login) before opening the event stream.');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const pinned = typeof query.project === 'string' ? query.project : undefined;
    const scope = pinned
      ? (await hydrateScope(deps.db, auth, req.keel.activeProjectId, pinned)).scope
      : req.keel.scope;
    // Without a project (the portfolio home, a user who has not picked one) the stream carries
    // every project the caller may see, and the workspace-wide events.
    const projects = scope.projectId ? [scope.projectId] : await liveProjectsFor(deps.db, auth);
    const header = req.headers['last-event-id'];
    const lastEventId =
      (Array.isArray(header) ? header[0] : header) ??
      (typeof query.lastEventId === 'string' ? query.lastEventId : undefined);

    reply.hijack();
    const socket = req.raw.socket;
    socket.setNoDelay(true);
    socket.setTimeout(0);
    // The head is written straight to the socket and the body is raw bytes until close (no
    // chunked encoding), so one event is one shared Buffer written to each socket.
    const headers: OutgoingHttpHeaders = {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'close',
      'x-accel-buffering': 'no',
    };
    const lines = Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    socket.write(`HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\n\r\n`);
    // The socket itself, not reply.raw: writing to the ServerResponse would send a second,
    // implicit HTTP head and chunk-frame every event.
    hub.add(
      socket,
      {
        accountScopeId: auth.accountScopeId,
        projects,
        userId: auth.userId,
        sessionIdHash: auth.sessionIdHash,
        apiKeyId: auth.apiKeyId,
      },
      lastEventId,
    );
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '@keel/core/errors';
import { safeEqual } from '@keel/core/crypto';
import { hydrateScope, identifyRequest } from '@keel/app/auth/identify';
import type { AppDeps } from '@keel/app/deps';
import { CSRF_HEADER, PROJECT_HEADER, SESSION_COOKIE } from '@keel/api/context';
import { emptyRequestState } from '../request-context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes that never need a session (and so no CSRF token either). */
const PUBLIC_PATHS = new Set(['/health', '/metrics', '/openapi.json', '/auth/login', '/trpc/auth.login']);

function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError('unauthorized', 'Authorization header must be "Bearer <api key>".');
  return match[1].trim();
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The seed's onRequest (session or API key, CSRF on cookie mutations) and preValidation
 * (scope hydration) hooks.
 */
export function registerAuthHooks(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('keel', null as never);

  app.addHook('onRequest', async (req) => {
    req.keel = emptyRequestState();
    const path = req.url.split('?')[0] ?? '';
    if (path === '/health' || path === '/metrics') return;
    const identified = await identifyRequest(
      deps.db,
      { sessionToken: req.cookies[SESSION_COOKIE], bearer: bearerOf(req) },
      deps.clock.now(),
      deps.identityCache,
    );
    if (!identified) return;
    req.keel.auth = identified.auth;
    req.keel.activeProjectId = identified.activeProjectId;
    if (identified.auth.keyReadOnly && !SAFE_METHODS.has(req.method)) {
      // tRPC queries are GETs and mutations POSTs, so the method tells reads from writes on both faces.
      throw new ApiError('forbidden', 'This API key is read-only; use a read-write key for changes.');
    }
    if (identified.auth.via === 'session' && !SAFE_METHODS.has(req.method) && !PUBLIC_PATHS.has(path)) {
      const sent = headerValue(req, CSRF_HEADER);
      if (!sent || !identified.auth.csrfToken || !safeEqual(sent, identified.auth.csrfToken)) {
        throw new ApiError(
          'csrf_failed',
          `This request needs the ${CSRF_HEADER} header with the token from POST /auth/login or GET /auth/me.`,
        );
      }
    }
  });

  app.addHook('preValidation', async (req) => {
    const header = headerValue(req, PROJECT_HEADER);
    const hydrated = await hydrateScope(
      deps.db,
      req.keel.auth,
      req.keel.activeProjectId,
      header,
      deps.identityCache,
    );
    req.keel.scope = hydrated.scope;
    req.keel.projectRole = hydrated.projectRole;
  });
}

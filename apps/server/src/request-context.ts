import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@keel/db/schema/platform';
import type { RequestScope } from '@keel/core/scope';
import type { AppDeps } from '@keel/app/deps';
import type { AuthIdentity } from '@keel/app/identity';
import { type Context, SESSION_COOKIE } from '@keel/api/context';

/** What the hooks attach to each request before any handler runs. */
export type KeelRequestState = {
  auth: AuthIdentity | null;
  activeProjectId: string | null;
  scope: RequestScope;
  projectRole: Role | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    keel: KeelRequestState;
  }
}

export function emptyRequestState(): KeelRequestState {
  return {
    auth: null,
    activeProjectId: null,
    scope: { accountScopeId: null, projectId: null },
    projectRole: null,
  };
}

/** The tRPC context of a Fastify request; the REST adapter and /trpc both build it here. */
export function createRequestContext(deps: AppDeps, req: FastifyRequest, reply: FastifyReply): Context {
  const secure = deps.env.NODE_ENV === 'production';
  return {
    deps,
    requestId: req.id,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    auth: req.keel.auth,
    scope: req.keel.scope,
    projectRole: req.keel.projectRole,
    cookies: {
      get: (name) => req.cookies[name],
      set: (name, value, options) => {
        reply.setCookie(name, value, {
          path: '/',
          httpOnly: options.httpOnly,
          sameSite: 'lax',
          secure,
          maxAge: options.maxAgeSeconds,
        });
      },
      clear: (name) => {
        reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      },
    },
  };
}

export { SESSION_COOKIE };

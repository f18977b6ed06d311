import type { AppDeps } from '@keel/app/deps';
import type { AuthIdentity } from '@keel/app/identity';
import type { RequestScope } from '@keel/core/scope';
import type { Role } from '@keel/db/schema/platform';

export type CookieJar = {
  set(name: string, value: string, options: { maxAgeSeconds: number; httpOnly: boolean }): void;
  clear(name: string): void;
  get(name: string): string | undefined;
};

export type Context = {
  deps: AppDeps;
  requestId: string;
  ip: string;
  userAgent: string | null;
  auth: AuthIdentity | null;
  /** Hydrated active project (session's selection, or X-Project-Id with an API key). */
  scope: RequestScope;
  /** The caller's effective role on the active project, when there is one. */
  projectRole: Role | null;
  cookies: CookieJar;
};

export const SESSION_COOKIE = 'keel_session';
export const CSRF_HEADER = 'x-csrf-token';
export const PROJECT_HEADER = 'x-project-id';

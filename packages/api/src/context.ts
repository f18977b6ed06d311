import type { Clock } from '@keel/core/clock';
import type { SecretBox } from '@keel/core/crypto';
import type { Env } from '@keel/core/env';
import type { EventBus } from '@keel/core/events';
import type { Logger } from '@keel/core/logger';
import type { RequestScope } from '@keel/core/scope';
import type { Database, DatabaseKind } from '@keel/db/client';
import type { Role } from '@keel/db/schema/platform';

/** Long-lived things a request needs; built once per process (apps/server/src/deps.ts). */
export type AppDeps = {
  db: Database;
  dbKind: DatabaseKind;
  env: Env;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  secrets: SecretBox;
};

/** Who is calling: a signed-in user (session cookie) or a script (API key acting as a user). */
export type AuthIdentity = {
  userId: string;
  email: string;
  name: string;
  accountScopeId: string;
  workspaceRole: Role;
  via: 'session' | 'api_key';
  sessionIdHash: string | null;
  apiKeyId: string | null;
  csrfToken: string | null;
};

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

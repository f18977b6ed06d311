import { capabilitiesOf } from '@keel/core/policy';
import type { Role } from '@keel/core/policy';
import { type Actor, auditAs } from '../audit.ts';
import { login } from '../auth/login.ts';
import { destroySession } from '../auth/sessions.ts';
import { announceAccessRevoked } from './live-audience.ts';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { currentWorkspace, listWorkspaces } from './workspaces.ts';

/** Sign-in, sign-out and "who am I" as the API serves them; cookies stay with the transport. */

type SignInRequest = {
  ip: string;
  userAgent: string | null;
  requestId: string;
  /** The browser's current session, replaced by the new one. */
  previousSessionIdHash: string | null;
};

/**
 * Signs in with the env's session lifetime and rate limits. `cookie` is for the transport to
 * set; `body` is what the caller sees (never the session token).
 */
export async function signIn(
  deps: Pick<AppDeps, 'db' | 'env' | 'clock'>,
  request: SignInRequest,
  credentials: { email: string; password: string },
) {
  const { env } = deps;
  const result = await login(deps.db, {
    ...credentials,
    ...request,
    now: deps.clock.now(),
    ttlDays: env.SESSION_TTL_DAYS,
    maxAttempts: env.LOGIN_MAX_ATTEMPTS,
    windowSeconds: env.LOGIN_WINDOW_SECONDS,
  });
  return {
    cookie: { token: result.session.token, maxAgeSeconds: env.SESSION_TTL_DAYS * 86_400 },
    body: {
      user: result.user,
      accountScopeId: result.accountScopeId,
      csrfToken: result.session.csrfToken,
      expiresAt: result.session.expiresAt.toISOString(),
    },
  };
}

/** Ends the session (an API key has none) and audits the sign-out. */
export async function signOut(actor: Actor<'bus' | 'clock'>) {
  const { sessionIdHash, accountScopeId, userId } = actor.auth;
  if (sessionIdHash) {
    await destroySession(actor.deps.db, sessionIdHash);
    // Open event streams of this session close now, on every server.
    await announceAccessRevoked(actor.deps, { accountScopeId, userId, sessionIdHash, apiKeyId: null });
  }
  await auditAs(actor, { action: 'auth.logout' });
  return { loggedOut: sessionIdHash !== null };
}

/** The signed-in user, their workspace and role, and the active project with their role on it. */
export async function describeCaller(
  deps: Pick<AppDeps, 'db'>,
  caller: { auth: AuthIdentity; activeProjectId: string | null; projectRole: Role | null },
) {
  const { auth } = caller;
  return {
    user: { id: auth.userId, email: auth.email, name: auth.name },
    accountScopeId: auth.accountScopeId,
    workspace: await currentWorkspace(deps.db, auth.accountScopeId),
    workspaceRole: auth.workspaceRole,
    via: auth.via,
    activeProjectId: caller.activeProjectId,
    projectRole: caller.projectRole,
    /** What the caller may do, from the policy module: the web shows and hides actions by it. */
    capabilities: capabilitiesOf(auth.workspaceRole, caller.projectRole),
    csrfToken: auth.csrfToken,
  };
}

/** Every workspace the user belongs to, with their role, and the one this session is in. */
export async function listCallerWorkspaces(deps: Pick<AppDeps, 'db'>, auth: AuthIdentity) {
  return { workspaces: await listWorkspaces(deps.db, auth.userId), currentId: auth.accountScopeId };
}

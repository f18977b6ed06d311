import type { Database } from '@keel/db/client';
import { findProjectAccess } from '@keel/db/queries/projects';
import type { Role } from '@keel/db/schema/platform';
import type { RequestScope } from '@keel/core/scope';
import { isUuid } from '@keel/core/utils';
import { ApiError } from '@keel/core/errors';
import type { AuthIdentity } from '../identity.ts';
import { resolveApiKey } from './api-keys.ts';
import type { IdentityCache } from './identity-cache.ts';
import { resolveSession } from './sessions.ts';

export type Credentials = { sessionToken: string | undefined; bearer: string | undefined };

export type Identified = { auth: AuthIdentity; activeProjectId: string | null };

/**
 * Who is calling (seed onRequest hook). An Authorization header wins over a cookie; a bearer
 * that does not resolve is an error rather than a silent fall-back to the cookie.
 */
export async function identifyRequest(
  db: Database,
  creds: Credentials,
  now: Date,
  cache?: IdentityCache,
): Promise<Identified | null> {
  if (creds.bearer !== undefined) {
    const found = await resolveApiKey(db, creds.bearer, now, cache);
    if (!found) throw new ApiError('unauthorized', 'The API key is invalid, revoked or expired.');
    return {
      auth: {
        userId: found.user.id,
        email: found.user.email,
        name: found.user.name,
        accountScopeId: found.key.accountScopeId,
        workspaceRole: found.role,
        via: 'api_key',
        sessionIdHash: null,
        apiKeyId: found.key.id,
        csrfToken: null,
        keyProjectIds: found.key.projectIds ?? null,
        keyReadOnly: found.key.readOnly,
      },
      activeProjectId: null,
    };
  }
  if (!creds.sessionToken) return null;
  const found = await resolveSession(db, creds.sessionToken, now);
  if (!found) return null;
  return {
    auth: {
      userId: found.user.id,
      email: found.user.email,
      name: found.user.name,
      accountScopeId: found.session.accountScopeId,
      workspaceRole: found.role,
      via: 'session',
      sessionIdHash: found.idHash,
      apiKeyId: null,
      csrfToken: found.session.csrfToken,
    },
    activeProjectId: found.session.activeProjectId,
  };
}

/**
 * The seed's preValidation scope hydration: the session's active project, or X-Project-Id
 * (API keys have no session; browsers may also pin a tab to a project). A project the caller
 * cannot see is refused, never silently swapped for another.
 */
export async function hydrateScope(
  db: Database,
  auth: AuthIdentity | null,
  activeProjectId: string | null,
  headerProjectId: string | undefined,
  cache?: IdentityCache,
): Promise<{ scope: RequestScope; projectRole: Role | null }> {
  if (!auth) return { scope: { accountScopeId: null, projectId: null }, projectRole: null };
  const wanted = headerProjectId ?? activeProjectId;
  if (!wanted) return { scope: { accountScopeId: auth.accountScopeId, projectId: null }, projectRole: null };
  if (!isUuid(wanted)) throw new ApiError('bad_request', 'X-Project-Id must be a project id (uuid).');
  if (auth.keyProjectIds && !auth.keyProjectIds.includes(wanted))
    throw new ApiError(
      'forbidden',
      'This API key is limited to other projects; use a key scoped to this one.',
    );
  const load = () => findProjectAccess(db, auth.accountScopeId, wanted, auth.userId, auth.workspaceRole);
  const role = cache
    ? await cache.projectRole(
        {
          accountScopeId: auth.accountScopeId,
          projectId: wanted,
          userId: auth.userId,
          workspaceRole: auth.workspaceRole,
        },
        load,
      )
    : await load();
  if (!role) {
    if (headerProjectId) throw new ApiError('forbidden', 'You have no access to that project.');
    // A stale selection (project deleted or access revoked) just means "no active project".
    return { scope: { accountScopeId: auth.accountScopeId, projectId: null }, projectRole: null };
  }
  return { scope: { accountScopeId: auth.accountScopeId, projectId: wanted }, projectRole: role };
}

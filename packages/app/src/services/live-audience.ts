import { seesWholeWorkspace } from '@keel/core/policy';
import { makeEvent } from '@keel/core/events';
import type { Role } from '@keel/core/policy';
import type { Database } from '@keel/db/client';
import { findActiveApiKey } from '@keel/db/queries/api-keys';
import { findProjectAccess } from '@keel/db/queries/projects';
import { findLiveSession } from '@keel/db/queries/sessions';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { listProjectsFor } from './projects.ts';

/**
 * The projects whose live events a caller may receive on a stream without a selected project
 * (the portfolio home): `all` for the workspace-wide roles — projects created later included —
 * otherwise the projects they can see now, by the same rule as the project list.
 */
export async function liveProjectsFor(db: Database, auth: AuthIdentity): Promise<'all' | string[]> {
  if (seesWholeWorkspace(auth.workspaceRole)) return 'all';
  const { projects } = await listProjectsFor(db, { auth, activeProjectId: null });
  return projects.map((p) => p.id);
}

/** What an open stream was granted: by which session or key, to whom, for which projects. */
export type StreamGrant = {
  accountScopeId: string;
  userId: string;
  sessionIdHash: string | null;
  apiKeyId: string | null;
  projects: 'all' | readonly string[];
};

/**
 * Whether an open stream may go on: its session (or API key) is still live — not signed out,
 * expired or revoked, the user not disabled — and the user may still see what it carries (each
 * project, or the whole workspace for an `all` stream). Streams re-check this periodically;
 * sign-out and key revocation also close them at once through `access.revoked`.
 */
export async function streamStillAllowed(db: Database, grant: StreamGrant, now: Date): Promise<boolean> {
  let role: Role | null = null;
  if (grant.sessionIdHash) {
    const session = await findLiveSession(db, grant.sessionIdHash, now);
    if (
      session &&
      session.user.id === grant.userId &&
      session.session.accountScopeId === grant.accountScopeId
    )
      role = session.role;
  } else if (grant.apiKeyId) {
    const key = await findActiveApiKey(db, { id: grant.apiKeyId }, now);
    if (key && key.user.id === grant.userId && key.key.accountScopeId === grant.accountScopeId)
      role = key.role;
  }
  if (!role) return false;
  if (grant.projects === 'all') return seesWholeWorkspace(role);
  for (const projectId of grant.projects) {
    if (!(await findProjectAccess(db, grant.accountScopeId, projectId, grant.userId, role))) return false;
  }
  return true;
}

/** Tells every server to close the streams opened with this session or key now. */
export async function announceAccessRevoked(
  deps: Pick<AppDeps, 'bus' | 'clock'> & Partial<Pick<AppDeps, 'identityCache'>>,
  revoked: { accountScopeId: string; userId: string; sessionIdHash: string | null; apiKeyId: string | null },
): Promise<void> {
  const { accountScopeId, ...data } = revoked;
  // This process at once, before the caller is answered; the others when the event reaches them.
  deps.identityCache?.revoked(data);
  await deps.bus.publish(
    makeEvent('access.revoked', { accountScopeId, projectId: null }, data, deps.clock.now()),
  );
}

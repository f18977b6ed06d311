import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import { audit } from '../audit.ts';
import { findWorkspace, setSessionWorkspace } from '@keel/db/queries/sessions';
import { listWorkspacesOfUser } from '@keel/db/queries/users';
import type { AuthIdentity } from '../identity.ts';

export async function currentWorkspace(db: Database, accountScopeId: string) {
  const ws = await findWorkspace(db, accountScopeId);
  if (!ws) throw new ApiError('not_found', 'Your workspace no longer exists. Sign in again.');
  return { id: ws.id, slug: ws.slug, name: ws.name };
}

export async function listWorkspaces(db: Database, userId: string) {
  const rows = await listWorkspacesOfUser(db, userId);
  return rows.map((r) => ({ id: r.accountScopeId, slug: r.slug, name: r.name, role: r.role }));
}

/** Sessions only: an API key belongs to one workspace for life. */
export async function switchWorkspace(
  db: Database,
  auth: AuthIdentity,
  accountScopeId: string,
  requestId: string,
) {
  if (!auth.sessionIdHash) {
    throw new ApiError(
      'bad_request',
      'API keys belong to one workspace; create a key in the other workspace instead.',
    );
  }
  const target = (await listWorkspaces(db, auth.userId)).find((w) => w.id === accountScopeId);
  if (!target) throw new ApiError('not_found', 'You are not a member of that workspace.');
  await setSessionWorkspace(db, auth.sessionIdHash, accountScopeId);
  // Recorded in the workspace switched to (the caller's identity still names the one left).
  await audit(
    db,
    { kind: 'caller', auth: { ...auth, accountScopeId }, requestId },
    {
      action: 'auth.switch_workspace',
      entityType: 'workspace',
      entityId: accountScopeId,
      payload: { from: auth.accountScopeId },
    },
  );
  return { workspace: { id: target.id, slug: target.slug, name: target.name }, role: target.role };
}

import { ApiError } from '@keel/core/errors';
import { findProjectAccess } from '@keel/db/queries/projects';
import { type Actor, auditAs } from '../audit.ts';
import { createApiKey, listWorkspaceApiKeys, revokeApiKey } from '../auth/api-keys.ts';
import { announceAccessRevoked } from './live-audience.ts';

const DAY_MS = 86_400_000;

/** The workspace's API keys, newest first, with their status as of now. */
export async function listApiKeys(actor: Actor<'clock'>) {
  return {
    keys: await listWorkspaceApiKeys(actor.deps.db, actor.auth.accountScopeId, actor.deps.clock.now()),
  };
}

export type NewApiKeyInput = {
  name: string;
  projectIds?: string[] | undefined;
  readOnly?: boolean | undefined;
  expiresInDays?: number | undefined;
};

/**
 * Creates a key acting as the caller, optionally limited to some projects of the workspace,
 * read-only and expiring. The secret is returned once; only its hash is stored.
 */
export async function createWorkspaceApiKey(actor: Actor<'clock'>, input: NewApiKeyInput) {
  const { db, clock } = actor.deps;
  const { auth } = actor;
  for (const projectId of input.projectIds ?? []) {
    const role = await findProjectAccess(db, auth.accountScopeId, projectId, auth.userId, auth.workspaceRole);
    if (!role) throw new ApiError('not_found', `No project ${projectId} in this workspace.`);
  }
  const expiresAt = input.expiresInDays
    ? new Date(clock.now().getTime() + input.expiresInDays * DAY_MS)
    : null;
  const created = await createApiKey(db, {
    accountScopeId: auth.accountScopeId,
    userId: auth.userId,
    name: input.name,
    projectIds: input.projectIds ?? null,
    readOnly: input.readOnly ?? false,
    expiresAt,
  });
  await auditAs(actor, {
    action: 'api_keys.create',
    entityType: 'api_key',
    entityId: created.id,
    payload: {
      name: input.name,
      prefix: created.prefix,
      projectIds: input.projectIds ?? null,
      readOnly: input.readOnly ?? false,
    },
  });
  return { ...created, expiresAt: expiresAt?.toISOString() ?? null };
}

/** Revokes a key of the workspace at once; its next call is refused. */
export async function revokeWorkspaceApiKey(actor: Actor<'clock' | 'bus'>, id: string) {
  const now = actor.deps.clock.now();
  const revoked = await revokeApiKey(actor.deps.db, actor.auth.accountScopeId, id, now);
  // Streams opened with the key close now, on every server.
  await announceAccessRevoked(actor.deps, {
    accountScopeId: actor.auth.accountScopeId,
    userId: revoked.userId,
    sessionIdHash: null,
    apiKeyId: revoked.id,
  });
  await auditAs(actor, {
    action: 'api_keys.revoke',
    entityType: 'api_key',
    entityId: revoked.id,
    payload: { name: revoked.name, prefix: revoked.prefix },
  });
  return { id: revoked.id, revokedAt: (revoked.revokedAt ?? now).toISOString() };
}

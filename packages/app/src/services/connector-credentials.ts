import type { ProjectScope } from '@keel/core/scope';
import { testConnectorConnection } from '@keel/connectors/connection-test';
import { listConnectorCredentials, saveConnectorCredential } from '@keel/connectors/credentials';
import type { Connector } from '@keel/db/schema/connectors';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { syncDepsOf } from './connector-sync.ts';

/** Which connectors of the workspace have stored credentials; never the secrets. */
export async function listWorkspaceCredentials(deps: Pick<AppDeps, 'db'>, scope: ProjectScope) {
  return { credentials: await listConnectorCredentials(deps.db, scope.accountScopeId) };
}

/** Stores a connector token encrypted for the workspace and audits it (the base URL, not the token). */
export async function setConnectorCredential(
  actor: Actor<'secrets' | 'clock'>,
  scope: ProjectScope,
  connector: Connector,
  input: { token: string; baseUrl?: string | undefined; accountId?: string | undefined },
) {
  const saved = await saveConnectorCredential(
    actor.deps.db,
    actor.deps.secrets,
    scope.accountScopeId,
    connector,
    {
      token: input.token,
      ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
      ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
    },
    actor.deps.clock.now(),
  );
  await auditAs(actor, {
    action: 'connectors.credentials.set',
    entityType: 'connector',
    entityId: connector,
    payload: { baseUrl: saved.config.baseUrl ?? null },
  });
  const { baseUrl, accountId } = saved.config;
  return {
    connector,
    configured: true as const,
    config: {
      baseUrl: String(baseUrl),
      ...(typeof accountId === 'string' ? { accountId } : {}),
    },
  };
}

/** Calls the vendor with the stored (or env) credentials: one quick attempt, a person is waiting. */
export function testConnectorCredential(actor: { deps: AppDeps }, scope: ProjectScope, connector: Connector) {
  return testConnectorConnection(actor.deps.db, scope.accountScopeId, connector, syncDepsOf(actor));
}

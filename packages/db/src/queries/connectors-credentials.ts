import { and, asc, eq } from 'drizzle-orm';
import { accountScopes } from '../schema/platform.ts';
import type { Database } from '../client.ts';
import { type Connector, connectorCredentials } from '../schema/connectors.ts';

/** Sealed connector secrets. Callers encrypt and decrypt; this module only stores the parts. */
export type SealedCredential = {
  ciphertext: string;
  iv: string;
  authTag: string;
  keyVersion: number;
  config: Record<string, unknown>;
};

export type CredentialRow = typeof connectorCredentials.$inferSelect;

export async function upsertConnectorCredential(
  db: Database,
  accountScopeId: string,
  connector: Connector,
  sealed: SealedCredential,
  now: Date,
): Promise<void> {
  await db
    .insert(connectorCredentials)
    .values({ accountScopeId, connector, ...sealed, updatedAt: now })
    .onConflictDoUpdate({
      target: [connectorCredentials.accountScopeId, connectorCredentials.connector],
      set: { ...sealed, lastVerifiedAt: null, updatedAt: now },
    });
}

export async function findConnectorCredential(
  db: Database,
  accountScopeId: string,
  connector: Connector,
): Promise<CredentialRow | undefined> {
  const rows = await db
    .select()
    .from(connectorCredentials)
    .where(
      and(
        eq(connectorCredentials.accountScopeId, accountScopeId),
        eq(connectorCredentials.connector, connector),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Non-secret columns only: what the UI may see. */
export async function listConnectorCredentialInfo(db: Database, accountScopeId: string) {
  return db
    .select({
      connector: connectorCredentials.connector,
      config: connectorCredentials.config,
      lastVerifiedAt: connectorCredentials.lastVerifiedAt,
      updatedAt: connectorCredentials.updatedAt,
    })
    .from(connectorCredentials)
    .where(eq(connectorCredentials.accountScopeId, accountScopeId))
    .orderBy(asc(connectorCredentials.connector));
}

export async function markConnectorCredentialVerified(
  db: Database,
  accountScopeId: string,
  connector: Connector,
  at: Date,
): Promise<void> {
  await db
    .update(connectorCredentials)
    .set({ lastVerifiedAt: at })
    .where(
      and(
        eq(connectorCredentials.accountScopeId, accountScopeId),
        eq(connectorCredentials.connector, connector),
      ),
    );
}

export async function deleteConnectorCredential(
  db: Database,
  accountScopeId: string,
  connector: Connector,
): Promise<boolean> {
  const rows = await db
    .delete(connectorCredentials)
    .where(
      and(
        eq(connectorCredentials.accountScopeId, accountScopeId),
        eq(connectorCredentials.connector, connector),
      ),
    )
    .returning({ id: connectorCredentials.id });
  return rows.length > 0;
}

/**
 * The workspace that environment credentials serve: the one with the given slug, or (unset) the
 * install's first workspace — never every workspace without stored credentials.
 */
export async function findEnvCredentialWorkspaceId(
  db: Database,
  slug: string | undefined,
): Promise<string | null> {
  const rows = await db
    .select({ id: accountScopes.id })
    .from(accountScopes)
    .where(slug === undefined ? undefined : eq(accountScopes.slug, slug))
    .orderBy(asc(accountScopes.createdAt), asc(accountScopes.id))
    .limit(1);
  return rows[0]?.id ?? null;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createWorkspace } from '@keel/db/factories';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { loadConnectorConfig, saveConnectorCredential } from '../src/credentials.ts';

/**
 * Environment credentials are a single-tenant convenience: they serve one named workspace (or the
 * install's first), never every workspace that has stored none — a second tenant must not read
 * the first tenant's Linear through them.
 */
let tdb: TestDatabase;
const secrets = createSecretBox(deriveDevKey('env-credentials-test'));

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

describe('environment credentials', () => {
  it('when two workspaces exist and no workspace is named, then only the first one gets the env credential', async () => {
    const first = await createWorkspace(tdb.db, { createdAt: new Date('2020-01-01T00:00:00Z') });
    const second = await createWorkspace(tdb.db);
    const env = parseEnv({ NODE_ENV: 'test', LINEAR_API_KEY: 'lin_env_token' });
    const deps = { env, secrets };
    expect(await loadConnectorConfig(tdb.db, deps, first.id, 'linear')).toMatchObject({
      token: 'lin_env_token',
      source: 'env',
    });
    expect(await loadConnectorConfig(tdb.db, deps, second.id, 'linear')).toBeNull();
  });

  it('when CONNECTOR_ENV_WORKSPACE names a workspace, then it alone gets the env credential, and a stored one still wins', async () => {
    const other = await createWorkspace(tdb.db);
    const named = await createWorkspace(tdb.db);
    const env = parseEnv({
      NODE_ENV: 'test',
      ATTIO_API_KEY: 'attio_env',
      CONNECTOR_ENV_WORKSPACE: named.slug,
    });
    const deps = { env, secrets };
    expect(await loadConnectorConfig(tdb.db, deps, named.id, 'attio')).toMatchObject({ token: 'attio_env' });
    expect(await loadConnectorConfig(tdb.db, deps, other.id, 'attio')).toBeNull();
    await saveConnectorCredential(tdb.db, secrets, other.id, 'attio', { token: 'attio_stored' }, new Date());
    expect(await loadConnectorConfig(tdb.db, deps, other.id, 'attio')).toMatchObject({
      token: 'attio_stored',
      source: 'stored',
    });
  });
});

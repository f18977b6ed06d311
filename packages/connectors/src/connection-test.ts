import type { Database } from '@keel/db/client';
import { markConnectorCredentialVerified } from '@keel/db/queries/connectors-credentials';
import type { Connector } from '@keel/db/schema/connectors';
import { createAttioClient } from './attio/client.ts';
import { createChatwootClient } from './chatwoot/client.ts';
import { loadConnectorConfig } from './credentials.ts';
import { toConnectorError } from './errors.ts';
import { createLinearClient } from './linear/client.ts';
import { VIEWER_QUERY } from './linear/queries.ts';
import { createLoopsClient } from './loops/client.ts';
import type { SyncDeps } from './types.ts';

/** `POST /connectors/:name/test`: one cheap authenticated call; says who the token belongs to. */
export type ConnectionTestResult = {
  connector: Connector;
  ok: boolean;
  account: string | null;
  error: string | null;
};

export async function testConnectorConnection(
  db: Database,
  accountScopeId: string,
  connector: Connector,
  deps: SyncDeps,
): Promise<ConnectionTestResult> {
  const config = await loadConnectorConfig(db, deps, accountScopeId, connector);
  if (!config) return { connector, ok: false, account: null, error: `${connector} has no credentials yet` };
  // One attempt, short timeout: a person is waiting for the answer.
  const quick: SyncDeps = { ...deps, http: { timeoutMs: 10_000, retries: 0, pageRetries: 0 } };
  try {
    let account: string | null = null;
    if (connector === 'chatwoot') {
      const profile = await createChatwootClient(config, quick).profile();
      account = typeof profile.email === 'string' ? profile.email : null;
    } else if (connector === 'linear') {
      const { data } = await createLinearClient(config, quick).request(VIEWER_QUERY, {});
      const viewer = data.viewer as { email?: unknown } | undefined;
      account = typeof viewer?.email === 'string' ? viewer.email : null;
    } else if (connector === 'attio') {
      const self = await createAttioClient(config, quick).self();
      account = typeof self.workspace_name === 'string' ? self.workspace_name : null;
    } else {
      const key = await createLoopsClient(config, quick).testKey();
      account = key.teamName;
    }
    await markConnectorCredentialVerified(db, accountScopeId, connector, deps.clock.now());
    return { connector, ok: true, account, error: null };
  } catch (error) {
    return { connector, ok: false, account: null, error: toConnectorError(error).message };
  }
}

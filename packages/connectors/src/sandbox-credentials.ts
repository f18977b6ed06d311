import type { SecretBox } from '@keel/core/crypto';
import type { Database } from '@keel/db/client';
import { saveConnectorCredential } from './credentials.ts';
import type { Connector } from '@keel/db/schema/connectors';

const ALL: readonly Connector[] = ['chatwoot', 'linear', 'attio', 'loops'];

/** Where the emulators listen and what they accept (the sandbox's `urls` and `tokens`; declared here, since connectors never import the sandbox). */
export type EmulatorEndpoints = {
  urls: Record<Connector, string>;
  tokens: Record<Connector, string> & { chatwootAccountId: number | string };
};

/**
 * Stores the sandbox emulators' tokens and addresses as a workspace's connector credentials —
 * how the embedded demo, the e2e stack, the benches, the fault run and the tests point Keel at
 * the emulators, exactly as an operator would point it at the real services.
 */
export async function saveSandboxCredentials(
  db: Database,
  secrets: SecretBox,
  accountScopeId: string,
  sandbox: EmulatorEndpoints,
  now: Date,
  connectors: readonly Connector[] = ALL,
): Promise<void> {
  const { urls, tokens } = sandbox;
  const credentials = {
    chatwoot: { token: tokens.chatwoot, baseUrl: urls.chatwoot, accountId: String(tokens.chatwootAccountId) },
    linear: { token: tokens.linear, baseUrl: urls.linear },
    attio: { token: tokens.attio, baseUrl: urls.attio },
    loops: { token: tokens.loops, baseUrl: urls.loops },
  };
  for (const connector of connectors) {
    await saveConnectorCredential(db, secrets, accountScopeId, connector, credentials[connector], now);
  }
}

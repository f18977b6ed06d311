import type { ConnectorConfig } from '../credentials.ts';
import { callVendor } from '../http.ts';
import type { SyncDeps } from '../types.ts';

/**
 * Loops REST v1 (external-apis.md §4): bearer key, write-only in practice. `PUT /v1/contacts/update`
 * is an upsert by email, so pushing the same contact twice is harmless. Loops sends no
 * Retry-After on 429; fetchWithRetry's backoff covers it.
 */
export type LoopsContactInput = {
  email: string;
  firstName?: string;
  lastName?: string;
  source?: string;
  userGroup?: string;
  [property: string]: string | number | boolean | undefined;
};

export function createLoopsClient(config: ConnectorConfig, deps: SyncDeps) {
  const headers = { authorization: `Bearer ${config.token}` };
  return {
    async testKey(): Promise<{ teamName: string | null }> {
      const res = await callVendor(
        { connector: 'loops', method: 'GET', url: `${config.baseUrl}/v1/api-key`, headers },
        deps,
      );
      const body = res.json as { teamName?: unknown } | null;
      return { teamName: typeof body?.teamName === 'string' ? body.teamName : null };
    },
    async upsertContact(contact: LoopsContactInput): Promise<{ id: string | null }> {
      const body = Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined));
      const res = await callVendor(
        { connector: 'loops', method: 'PUT', url: `${config.baseUrl}/v1/contacts/update`, headers, body },
        deps,
      );
      const out = res.json as { id?: unknown } | null;
      return { id: typeof out?.id === 'string' ? out.id : null };
    },
  };
}

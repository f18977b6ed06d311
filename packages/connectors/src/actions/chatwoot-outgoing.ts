import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor } from '../http.ts';
import type { SyncDeps } from '../types.ts';
import { asObject } from '../vendor-json.ts';

/**
 * Outgoing Chatwoot messages for the outbox. The create is never retried by the transport
 * (a POST that timed out may have been stored); instead every message carries its idempotency
 * key in `content_attributes.keel_key` (the create payload's free-form object), and the caller
 * looks for it among the conversation's messages after a watermark before creating again.
 */
export type CreatedMessage = { id: string };

const MESSAGES_PER_PAGE = 100;
const MAX_SCAN_PAGES = 20;

export function createChatwootOutgoing(config: ConnectorConfig, deps: SyncDeps) {
  const accountId = config.accountId ?? '1';
  const base = `${config.baseUrl}/api/v1/accounts/${encodeURIComponent(accountId)}`;
  const headers = { 'api-access-token': config.token };
  const url = (conversationId: string, query = '') =>
    `${base}/conversations/${encodeURIComponent(conversationId)}/messages${query}`;

  async function page(conversationId: string, query: string): Promise<Array<Record<string, unknown>>> {
    const res = await callVendor(
      { connector: 'chatwoot', method: 'GET', url: url(conversationId, query), headers },
      deps,
    );
    const payload = asObject(res.json)?.payload;
    if (!Array.isArray(payload))
      throw new ConnectorError('bad_payload', 'chatwoot: messages response has no payload');
    const rows = payload.flatMap((m) => (asObject(m) ? [asObject(m) as Record<string, unknown>] : []));
    // A page of another conversation (a proxy's stale answer) must not read as "not created yet".
    if (rows.some((m) => String(m.conversation_id) !== conversationId))
      throw new ConnectorError('repeated_page', 'chatwoot: the messages page is not this conversation’s');
    return rows;
  }

  return {
    /** The newest message id of the conversation now: the lookup later scans only after it. */
    async latestMessageId(conversationId: string): Promise<number> {
      const rows = await page(conversationId, '');
      return rows.reduce((max, m) => Math.max(max, Number(m.id) || 0), 0);
    },

    /** The message created under `key` after `afterId`, if Chatwoot has it. */
    async findByKey(conversationId: string, afterId: number, key: string): Promise<CreatedMessage | null> {
      let after = afterId;
      for (let i = 0; i < MAX_SCAN_PAGES; i++) {
        const rows = await page(conversationId, `?after=${after}`);
        if (rows.some((m) => !(Number(m.id) > after)))
          throw new ConnectorError('repeated_page', 'chatwoot: the messages page does not answer after=');
        const hit = rows.find((m) => asObject(m.content_attributes)?.keel_key === key);
        if (hit) return { id: String(hit.id) };
        if (rows.length < MESSAGES_PER_PAGE) return null;
        after = rows.reduce((max, m) => Math.max(max, Number(m.id) || 0), after);
      }
      return null;
    },

    async create(conversationId: string, content: string, key: string): Promise<CreatedMessage> {
      const res = await callVendor(
        {
          connector: 'chatwoot',
          method: 'POST',
          url: url(conversationId),
          headers,
          body: { content, message_type: 'outgoing', private: false, content_attributes: { keel_key: key } },
        },
        { ...deps, http: { ...deps.http, retries: 0 } },
      );
      const id = asObject(res.json)?.id;
      if (id === undefined || id === null)
        throw new ConnectorError('bad_payload', 'chatwoot: created message has no id');
      return { id: String(id) };
    },
  };
}

import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor, fetchPage } from '../http.ts';
import type { SyncDeps } from '../types.ts';
import { asObject, type JsonObject as Json, num } from '../vendor-json.ts';

/**
 * Chatwoot Application API client (external-apis.md §1): `api_access_token` header, paths under
 * `/api/v1/accounts/{account_id}`. Each method fetches one page and checks that the page answers
 * the request (a proxy or a flaky server may hand back an earlier page).
 */
export const CONVERSATIONS_PAGE_SIZE = 25;
export const MESSAGES_PAGE_SIZE = 100;

export type ChatwootClient = ReturnType<typeof createChatwootClient>;

export function createChatwootClient(config: ConnectorConfig, deps: SyncDeps) {
  const accountId = config.accountId ?? '1';
  const base = `${config.baseUrl}/api/v1/accounts/${encodeURIComponent(accountId)}`;
  // Hyphenated form: nginx drops headers with underscores unless told otherwise (external-apis §1.1).
  const headers = { 'api-access-token': config.token };

  async function get(path: string, query: Record<string, string | number>): Promise<unknown> {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const res = await callVendor(
      { connector: 'chatwoot', method: 'GET', url: `${base}${path}${qs ? `?${qs}` : ''}`, headers },
      deps,
    );
    return res.json;
  }

  return {
    async profile(): Promise<Json> {
      const res = await callVendor(
        { connector: 'chatwoot', method: 'GET', url: `${config.baseUrl}/api/v1/profile`, headers },
        deps,
      );
      return asObject(res.json) ?? {};
    },

    async listInboxes(): Promise<Json[]> {
      return fetchPage(async () => payloadList(asObject(await get('/inboxes', {}))?.payload), deps);
    },

    /**
     * One page of every conversation of an inbox, whatever its status (the default is only `open`).
     * Chatwoot sorts by last activity, so a conversation that moves while we page is caught by the
     * next incremental pass (its activity is newer than anything this scan saw).
     */
    async listConversationsPage(inboxId: number, page: number, previousIds: number[]): Promise<Json[]> {
      return fetchPage(
        async () => conversationList(await get('/conversations', { status: 'all', inbox_id: inboxId, page })),
        deps,
        (items) => {
          checkInbox(items, inboxId);
          if (page > 1 && items.length > 0 && sameIds(items, previousIds)) {
            throw new ConnectorError(
              'repeated_page',
              `chatwoot conversations page ${page} repeated the previous page`,
            );
          }
        },
      );
    },

    /** Conversations of an inbox with activity after `since`, through the documented filter endpoint. */
    async filterActiveSince(
      inboxId: number,
      since: Date,
      page: number,
      previousIds: number[],
    ): Promise<Json[]> {
      // As Chatwoot's spec wants it: `values` are strings, `query_operator` is `AND`/`OR` (null on the last).
      const body = {
        payload: [
          {
            attribute_key: 'inbox_id',
            filter_operator: 'equal_to',
            values: [String(inboxId)],
            query_operator: 'AND',
          },
          {
            attribute_key: 'last_activity_at',
            filter_operator: 'is_greater_than',
            values: [since.toISOString()],
            query_operator: null,
          },
        ],
      };
      return fetchPage(
        async () => {
          const res = await callVendor(
            {
              connector: 'chatwoot',
              method: 'POST',
              url: `${base}/conversations/filter?page=${page}`,
              headers,
              body,
            },
            deps,
          );
          return conversationList(res.json);
        },
        deps,
        (items) => {
          checkInbox(items, inboxId);
          if (items.some((c) => (num(c.last_activity_at) ?? 0) * 1000 <= since.getTime())) {
            throw new ConnectorError('repeated_page', 'chatwoot filter page answered another request');
          }
          if (page > 1 && items.length > 0 && sameIds(items, previousIds)) {
            throw new ConnectorError(
              'repeated_page',
              `chatwoot filter page ${page} repeated the previous page`,
            );
          }
        },
      );
    },

    /** Messages with id > after, oldest first, 100 per page. */
    async listMessagesAfter(conversationId: number, after: number): Promise<Json[]> {
      return fetchPage(
        async () =>
          payloadList(asObject(await get(`/conversations/${conversationId}/messages`, { after }))?.payload),
        deps,
        (items) => {
          for (const m of items) {
            const id = num(m.id) ?? 0;
            if (num(m.conversation_id) !== conversationId || id <= after) {
              throw new ConnectorError(
                'repeated_page',
                `chatwoot messages of conversation ${conversationId} after ${after} answered another request`,
              );
            }
          }
        },
      );
    },
  };
}

function payloadList(value: unknown): Json[] {
  if (!Array.isArray(value)) throw new ConnectorError('bad_payload', 'chatwoot response has no payload list');
  return value.flatMap((v) => {
    const o = asObject(v);
    return o ? [o] : [];
  });
}

/** List and filter answer `{data:{meta,payload}}`; some versions answer `{meta,payload}`. */
function conversationList(json: unknown): Json[] {
  const root = asObject(json);
  const data = asObject(root?.data) ?? root;
  return payloadList(data?.payload);
}

function checkInbox(items: Json[], inboxId: number): void {
  if (items.some((c) => num(c.inbox_id) !== inboxId)) {
    throw new ConnectorError(
      'repeated_page',
      `chatwoot conversations of inbox ${inboxId} answered another request`,
    );
  }
}

function sameIds(items: Json[], previous: number[]): boolean {
  return items.length === previous.length && items.every((c, i) => num(c.id) === previous[i]);
}

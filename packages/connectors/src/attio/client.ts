import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { callVendor, fetchPage } from '../http.ts';
import type { SyncDeps } from '../types.ts';

/**
 * Attio REST v2 (external-apis.md §3): bearer token, records listed through
 * `POST /v2/objects/{object}/records/query` with limit/offset (no cursor, no total: a short page
 * is the last), notes and tasks through their GET lists. Retry-After is an HTTP date, which
 * fetchWithRetry already understands.
 */
export const RECORDS_PAGE_SIZE = 500;
export const NOTES_PAGE_SIZE = 50;
export const TASKS_PAGE_SIZE = 500;

export type AttioItem = Record<string, unknown>;
export type AttioObject = 'companies' | 'people' | 'deals';

export function createAttioClient(config: ConnectorConfig, deps: SyncDeps) {
  const headers = { authorization: `Bearer ${config.token}` };

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const res = await callVendor(
      {
        connector: 'attio',
        method,
        url: `${config.baseUrl}${path}`,
        headers,
        ...(body === undefined ? {} : { body }),
      },
      deps,
    );
    return res.json;
  }

  function dataList(json: unknown): AttioItem[] {
    const data = (json as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new ConnectorError('bad_payload', 'attio response has no data list');
    return data.filter((d): d is AttioItem => d !== null && typeof d === 'object');
  }

  return {
    async self(): Promise<AttioItem> {
      return ((await call('GET', '/v2/self')) ?? {}) as AttioItem;
    },

    /** One page of records; `accept` rejects a page that does not answer this query. */
    async queryRecords(
      object: AttioObject,
      filter: Record<string, unknown>,
      offset: number,
      accept: (record: AttioItem) => boolean,
    ): Promise<AttioItem[]> {
      return fetchPage(
        async () =>
          dataList(
            await call('POST', `/v2/objects/${object}/records/query`, {
              filter,
              limit: RECORDS_PAGE_SIZE,
              offset,
            }),
          ),
        deps,
        (items) => {
          if (!items.every(accept))
            throw new ConnectorError('repeated_page', `attio ${object} page answered another query`);
        },
      );
    },

    async listNotes(parentObject: AttioObject, parentRecordId: string, offset: number): Promise<AttioItem[]> {
      const qs = new URLSearchParams({
        limit: String(NOTES_PAGE_SIZE),
        offset: String(offset),
        parent_object: parentObject,
        parent_record_id: parentRecordId,
      });
      return fetchPage(
        async () => dataList(await call('GET', `/v2/notes?${qs.toString()}`)),
        deps,
        (items) => {
          if (items.some((n) => n.parent_record_id !== parentRecordId)) {
            throw new ConnectorError('repeated_page', 'attio notes page answered another query');
          }
        },
      );
    },

    async listTasks(linkedObject: AttioObject, linkedRecordId: string, offset: number): Promise<AttioItem[]> {
      const qs = new URLSearchParams({
        limit: String(TASKS_PAGE_SIZE),
        offset: String(offset),
        sort: 'created_at:asc',
        linked_object: linkedObject,
        linked_record_id: linkedRecordId,
      });
      return fetchPage(
        async () => dataList(await call('GET', `/v2/tasks?${qs.toString()}`)),
        deps,
        (items) => {
          const linked = (t: AttioItem) =>
            Array.isArray(t.linked_records) &&
            t.linked_records.some(
              (l) => (l as { target_record_id?: unknown }).target_record_id === linkedRecordId,
            );
          if (!items.every(linked))
            throw new ConnectorError('repeated_page', 'attio tasks page answered another query');
        },
      );
    },
  };
}

export type AttioClient = ReturnType<typeof createAttioClient>;

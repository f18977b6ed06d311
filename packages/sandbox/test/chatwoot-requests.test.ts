import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';

/** The Chatwoot emulator refuses request bodies its published spec does not allow, as Chatwoot does. */
let sb: Sandbox;
let headers: Record<string, string>;
let inboxId: number;
let conversationId: number;
const A = '/api/v1/accounts/1';

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 11, only: ['chatwoot'] });
  headers = { api_access_token: sb.tokens.chatwoot };
  const inboxes = await call(`${sb.urls.chatwoot}${A}/inboxes`, { headers });
  inboxId = (inboxes.body as { payload: Array<{ id: number }> }).payload[0]?.id ?? 0;
  const list = await call(`${sb.urls.chatwoot}${A}/conversations?status=all&inbox_id=${inboxId}`, {
    headers,
  });
  conversationId = (list.body as { data: { payload: Array<{ id: number }> } }).data.payload[0]?.id ?? 0;
});
afterAll(() => sb.close());

const filter = (payload: unknown) =>
  call(`${sb.urls.chatwoot}${A}/conversations/filter?page=1`, { method: 'POST', headers, json: { payload } });

describe('Chatwoot emulator request validation', () => {
  it.each([
    {
      what: 'sends inbox ids as numbers',
      field: 'values',
      payload: () => [
        { attribute_key: 'inbox_id', filter_operator: 'equal_to', values: [inboxId], query_operator: null },
      ],
    },
    {
      what: 'joins conditions with a lower-case query_operator',
      field: 'query_operator',
      payload: () => [
        {
          attribute_key: 'inbox_id',
          filter_operator: 'equal_to',
          values: [String(inboxId)],
          query_operator: 'and',
        },
        { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null },
      ],
    },
  ])(
    'when a filter $what, then it is refused with 422 and Chatwoot’s error body naming $field',
    async ({ field, payload }) => {
      const res = await filter(payload());
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ error: expect.stringContaining(field) });
    },
  );

  it('when a filter follows the spec (string values, AND, date operator, null last), then it answers 200 with the inbox’s conversations', async () => {
    const res = await filter([
      {
        attribute_key: 'inbox_id',
        filter_operator: 'equal_to',
        values: [String(inboxId)],
        query_operator: 'AND',
      },
      {
        attribute_key: 'last_activity_at',
        filter_operator: 'is_greater_than',
        values: ['2000-01-01'],
        query_operator: null,
      },
    ]);
    expect(res.status).toBe(200);
    const items = (res.body as { data: { payload: Array<{ inbox_id: number }> } }).data.payload;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.inbox_id === inboxId)).toBe(true);
  });

  it('when a message is created without content or with an unknown message_type, then it is refused with 422', async () => {
    const send = (json: unknown) =>
      call(`${sb.urls.chatwoot}${A}/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers,
        json,
      });
    const missing = await send({ message_type: 'outgoing' });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({ error: expect.stringContaining('content') });
    const badType = await send({ content: 'hi', message_type: 'note' });
    expect(badType.status).toBe(422);
    expect(badType.body).toEqual({ error: expect.stringContaining('message_type') });
    expect((await send({ content: 'hi', message_type: 'outgoing' })).status).toBe(200);
  });
});

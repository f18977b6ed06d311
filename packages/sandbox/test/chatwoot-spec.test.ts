import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';
import { loadSpec } from './spec-helpers.ts';

const spec = loadSpec('chatwoot-swagger.json');
let sb: Sandbox;
let headers: Record<string, string>;
const A = '/api/v1/accounts/{account_id}';

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 11, only: ['chatwoot'] });
  headers = { api_access_token: sb.tokens.chatwoot };
});
afterAll(() => sb.close());

function url(path: string): string {
  return `${sb.urls.chatwoot}${path.replace('{account_id}', '1')}`;
}

describe('Chatwoot emulator against chatwoot-swagger.json', () => {
  it('when the validator gets a malformed conversation list, then it rejects it (the check can fail)', () => {
    expect(
      spec.check('GET', `${A}/conversations`, 200, { data: { payload: [{ id: 'not-a-number' }] } }),
    ).not.toBeNull();
  });

  it('when every served route is called, then each response validates against the published response schema', async () => {
    const list = await call(url(`${A}/conversations?status=all`), { headers });
    const first = (
      list.body as { data: { payload: Array<{ id: number; meta: { sender: { id: number } } }> } }
    ).data.payload[0];
    expect(first).toBeDefined();
    const convId = String(first?.id);
    const contactId = String(first?.meta.sender.id);
    const inboxes = await call(url(`${A}/inboxes`), { headers });
    const inboxId = String((inboxes.body as { payload: Array<{ id: number }> }).payload[0]?.id);
    const cases: Array<[string, string, string, { json?: unknown }?]> = [
      ['GET', `${A}/conversations`, `${A}/conversations?status=all&page=1`],
      ['GET', `${A}/conversations`, `${A}/conversations?status=open&assignee_type=unassigned`],
      ['GET', `${A}/conversations/meta`, `${A}/conversations/meta?status=all`],
      [
        'POST',
        `${A}/conversations/filter`,
        `${A}/conversations/filter?page=1`,
        {
          json: {
            payload: [
              {
                attribute_key: 'last_activity_at',
                filter_operator: 'is_greater_than',
                values: ['2020-01-01'],
                query_operator: null,
              },
            ],
          },
        },
      ],
      ['GET', `${A}/conversations/{conversation_id}`, `${A}/conversations/${convId}`],
      ['GET', `${A}/conversations/{conversation_id}/messages`, `${A}/conversations/${convId}/messages`],
      [
        'GET',
        `${A}/conversations/{conversation_id}/messages`,
        `${A}/conversations/${convId}/messages?after=0`,
      ],
      [
        'POST',
        `${A}/conversations/{conversation_id}/messages`,
        `${A}/conversations/${convId}/messages`,
        { json: { content: 'Hello from the test', message_type: 'outgoing', private: false } },
      ],
      ['GET', `${A}/contacts`, `${A}/contacts?page=1`],
      ['GET', `${A}/contacts/search`, `${A}/contacts/search?q=a`],
      ['GET', `${A}/contacts/{id}`, `${A}/contacts/${contactId}`],
      ['GET', `${A}/contacts/{id}/conversations`, `${A}/contacts/${contactId}/conversations`],
      ['GET', `${A}/inboxes`, `${A}/inboxes`],
      ['GET', `${A}/inboxes/{id}`, `${A}/inboxes/${inboxId}`],
      ['GET', '/api/v1/profile', '/api/v1/profile'],
      ['GET', `${A}/conversations/{conversation_id}`, `${A}/conversations/999999`],
      ['GET', `${A}/contacts/{id}`, `${A}/contacts/999999`],
    ];
    for (const [method, op, path, extra] of cases) {
      const res = await call(url(path), { method, headers, json: extra?.json });
      const problem = spec.check(method, op, res.status, res.body);
      expect(problem, `${method} ${path} -> ${res.status}`).toBeNull();
    }
  });

  it('when paging conversations, then pages hold 25 items and meta counts follow Chatwoot rules', async () => {
    const res = await call(url(`${A}/conversations?status=all&sort_by=created_at_asc&page=1`), { headers });
    const data = (
      res.body as {
        data: { meta: Record<string, number>; payload: Array<{ id: number; created_at: number }> };
      }
    ).data;
    expect(data.payload.length).toBe(25);
    expect(data.meta.assigned_count).toBe((data.meta.all_count ?? 0) - (data.meta.unassigned_count ?? 0));
    const created = data.payload.map((c) => c.created_at);
    expect([...created].sort((a, b) => a - b)).toEqual(created);
    const open = await call(url(`${A}/conversations`), { headers });
    const openData = (open.body as { data: { payload: Array<{ status: string }> } }).data;
    expect(openData.payload.every((c) => c.status === 'open')).toBe(true);
  });

  it('when reading messages with after, then ids ascend past the cursor and at most 100 come back', async () => {
    const list = await call(url(`${A}/conversations?status=all&sort_by=created_at_asc`), { headers });
    const id = (list.body as { data: { payload: Array<{ id: number }> } }).data.payload[0]?.id;
    const all = await call(url(`${A}/conversations/${id}/messages?after=0`), { headers });
    const msgs = (all.body as { payload: Array<{ id: number; message_type: number; created_at: number }> })
      .payload;
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.length).toBeLessThanOrEqual(100);
    const ids = msgs.map((m) => m.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const firstId = ids[0] ?? 0;
    const after = await call(url(`${A}/conversations/${id}/messages?after=${firstId}`), { headers });
    expect((after.body as { payload: Array<{ id: number }> }).payload.every((m) => m.id > firstId)).toBe(
      true,
    );
    expect(msgs.every((m) => [0, 1, 2, 3].includes(m.message_type) && Number.isInteger(m.created_at))).toBe(
      true,
    );
  });

  it('when the token is wrong or missing, then Chatwoot 401 bodies come back', async () => {
    const wrong = await call(url(`${A}/conversations`), { headers: { api_access_token: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'Invalid Access Token' });
    const missing = await call(url(`${A}/conversations`));
    expect(missing.status).toBe(401);
    const hyphen = await call(url(`${A}/inboxes`), { headers: { 'Api-Access-Token': sb.tokens.chatwoot } });
    expect(hyphen.status).toBe(200);
  });

  it('when searching contacts without q, then 422 with Chatwoot message', async () => {
    const res = await call(url(`${A}/contacts/search`), { headers });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: 'Specify search string with parameter q' });
  });
});

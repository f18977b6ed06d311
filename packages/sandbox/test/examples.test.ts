import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import {
  ATTIO_NOTE_KEYS,
  ATTIO_RECORD,
  ATTIO_TASK_KEYS,
  CHATWOOT_ATTACHMENT,
  CHATWOOT_CONTACT,
  CHATWOOT_CONTACTS_META,
  CHATWOOT_CONVERSATION_ITEM,
  CHATWOOT_CONVERSATION_META,
  CHATWOOT_MESSAGE,
  CHATWOOT_MESSAGES_META,
  fieldDifferences,
  LOOPS_CONTACT_KEYS,
  OPENAI_EMBEDDINGS,
} from './external-api-examples.ts';
import { call } from './http-helpers.ts';

let sb: Sandbox;
const cw = (path: string) =>
  call(`${sb.urls.chatwoot}/api/v1/accounts/1${path}`, { headers: { api_access_token: sb.tokens.chatwoot } });

beforeAll(async () => {
  sb = await startSandbox({ size: 'demo', seed: 15 });
});
afterAll(() => sb.close());

describe('emulator payloads against the examples in external-apis.md', () => {
  it('when the field checker sees a missing or retyped field, then it reports it (the check can fail)', () => {
    expect(fieldDifferences({ a: 1, b: 'x' }, { a: '1' })).toEqual([
      '$.a: number in the example, string here',
      '$.b: missing',
    ]);
  });

  it('when Chatwoot conversations, messages, attachments and contacts are read, then they match the examples field by field', async () => {
    const list = (await cw('/conversations?status=all')).body as {
      data: { meta: unknown; payload: Array<Record<string, unknown>> };
    };
    expect(fieldDifferences(CHATWOOT_CONVERSATION_META, list.data.meta)).toEqual([]);
    const assigned = list.data.payload.find(
      (c) => (c.meta as Record<string, unknown>).assignee !== undefined,
    );
    expect(fieldDifferences(CHATWOOT_CONVERSATION_ITEM, assigned)).toEqual([]);
    const withAttachment = sb.dataset.conversations.find(
      (c) =>
        c.assigneeStaff !== null && c.messages.some((r) => (sb.dataset.messages.attachmentId[r] ?? 0) > 0),
    );
    const messages = (await cw(`/conversations/${withAttachment?.id}/messages?after=0`)).body as {
      meta: unknown;
      payload: Array<Record<string, unknown>>;
    };
    expect(fieldDifferences(CHATWOOT_MESSAGES_META, messages.meta)).toEqual([]);
    const incoming = messages.payload.find((m) => m.message_type === 0);
    expect(fieldDifferences(CHATWOOT_MESSAGE, incoming)).toEqual([]);
    const attached = messages.payload.find((m) => Array.isArray(m.attachments));
    expect(
      fieldDifferences(CHATWOOT_ATTACHMENT, (attached?.attachments as unknown[] | undefined)?.[0]),
    ).toEqual([]);
    const contacts = (await cw('/contacts?page=2')).body as { meta: unknown; payload: unknown[] };
    expect(fieldDifferences(CHATWOOT_CONTACTS_META, contacts.meta)).toEqual([]);
    expect(fieldDifferences(CHATWOOT_CONTACT, contacts.payload[0])).toEqual([]);
    const firstPage = (await cw('/contacts')).body as { meta: { current_page: unknown } };
    expect(firstPage.meta.current_page).toBe(1);
  });

  it('when Attio companies, notes and tasks are read, then they match the examples field by field', async () => {
    const headers = { authorization: `Bearer ${sb.tokens.attio}` };
    const res = await call(`${sb.urls.attio}/v2/objects/companies/records/query`, {
      method: 'POST',
      headers,
      json: { limit: 1 },
    });
    const record = (res.body as { data: unknown[] }).data[0];
    expect(fieldDifferences(ATTIO_RECORD, record)).toEqual([]);
    expect((record as { created_at: string }).created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const notes = (await call(`${sb.urls.attio}/v2/notes?limit=1`, { headers })).body as {
      data: Array<Record<string, unknown>>;
    };
    expect(Object.keys(notes.data[0] ?? {}).sort()).toEqual([...ATTIO_NOTE_KEYS].sort());
    const tasks = (await call(`${sb.urls.attio}/v2/tasks?limit=1`, { headers })).body as {
      data: Array<Record<string, unknown>>;
    };
    expect(Object.keys(tasks.data[0] ?? {}).sort()).toEqual([...ATTIO_TASK_KEYS].sort());
  });

  it('when a Loops contact is found and embeddings are created, then they match the examples field by field', async () => {
    const loops = { authorization: `Bearer ${sb.tokens.loops}` };
    await call(`${sb.urls.loops}/v1/contacts/create`, {
      method: 'POST',
      headers: loops,
      json: { email: 'lin@example.com' },
    });
    const found = (
      await call(`${sb.urls.loops}/v1/contacts/find?email=lin%40example.com`, { headers: loops })
    ).body as unknown[];
    expect(Object.keys(found[0] as object).sort()).toEqual([...LOOPS_CONTACT_KEYS].sort());
    const res = await call(`${sb.urls.openai}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.tokens.openai}` },
      json: { model: 'text-embedding-3-small', input: ['text a'], encoding_format: 'float' },
    });
    expect(fieldDifferences(OPENAI_EMBEDDINGS, res.body)).toEqual([]);
    expect((res.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding).toHaveLength(1536);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

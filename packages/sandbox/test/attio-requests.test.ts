import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';

/** The Attio emulator refuses request bodies its published spec does not allow, as Attio does. */
let sb: Sandbox;
let companyId: string;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 12, only: ['attio'] });
  const res = await post('/v2/objects/companies/records/query', { limit: 1 });
  companyId = (res.body as { data: Array<{ id: { record_id: string } }> }).data[0]?.id.record_id ?? '';
});
afterAll(() => sb.close());

function post(path: string, json: unknown) {
  return call(`${sb.urls.attio}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.tokens.attio}` },
    json,
  });
}

const refused = (message: string) => ({
  status_code: 400,
  type: 'invalid_request_error',
  code: 'validation_type',
  message: expect.stringContaining(message),
});

describe('Attio emulator request validation', () => {
  it('when a records query sends limit as a string, then 400 validation_type with Attio’s error object', async () => {
    const res = await post('/v2/objects/companies/records/query', { limit: '10' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refused('limit'));
  });

  it('when a records query sorts without a direction, then 400 validation_type', async () => {
    const res = await post('/v2/objects/people/records/query', { sorts: [{ attribute: 'name' }] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refused('sorts'));
  });

  it('when a note has a format Attio does not know, then 400 validation_type and no note is stored', async () => {
    const before = sb.dataset.notes.length;
    const res = await post('/v2/notes', {
      data: {
        parent_object: 'companies',
        parent_record_id: companyId,
        title: 'x',
        format: 'html',
        content: 'x',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refused('format'));
    expect(sb.dataset.notes.length).toBe(before);
  });

  it('when a task marks completion with a string, then 400 validation_type', async () => {
    const res = await post('/v2/tasks', {
      data: {
        content: 'Call back',
        format: 'plaintext',
        is_completed: 'yes',
        deadline_at: null,
        linked_records: [],
        assignees: [],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refused('is_completed'));
  });

  it('when a records query follows the spec, then it answers 200 with records', async () => {
    const res = await post('/v2/objects/companies/records/query', {
      filter: { record_id: { $in: [companyId] } },
      sorts: [{ direction: 'asc', attribute: 'name' }],
      limit: 10,
      offset: 0,
    });
    expect(res.status).toBe(200);
    expect((res.body as { data: unknown[] }).data).toHaveLength(1);
  });
});

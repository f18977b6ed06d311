import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';
import { loadSpec } from './spec-helpers.ts';

const spec = loadSpec('attio-openapi.json', { dateAcceptsDateTime: true });
let sb: Sandbox;
let headers: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 12, only: ['attio'] });
  headers = { authorization: `Bearer ${sb.tokens.attio}` };
});
afterAll(() => sb.close());

type Records = {
  data: Array<{ id: { record_id: string }; values: Record<string, Array<Record<string, unknown>>> }>;
};

describe('Attio emulator against attio-openapi.json', () => {
  it('when the validator gets a record with a bad value item, then it rejects it (the check can fail)', () => {
    const bad = {
      data: [
        {
          id: { workspace_id: 'x', object_id: 'y', record_id: 'z' },
          created_at: '',
          web_url: 'u',
          values: { name: [{ value: 1 }] },
        },
      ],
    };
    expect(spec.check('POST', '/v2/objects/{object}/records/query', 200, bad)).not.toBeNull();
  });

  it('when every served route is called, then each response validates against the published response schema', async () => {
    const company = await call(`${sb.urls.attio}/v2/objects/companies/records/query`, {
      method: 'POST',
      headers,
      json: { limit: 1 },
    });
    const companyId = (company.body as Records).data[0]?.id.record_id ?? '';
    const cases: Array<[string, string, string, unknown?]> = [
      ['POST', '/v2/objects/{object}/records/query', '/v2/objects/companies/records/query', {}],
      [
        'POST',
        '/v2/objects/{object}/records/query',
        '/v2/objects/people/records/query',
        { limit: 5, offset: 1 },
      ],
      [
        'POST',
        '/v2/objects/{object}/records/query',
        '/v2/objects/deals/records/query',
        { sorts: [{ direction: 'desc', attribute: 'value' }] },
      ],
      [
        'POST',
        '/v2/objects/{object}/records/query',
        '/v2/objects/deals/records/query',
        { filter: { nope: 1 } },
      ],
      ['POST', '/v2/objects/{object}/records/query', '/v2/objects/unknown/records/query', {}],
      ['GET', '/v2/objects/{object}/records/{record_id}', `/v2/objects/companies/records/${companyId}`],
      [
        'GET',
        '/v2/objects/{object}/records/{record_id}',
        '/v2/objects/companies/records/00000000-0000-4000-8000-000000000000',
      ],
      ['GET', '/v2/objects', '/v2/objects'],
      ['GET', '/v2/notes', `/v2/notes?limit=50&parent_object=companies&parent_record_id=${companyId}`],
      [
        'POST',
        '/v2/notes',
        '/v2/notes',
        {
          data: {
            parent_object: 'companies',
            parent_record_id: companyId,
            title: 'Call',
            format: 'plaintext',
            content: 'Notes',
          },
        },
      ],
      ['GET', '/v2/tasks', '/v2/tasks'],
      [
        'POST',
        '/v2/tasks',
        '/v2/tasks',
        {
          data: {
            content: 'Follow up',
            format: 'plaintext',
            deadline_at: null,
            is_completed: false,
            linked_records: [{ target_object: 'companies', target_record_id: companyId }],
            assignees: [],
          },
        },
      ],
      ['GET', '/v2/workspace_members', '/v2/workspace_members'],
      ['GET', '/v2/self', '/v2/self'],
    ];
    for (const [method, op, path, json] of cases) {
      const res = await call(`${sb.urls.attio}${path}`, { method, headers, json });
      expect(spec.check(method, op, res.status, res.body), `${method} ${path} -> ${res.status}`).toBeNull();
    }
  });

  it('when filtering and paging deals, then limit/offset, shorthand and verbose filters behave like Attio', async () => {
    const q = (json: unknown) =>
      call(`${sb.urls.attio}/v2/objects/deals/records/query`, { method: 'POST', headers, json });
    const all = (await q({})).body as Records;
    const page = (await q({ limit: 2, offset: 1 })).body as Records;
    expect(page.data.map((r) => r.id.record_id)).toEqual(all.data.slice(1, 3).map((r) => r.id.record_id));
    const won = (await q({ filter: { stage: 'Won 🎉' } })).body as Records;
    const verbose = (await q({ filter: { $and: [{ stage: { $eq: 'Won 🎉' } }] } })).body as Records;
    expect(won.data.length).toBeGreaterThan(0);
    expect(verbose.data.map((r) => r.id.record_id)).toEqual(won.data.map((r) => r.id.record_id));
    for (const r of won.data)
      expect((r.values.stage?.[0]?.status as { title?: string } | undefined)?.title).toBe('Won 🎉');
    const bad = await q({ filter: { no_such_attribute: 'x' } });
    expect(bad.status).toBe(400);
    expect((bad.body as { code: string }).code).toBe('filter_error');
  });

  it('when throttled, then 429 carries an HTTP-date Retry-After and the Attio error envelope', async () => {
    sb.faults.configure({ rate: 1, kinds: ['rate_limit'], retryAfterSeconds: 1 });
    try {
      const res = await call(`${sb.urls.attio}/v2/objects`, { headers });
      expect(res.status).toBe(429);
      expect(Number.isNaN(Date.parse(res.headers.get('retry-after') ?? ''))).toBe(false);
      expect(res.body).toEqual({
        status_code: 429,
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        message: 'Rate limit exceeded, please try again later',
      });
    } finally {
      sb.faults.configure({ rate: 0 });
    }
  });

  it('when the bearer token is wrong, then 401 with the Attio envelope', async () => {
    const res = await call(`${sb.urls.attio}/v2/objects`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect((res.body as { type: string }).type).toBe('auth_error');
  });
});

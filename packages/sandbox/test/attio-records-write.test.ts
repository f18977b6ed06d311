import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';
import { loadSpec } from './spec-helpers.ts';

/** The Attio emulator's record writes answer in the published shapes and keep asserts idempotent. */
const spec = loadSpec('attio-openapi.json', { dateAcceptsDateTime: true });
let sb: Sandbox;
let headers: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 13, only: ['attio'] });
  headers = { authorization: `Bearer ${sb.tokens.attio}` };
});
afterAll(() => sb.close());

type Rec = { data: { id: { record_id: string }; values: Record<string, Array<Record<string, unknown>>> } };
const keelRef = {
  data: {
    title: 'Keel reference',
    description: 'Idempotency key',
    api_slug: 'keel_ref',
    type: 'text',
    is_required: false,
    is_unique: true,
    is_multiselect: false,
    config: {},
  },
};

describe('Attio emulator record writes', () => {
  it('when every write route is called, then each response validates against the published schema', async () => {
    const deal = sb.dataset.deals[0];
    const cases: Array<[string, string, string, unknown?]> = [
      ['GET', '/v2/{target}/{identifier}/attributes/{attribute}', '/v2/objects/deals/attributes/keel_ref'],
      ['POST', '/v2/{target}/{identifier}/attributes', '/v2/objects/deals/attributes', keelRef],
      ['GET', '/v2/{target}/{identifier}/attributes/{attribute}', '/v2/objects/deals/attributes/keel_ref'],
      [
        'GET',
        '/v2/{target}/{identifier}/attributes/{attribute}/statuses',
        '/v2/objects/deals/attributes/stage/statuses',
      ],
      [
        'PUT',
        '/v2/objects/{object}/records',
        '/v2/objects/deals/records?matching_attribute=keel_ref',
        { data: { values: { keel_ref: ['k-1'], name: ['New deal'], stage: ['Lead'] } } },
      ],
      [
        'POST',
        '/v2/objects/{object}/records',
        '/v2/objects/companies/records',
        { data: { values: { name: ['Acme'], domains: ['acme.example'] } } },
      ],
      [
        'PATCH',
        '/v2/objects/{object}/records/{record_id}',
        `/v2/objects/deals/records/${deal?.id}`,
        { data: { values: { stage: ['In Progress'] } } },
      ],
      [
        'PATCH',
        '/v2/objects/{object}/records/{record_id}',
        '/v2/objects/deals/records/00000000-0000-4000-8000-000000000000',
        { data: { values: { stage: ['Lead'] } } },
      ],
    ];
    for (const [method, op, path, json] of cases) {
      const res = await call(`${sb.urls.attio}${path}`, { method, headers, json });
      expect(spec.check(method, op, res.status, res.body), `${method} ${path} -> ${res.status}`).toBeNull();
    }
    expect(deal?.stage).toBe('In Progress');
  });

  it('when the same assert is sent twice, then one record exists and the second updates it', async () => {
    const put = (name: string) =>
      call(`${sb.urls.attio}/v2/objects/deals/records?matching_attribute=keel_ref`, {
        method: 'PUT',
        headers,
        json: { data: { values: { keel_ref: ['k-twice'], name: [name], stage: ['Lead'] } } },
      });
    const before = sb.dataset.deals.length;
    const a = (await put('Twice')).body as Rec;
    const b = (await put('Twice renamed')).body as Rec;
    expect(b.data.id.record_id).toBe(a.data.id.record_id);
    expect(sb.dataset.deals.length).toBe(before + 1);
    expect(b.data.values.name?.[0]?.value).toBe('Twice renamed');
    expect(b.data.values.keel_ref?.[0]?.value).toBe('k-twice');
  });

  it('when an assert names an attribute that is not unique or does not exist, or a body breaks the spec, then it is Attio’s 400', async () => {
    const missing = await call(`${sb.urls.attio}/v2/objects/companies/records?matching_attribute=nope`, {
      method: 'PUT',
      headers,
      json: { data: { values: { name: ['x'] } } },
    });
    expect(missing.status).toBe(400);
    expect(spec.check('PUT', '/v2/objects/{object}/records', 400, missing.body)).toBeNull();
    const stage = await call(`${sb.urls.attio}/v2/objects/deals/records/${sb.dataset.deals[1]?.id}`, {
      method: 'PATCH',
      headers,
      json: { data: { values: { stage: ['Negotiation'] } } },
    });
    expect(stage.status).toBe(400);
    expect((stage.body as { message: string }).message).toContain('Known statuses: Lead, In Progress');
    const badBody = await call(`${sb.urls.attio}/v2/objects/deals/records`, {
      method: 'POST',
      headers,
      json: { data: { values: { name: 'not an array' } } },
    });
    expect(badBody.status).toBe(400);
    expect((badBody.body as { code: string }).code).toBe('validation_type');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';

/** The Linear emulator refuses what Linear's schema does not allow, with Linear's validation error. */
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 14, only: ['linear'] });
});
afterAll(() => sb.close());

type Gql = { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };

const post = (json: unknown) =>
  call(sb.urls.linear, { method: 'POST', headers: { authorization: sb.tokens.linear }, json });

const VALIDATION_FAILED = {
  code: 'GRAPHQL_VALIDATION_FAILED',
  type: 'graphql error',
  userError: true,
  meta: {},
};

describe('Linear emulator request validation', () => {
  it('when a variable has the wrong type, then HTTP 400 with GRAPHQL_VALIDATION_FAILED and nothing runs', async () => {
    const res = await post({
      query: 'query Page($first: Int) { issues(first: $first) { nodes { id } } }',
      variables: { first: 'ten' },
    });
    expect(res.status).toBe(400);
    const body = res.body as Gql;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toContain('$first');
    expect(body.errors?.[0]?.extensions).toEqual(VALIDATION_FAILED);
  });

  it('when a required variable is missing, then HTTP 400 with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post({ query: 'query One($id: String!) { issue(id: $id) { id } }', variables: {} });
    expect(res.status).toBe(400);
    const body = res.body as Gql;
    expect(body.errors?.[0]?.message).toContain('$id');
    expect(body.errors?.[0]?.extensions).toEqual(VALIDATION_FAILED);
  });

  it('when a required argument is left out of the document, then HTTP 400 with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post({ query: '{ issue { id } }' });
    expect(res.status).toBe(400);
    expect((res.body as Gql).errors?.[0]?.extensions).toEqual(VALIDATION_FAILED);
  });

  it('when variables are not an object, then HTTP 400 instead of running without them', async () => {
    const res = await post({ query: '{ viewer { id } }', variables: 'first=1' });
    expect(res.status).toBe(400);
    expect((res.body as Gql).errors?.[0]?.extensions).toEqual(VALIDATION_FAILED);
  });

  it('when the variables match their declarations, then the query runs (HTTP 200 with data)', async () => {
    const res = await post({
      query:
        'query Page($first: Int, $filter: IssueFilter) { issues(first: $first, filter: $filter) { nodes { id } } }',
      variables: { first: 2, filter: { updatedAt: { gt: '2000-01-01T00:00:00.000Z' } } },
    });
    expect(res.status).toBe(200);
    expect((res.body as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes).toHaveLength(2);
  });
});

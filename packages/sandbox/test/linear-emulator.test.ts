import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/emulators/start.ts';
import { call } from './http-helpers.ts';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 14, only: ['linear'] });
});
afterAll(() => sb.close());

type Gql = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
};

const gql = async (
  query: string,
  variables: Record<string, unknown> = {},
  authorization = sb.tokens.linear,
) => call(sb.urls.linear, { method: 'POST', headers: { authorization }, json: { query, variables } });

type IssuePage = {
  issues: {
    nodes: Array<{ id: string; updatedAt: string; identifier: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('Linear emulator', () => {
  it('when a query asks for an unknown field, then it is rejected with HTTP 400 and GRAPHQL_VALIDATION_FAILED as Linear does', async () => {
    const res = await gql('{ issues(first: 1) { nodes { id madeUpField } } }');
    expect(res.status).toBe(400);
    const body = res.body as Gql;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toBe('Cannot query field "madeUpField" on type "Issue".');
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      type: 'graphql error',
      userError: true,
      meta: {},
    });
  });

  it('when paging with first/after, then every issue comes back exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const res = await gql(
        'query($after: String) { issues(first: 25, after: $after) { nodes { id updatedAt identifier } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = (res.body as { data: IssuePage }).data.issues;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(sb.dataset.issues.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('when filtering by updatedAt gt, then only newer issues come back, including ones changed by advance()', async () => {
    const since = new Date(sb.dataset.now).toISOString();
    sb.advance(1);
    const res = await gql(
      'query($since: DateTimeOrDuration!) { issues(first: 250, filter: { updatedAt: { gt: $since } }) { nodes { id updatedAt } } }',
      { since },
    );
    const nodes = (res.body as { data: IssuePage }).data.issues.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.updatedAt > since)).toBe(true);
    const expected = sb.dataset.issues.filter((i) => i.updatedAt > Date.parse(since)).length;
    expect(nodes.length).toBe(expected);
  });

  it('when an issue is created and updated, then the mutations return Linear payloads and sync sees the change', async () => {
    const teams = await gql('{ teams(first: 1) { nodes { id key states { nodes { id type } } } } }');
    const team = (
      teams.body as {
        data: {
          teams: {
            nodes: Array<{ id: string; key: string; states: { nodes: Array<{ id: string; type: string }> } }>;
          };
        };
      }
    ).data.teams.nodes[0];
    const created = await gql(
      'mutation($input: IssueCreateInput!) { issueCreate(input: $input) { success lastSyncId issue { id identifier title state { type } } } }',
      {
        input: { teamId: team?.id, title: 'Reply to client about the delay', priority: 2 },
      },
    );
    const payload = (
      created.body as {
        data: { issueCreate: { success: boolean; issue: { id: string; identifier: string; title: string } } };
      }
    ).data.issueCreate;
    expect(payload.success).toBe(true);
    expect(payload.issue.identifier.startsWith(`${team?.key}-`)).toBe(true);
    const done = team?.states.nodes.find((s) => s.type === 'completed');
    const updated = await gql(
      'mutation($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success issue { completedAt state { type } } } }',
      {
        id: payload.issue.identifier,
        input: { stateId: done?.id },
      },
    );
    const issue = (
      updated.body as {
        data: { issueUpdate: { issue: { completedAt: string | null; state: { type: string } } } };
      }
    ).data.issueUpdate.issue;
    expect(issue.state.type).toBe('completed');
    expect(issue.completedAt).not.toBeNull();
    const missing = await gql('{ issue(id: "NOPE-1") { id } }');
    expect((missing.body as Gql).errors?.[0]?.extensions).toMatchObject({
      code: 'INPUT_ERROR',
      type: 'invalid input',
      userError: true,
    });
  });

  it('when the API key is wrong or sent as Bearer, then Linear authentication errors come back', async () => {
    for (const header of ['lin_api_wrong', `Bearer ${sb.tokens.linear}`]) {
      const res = await gql('{ viewer { id } }', {}, header);
      expect(res.status).toBe(401);
      expect((res.body as Gql).errors?.[0]?.extensions.code).toBe('AUTHENTICATION_ERROR');
    }
  });

  it('when rate limited, then HTTP 400 with RATELIMITED and Linear budget headers', async () => {
    const ok = await gql('{ viewer { id } }');
    expect(ok.headers.get('x-ratelimit-requests-limit')).toBe('2500');
    expect(Number(ok.headers.get('x-ratelimit-requests-reset'))).toBeGreaterThan(1_600_000_000_000);
    sb.faults.configure({ rate: 1, kinds: ['rate_limit'] });
    try {
      const res = await gql('{ viewer { id } }');
      expect(res.status).toBe(400);
      expect((res.body as Gql).errors?.[0]?.extensions).toMatchObject({
        code: 'RATELIMITED',
        type: 'ratelimited',
      });
      expect(res.headers.get('x-ratelimit-requests-remaining')).toBe('0');
    } finally {
      sb.faults.configure({ rate: 0 });
    }
  });
});

/**
 * Linear GraphQL emulator: graphql-js executing LINEAR_SDL over the dataset, with Linear's auth,
 * error shapes and rate-limit headers (external-apis.md section 2).
 */
import {
  buildSchema,
  type DocumentNode,
  execute,
  getVariableValues,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import type { Dataset, Issue } from '../model.ts';
import { worldStamp } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import { startEmulator, type Req, type Res, type RunningServer } from '../http/server.ts';
import { type EmulatorContext, headerValue } from './context.ts';
import { estimateComplexity } from './linear-complexity.ts';
import { type ConnectionArgs, type FilterSpec, inputError } from './linear-filter.ts';
import { issueCandidates } from './linear-narrow.ts';
import { connectionOf, createNodes, projectRecord } from './linear-nodes.ts';
import { LINEAR_SDL } from './linear-schema.ts';
import { applyIssueUpdate, type IssueInput } from './linear-mutations.ts';

export const REQUESTS_PER_HOUR = 2500;
export const COMPLEXITY_PER_HOUR = 3_000_000;

let cachedSchema: GraphQLSchema | null = null;
export function linearSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(LINEAR_SDL);
  return cachedSchema;
}

function rootValue(ds: Dataset) {
  const n = createNodes(ds);
  const notFound = (entity: string) =>
    inputError(`Entity not found: ${entity}`, `Could not find referenced ${entity}.`);
  const findIssue = (id: string): Issue | undefined => {
    const m = /^([A-Z0-9]+)-(\d+)$/.exec(id);
    if (m) {
      const ti = ds.teams.findIndex((t) => t.key === m[1]);
      return ds.issues.find((i) => i.teamIndex === ti && i.number === Number(m[2]));
    }
    return ds.issues.find((i) => i.id === id);
  };
  let lastSyncId = 1000 + ds.issues.length;
  const connection = <T extends { id: string; createdAt: number; updatedAt: number }>(
    items: T[],
    args: ConnectionArgs,
    spec: FilterSpec<T>,
    toNode: (item: T) => Record<string, unknown>,
  ) => connectionOf(ds, items, args, spec, toNode);
  return {
    viewer: () => n.user(0),
    issue: ({ id }: { id: string }) => {
      const issue = findIssue(id);
      if (!issue) throw notFound('Issue');
      return n.issue(issue);
    },
    issues: (args: ConnectionArgs) =>
      connection(issueCandidates(ds, args.filter), args, n.specs.issue, n.issue),
    team: ({ id }: { id: string }) => {
      const t = ds.teams.find((x) => x.id === id || x.key === id);
      if (!t) throw notFound('Team');
      return n.team(t);
    },
    teams: (args: ConnectionArgs) => connection(ds.teams, args, n.specs.team, (t) => n.team(t) ?? {}),
    project: ({ id }: { id: string }) => {
      const i = ds.projects.findIndex((p) => p.linearProjectId === id);
      if (i < 0) throw notFound('Project');
      return n.project(projectRecord(ds, i));
    },
    projects: (args: ConnectionArgs) =>
      connection(
        ds.projects.flatMap((_, i) => projectRecord(ds, i) ?? []),
        args,
        n.specs.project,
        (p) => n.project(p) ?? {},
      ),
    cycles: (args: ConnectionArgs) => connection(ds.cycles, args, n.specs.cycle, n.cycle),
    workflowStates: (args: ConnectionArgs) => connection(ds.states, args, n.specs.state, n.state),
    users: (args: ConnectionArgs) =>
      connection(
        n.staffAll(),
        args,
        n.specs.user,
        (u) => n.user(ds.staff.findIndex((s) => s.linearId === u.id)) ?? {},
      ),
    issueLabels: (args: ConnectionArgs) => connection(ds.labels, args, n.specs.label, n.label),
    issueCreate: ({ input }: { input: IssueInput & { teamId: string; id?: string | null } }) => {
      const teamIndex = ds.teams.findIndex((t) => t.id === input.teamId || t.key === input.teamId);
      const team = ds.teams[teamIndex];
      if (!team) throw notFound('Team');
      if (input.id && ds.issues.some((i) => i.id === input.id))
        throw inputError('Entity already exists: Issue', 'An issue with this id already exists.');
      const at = worldStamp(ds);
      const issue: Issue = {
        id: input.id ?? createRng(mixSeed(ds.seed, 'api-issue', ds.issues.length)).uuid(),
        teamIndex,
        projectIndex: team.projectIndex,
        number: team.nextIssueNumber++,
        title: input.title ?? '',
        description: null,
        priority: 0,
        estimate: null,
        dueDate: null,
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        completedAt: null,
        canceledAt: null,
        stateIndex: team.states[0] ?? 0,
        assigneeStaff: null,
        creatorStaff: 0,
        cycleIndex: null,
        labels: [],
      };
      applyIssueUpdate(ds, issue, input, at, notFound);
      ds.issues.push(issue);
      return { issue: n.issue(issue), lastSyncId: ++lastSyncId, success: true };
    },
    issueUpdate: ({ id, input }: { id: string; input: IssueInput }) => {
      const issue = findIssue(id);
      if (!issue) throw notFound('Issue');
      const at = worldStamp(ds);
      applyIssueUpdate(ds, issue, input, at, notFound);
      issue.updatedAt = at;
      return { issue: n.issue(issue), lastSyncId: ++lastSyncId, success: true };
    },
  };
}

function graphqlErrorJson(error: GraphQLError, fallbackCode: string): Record<string, unknown> {
  const json = { ...error.toJSON() } as Record<string, unknown>;
  const ext = (error.extensions ?? {}) as Record<string, unknown>;
  return {
    ...json,
    extensions: ext.code ? ext : { code: fallbackCode, type: 'graphql error', userError: true, meta: {} },
  };
}

const budgets = new WeakMap<EmulatorContext, { windowStart: number; used: number; complexity: number }>();

function budget(ctx: EmulatorContext) {
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  let b = budgets.get(ctx);
  if (!b || b.windowStart !== hour) {
    b = { windowStart: hour, used: 0, complexity: 0 };
    budgets.set(ctx, b);
  }
  return b;
}

function rateHeaders(ctx: EmulatorContext, complexity = 0): Record<string, string> {
  const b = budget(ctx);
  const reset = String(b.windowStart + 3_600_000);
  return {
    'x-ratelimit-requests-limit': String(REQUESTS_PER_HOUR),
    'x-ratelimit-requests-remaining': String(Math.max(0, REQUESTS_PER_HOUR - b.used)),
    'x-ratelimit-requests-reset': reset,
    'x-ratelimit-complexity-limit': String(COMPLEXITY_PER_HOUR),
    'x-ratelimit-complexity-remaining': String(Math.max(0, COMPLEXITY_PER_HOUR - b.complexity)),
    'x-ratelimit-complexity-reset': reset,
    'x-complexity': String(complexity),
  };
}

export function handleGraphql(ctx: EmulatorContext, req: Req): Res {
  const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof body.query !== 'string') {
    return {
      status: 400,
      body: {
        errors: [
          {
            message: 'Must provide query string.',
            extensions: { code: 'BAD_REQUEST', type: 'graphql error', userError: true },
          },
        ],
      },
    };
  }
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(body.query);
  } catch (error) {
    return {
      status: 400,
      body: { errors: [graphqlErrorJson(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] },
    };
  }
  const schema = linearSchema();
  const errors = validate(schema, doc);
  if (errors.length > 0) {
    return {
      status: 400,
      body: { errors: errors.map((e) => graphqlErrorJson(e, 'GRAPHQL_VALIDATION_FAILED')) },
    };
  }
  const variables = checkVariables(schema, doc, body.variables, body.operationName);
  if ('errors' in variables) return { status: 400, body: variables, headers: rateHeaders(ctx) };
  const complexity = estimateComplexity(doc, variables.values);
  const b = budget(ctx);
  b.used += 1;
  b.complexity += complexity;
  const result = execute({
    schema,
    document: doc,
    rootValue: rootValue(ctx.dataset),
    variableValues: variables.values,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  });
  if (result instanceof Promise) throw new Error('resolvers are synchronous');
  const out: Record<string, unknown> = {};
  if (result.errors) out.errors = result.errors.map((e) => graphqlErrorJson(e, 'INTERNAL_SERVER_ERROR'));
  out.data = result.data ?? null;
  return { status: 200, body: out, headers: rateHeaders(ctx, complexity) };
}

const validationFailed = (message: string) => ({
  message,
  extensions: { code: 'GRAPHQL_VALIDATION_FAILED', type: 'graphql error', userError: true, meta: {} },
});

/**
 * The request's variables checked against the operation's declarations before anything runs:
 * `variables` must be an object, every required variable present and every value of its declared
 * type (graphql-js coercion). Linear documents one code for a request its schema refuses, so a bad
 * variable is answered like a bad document: HTTP 400 with `GRAPHQL_VALIDATION_FAILED`.
 */
function checkVariables(
  schema: GraphQLSchema,
  doc: DocumentNode,
  raw: unknown,
  operationName: unknown,
): { values: Record<string, unknown> } | { errors: unknown[] } {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    return {
      errors: [
        validationFailed('Variables must be provided as an Object where each property is a variable value.'),
      ],
    };
  const operations = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    typeof operationName === 'string'
      ? operations.find((o) => o.name?.value === operationName)
      : operations[0];
  if (!operation || (typeof operationName !== 'string' && operations.length > 1))
    return { errors: [validationFailed('Could not determine which operation to run.')] };
  const inputs = (raw ?? {}) as Record<string, unknown>;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 10 });
  if (coerced.errors)
    return {
      errors: coerced.errors.map((e) => ({ ...validationFailed(e.message), locations: e.locations })),
    };
  return { values: inputs };
}

export const LINEAR_AUTH_ERROR = {
  errors: [
    {
      message: 'Authentication required, not authenticated',
      extensions: {
        type: 'authentication error',
        code: 'AUTHENTICATION_ERROR',
        statusCode: 401,
        userError: true,
        userPresentableMessage: 'You need to authenticate to access this operation.',
        http: { status: 401 },
      },
    },
  ],
};

export function startLinear(ctx: EmulatorContext, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  return startEmulator(
    {
      name: 'linear',
      routes: [
        { method: 'POST', pattern: '/graphql', paginated: true, handler: (req) => handleGraphql(ctx, req) },
      ],
      authenticate: (req) =>
        headerValue(req.headers.authorization) === ctx.tokens.linear
          ? null
          : { status: 401, body: LINEAR_AUTH_ERROR },
      headers: () => rateHeaders(ctx),
      shapes: {
        unauthorized: () => ({ status: 401, body: LINEAR_AUTH_ERROR }),
        rateLimited: (retryAfter) => ({
          status: 400,
          headers: {
            'x-ratelimit-requests-remaining': '0',
            'x-ratelimit-requests-reset': String(Date.now() + retryAfter * 1000),
          },
          body: {
            errors: [
              {
                message: 'Rate limit exceeded',
                extensions: {
                  type: 'ratelimited',
                  code: 'RATELIMITED',
                  statusCode: 429,
                  userError: true,
                  userPresentableMessage: 'You have exceeded the API rate limit. Please try again later.',
                },
              },
            ],
          },
        }),
        serverError: (status) =>
          status === 500
            ? {
                status,
                body: {
                  errors: [
                    {
                      message: 'Internal server error',
                      extensions: { type: 'internal error', code: 'INTERNAL_SERVER_ERROR', userError: false },
                    },
                  ],
                },
              }
            : {
                status,
                body: `<html><head><title>${status}</title></head><body>${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</body></html>`,
                text: true,
              },
        notFound: () => ({ status: 404, body: 'Not Found', text: true }),
        badJson: () => ({
          status: 400,
          body: {
            errors: [
              {
                message: 'Unexpected token in JSON body',
                extensions: { code: 'BAD_REQUEST', type: 'graphql error', userError: true },
              },
            ],
          },
        }),
      },
    },
    ctx,
    port,
    host,
  );
}

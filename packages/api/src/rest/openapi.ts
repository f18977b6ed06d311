import { z } from 'zod';
import { ERROR_CODES } from '@keel/core/errors';
import type { RestRoute } from './route-table.ts';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType | undefined, io: 'input' | 'output'): JsonSchema | undefined {
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

const errorEnvelope: JsonSchema = {
  type: 'object',
  required: ['ok', 'request_id', 'error', 'message', 'details'],
  properties: {
    ok: { const: false },
    request_id: { type: 'string' },
    error: { type: 'string', enum: Object.keys(ERROR_CODES) },
    message: { type: 'string', description: 'What went wrong and what to do about it.' },
    details: { type: 'object' },
  },
};

function okEnvelope(data: JsonSchema | undefined): JsonSchema {
  return {
    type: 'object',
    required: ['ok', 'request_id', 'data'],
    properties: { ok: { const: true }, request_id: { type: 'string' }, data: data ?? {} },
  };
}

/** OpenAPI 3.1 from the same route table and zod schemas the REST adapter serves. */
/**
 * The seed's routes that are plain Fastify routes, not procedures (apps/server/src/routes and
 * sse/): health and metrics for operators, the event stream for browsers and scripts.
 */
const PLAIN_ROUTES: Record<string, Record<string, unknown>> = {
  '/health': {
    get: {
      operationId: 'health',
      summary: 'Health: database, Redis, migrations, worker heartbeat and search mode (no auth)',
      tags: ['operations'],
      security: [],
      responses: {
        '200': {
          description: 'Serving (status ok or degraded, with the reason per part)',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '503': {
          description: 'Not serving (the database is unreachable or migrations are missing)',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics: requests, jobs, SSE connections (no auth)',
      tags: ['operations'],
      security: [],
      responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': {} } } },
    },
  },
  '/events/stream': {
    get: {
      operationId: 'events.stream',
      summary: "Server-Sent Events of the caller's projects (Last-Event-ID resumes)",
      tags: ['events'],
      responses: {
        '200': { description: 'An event stream', content: { 'text/event-stream': {} } },
        '401': {
          description: 'Not signed in',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  },
};

export function buildOpenApiDocument(
  routes: RestRoute[],
  info: { title: string; version: string; serverUrl?: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const oaPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const inputSchema = toSchema(route.input, 'input');
    const props = (inputSchema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((inputSchema?.required as string[] | undefined) ?? []);
    const parameters: unknown[] = route.pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: props[name] ?? { type: 'string' },
    }));
    if (route.method === 'GET') {
      for (const [name, schema] of Object.entries(props)) {
        if (route.pathParams.includes(name)) continue;
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    let requestBody: unknown;
    if (route.method !== 'GET' && inputSchema) {
      const bodyProps = Object.fromEntries(
        Object.entries(props).filter(([k]) => !route.pathParams.includes(k)),
      );
      if (Object.keys(bodyProps).length > 0) {
        requestBody = {
          required: [...required].some((k) => !route.pathParams.includes(k)),
          content: {
            'application/json': {
              schema: {
                ...inputSchema,
                properties: bodyProps,
                required: [...required].filter((k) => !route.pathParams.includes(k)),
              },
            },
          },
        };
      }
    }
    const status = String(route.successStatus ?? 200);
    const responses: Record<string, unknown> = {
      [status]: {
        description: 'Success',
        content: { 'application/json': { schema: okEnvelope(toSchema(route.output, 'output')) } },
      },
      '400': {
        description: 'Invalid input',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    if (route.access !== 'public') {
      responses['401'] = {
        description: 'Not signed in',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
      responses['403'] = {
        description: 'Forbidden or CSRF token missing',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (route.access === 'project') {
      responses['409'] = {
        description: 'No active project',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[oaPath] ??= {};
    const op = {
      operationId: route.procedurePath,
      summary: route.summary,
      tags: route.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    (paths[oaPath] as Record<string, unknown>)[route.method.toLowerCase()] = op;
  }
  for (const [path, ops] of Object.entries(PLAIN_ROUTES)) paths[path] = { ...paths[path], ...ops };
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ session: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'keel_session',
          description: 'Mutations also need the X-CSRF-Token header.',
        },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'API key from `pnpm keel apikey:create`; send X-Project-Id for project routes.',
        },
      },
      schemas: { Error: errorEnvelope },
    },
    paths,
  };
}

import { initTRPC, TRPCError } from '@trpc/server';
import { ApiError, ERROR_CODES, type ErrorCode } from '@keel/core/errors';
import { ZodError, type ZodType } from 'zod';
import { databaseUnavailableReason } from '@keel/db/unavailable';
import { canManageWorkspace, canWriteProject, PROJECT_WRITERS, roleRefusal } from '@keel/core/policy';
import type { Context } from './context.ts';

/**
 * REST exposure of a procedure. The REST adapter and the OpenAPI document are generated
 * from these entries; nothing about a route is written anywhere else.
 */
export type RestMeta = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The seed's path, Fastify syntax for params: `/projects/:id/select`. */
  path: string;
  summary: string;
  tags: string[];
  successStatus?: number;
};

export type AccessLevel = 'public' | 'user' | 'project';

/** `access` is set by the procedure builders below; routers only add `rest`. */
export type Meta = { access?: AccessLevel; rest?: RestMeta };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    defaultMeta: { access: 'public' },
    errorFormatter({ shape, error }) {
      const apiError = toApiError(error);
      return {
        ...shape,
        message: apiError.code === 'internal_error' ? 'Internal error' : apiError.message,
        data: { ...shape.data, stack: undefined, keelCode: apiError.code, details: apiError.details ?? {} },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Maps any thrown value to the one error type; domain code throws ApiError and nothing else. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TRPCError) {
    if (error.cause instanceof ApiError) return error.cause;
    // An output that fails its schema (tRPC raises INTERNAL_SERVER_ERROR with the parser's
    // error as cause) is our bug, not the caller's: a 500 that shows no internal field paths.
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const inner = error.cause ? toApiError(error.cause) : null;
      return inner && inner.code !== 'validation_error'
        ? inner
        : new ApiError('internal_error', 'Internal error');
    }
    if (error.cause instanceof ZodError) return validationError(error.cause);
    if (error.code === 'NOT_FOUND') return new ApiError('not_found', error.message);
    if (error.code === 'BAD_REQUEST') return new ApiError('bad_request', error.message);
    if (error.code === 'PARSE_ERROR') return new ApiError('bad_request', 'Request body is not valid JSON');
    if (error.code === 'METHOD_NOT_SUPPORTED') return new ApiError('method_not_allowed', error.message);
    if (error.code === 'PAYLOAD_TOO_LARGE') return new ApiError('payload_too_large', error.message);
    if (error.code === 'UNAUTHORIZED') return new ApiError('unauthorized', error.message);
    if (error.code === 'FORBIDDEN') return new ApiError('forbidden', error.message);
    if (error.cause) return toApiError(error.cause);
  }
  if (error instanceof ZodError) return validationError(error);
  const unavailable = databaseUnavailableReason(error);
  if (unavailable)
    return new ApiError('unavailable', `Keel cannot serve this right now: ${unavailable}. Retry shortly.`);
  return new ApiError('internal_error', 'Internal error');
}

export function validationError(error: ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
  const first = issues[0];
  const message = first ? `Invalid input: ${first.path || '(root)'}: ${first.message}` : 'Invalid input';
  return new ApiError('validation_error', message, { issues });
}

/** tRPC code for an ApiError, from the single table in @keel/core/errors. */
export function trpcCodeFor(code: ErrorCode): TRPCError['code'] {
  return ERROR_CODES[code].trpc;
}

/** Re-throws domain errors as TRPCError so tRPC clients see the right code, keeping the cause. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  if (cause instanceof ApiError) {
    throw new TRPCError({ code: trpcCodeFor(cause.code), message: cause.message, cause });
  }
  return result;
});

/**
 * An output schema as tRPC's validator with zod's synchronous `parse`: tRPC calls `parseAsync`
 * whenever a validator has one, and zod's asynchronous path costs ≈ 7× the synchronous one (the
 * portfolio's 500 rows: 1.5 ms against 0.2 ms per response). A schema that needs async parsing
 * (none today) falls back to it. `schema` keeps the zod schema for the REST table and OpenAPI.
 */
export type SyncOutput = { parse(value: unknown): unknown; schema: ZodType };

function syncOutput(schema: ZodType): SyncOutput {
  return {
    schema,
    parse(value) {
      try {
        return schema.parse(value);
      } catch (error) {
        if (error instanceof Error && error.constructor.name === '$ZodAsyncError')
          return schema.parseAsync(value);
        throw error;
      }
    },
  };
}

export function isSyncOutput(value: unknown): value is SyncOutput {
  return typeof value === 'object' && value !== null && 'schema' in value && 'parse' in value;
}

const isZodSchema = (value: unknown): value is ZodType =>
  typeof value === 'object' && value !== null && 'safeParse' in value && '_zod' in value;

/** Builders whose `.output(zod)` becomes a SyncOutput; every builder derived from one is one too. */
function withSyncOutputs<B extends object>(builder: B): B {
  return new Proxy(builder, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop === 'output')
        return (schema: unknown) =>
          wrapBuilder(method.call(target, isZodSchema(schema) ? syncOutput(schema) : schema));
      if (prop === 'input' || prop === 'use' || prop === 'meta' || prop === 'concat')
        return (...args: unknown[]) => wrapBuilder(method.apply(target, args));
      return method.bind(target);
    },
  });
}

const wrapBuilder = (value: unknown) =>
  typeof value === 'object' && value !== null ? withSyncOutputs(value) : value;

export const publicProcedure = withSyncOutputs(t.procedure.use(errorMapping).meta({ access: 'public' }));

export const authedProcedure = publicProcedure.meta({ access: 'user' }).use(({ ctx, meta, path, next }) => {
  if (!ctx.auth)
    throw new ApiError(
      'unauthorized',
      'Sign in (POST /auth/login) or send an API key as Authorization: Bearer <key>.',
    );
  // A key limited to some projects reaches only project routes (checked against its list when
  // the scope is hydrated) and who-am-I; workspace-wide reads would show the other projects.
  if (ctx.auth.keyProjectIds && meta?.access !== 'project' && path !== 'auth.me')
    throw new ApiError(
      'forbidden',
      'This API key is limited to some projects; workspace-wide routes need a key without a project list.',
    );
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

export const projectProcedure = authedProcedure.meta({ access: 'project' }).use(({ ctx, next }) => {
  const { accountScopeId, projectId } = ctx.scope;
  if (!accountScopeId || !projectId || !ctx.projectRole) {
    throw new ApiError(
      'project_required',
      'No active project. Select one with POST /projects/:id/select (or send X-Project-Id with an API key).',
    );
  }
  return next({ ctx: { ...ctx, project: { accountScopeId, projectId }, projectRole: ctx.projectRole } });
});

/** Changes to a project: its owner or project manager (the policy says who); viewers and executives read. */
export const projectWriteProcedure = projectProcedure.use(({ ctx, next }) => {
  if (!canWriteProject(ctx.projectRole)) {
    throw new ApiError('forbidden', roleRefusal('This action', PROJECT_WRITERS, ctx.projectRole));
  }
  return next();
});

/**
 * Workspace-wide settings (connector credentials, source bindings, API keys): the workspace's
 * owner only — a project manager of one project must not repoint every project's sources.
 */
const workspaceAdminOnly = t.middleware(({ ctx, next }) => {
  const role = ctx.auth?.workspaceRole ?? null;
  if (!role || !canManageWorkspace(role)) {
    throw new ApiError(
      'forbidden',
      roleRefusal('Changing workspace settings', 'the workspace owner role', role),
    );
  }
  return next();
});

export const workspaceAdminProcedure = authedProcedure.use(workspaceAdminOnly);

/** A workspace-wide setting used from a project screen (e.g. binding that project's sources). */
export const projectWorkspaceAdminProcedure = projectProcedure.use(workspaceAdminOnly);

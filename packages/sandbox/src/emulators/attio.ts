/** Attio REST v2 emulator (external-apis.md section 3, attio-openapi.json). */
import { isoNanos } from '../format.ts';
import { worldStamp } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import { startEmulator, type Req, type Res, type Route, type RunningServer } from '../http/server.ts';
import { specChecked } from '../spec/openapi.ts';
import { attioError } from './attio-error.ts';
import { recordCandidates } from './attio-narrow.ts';
import { FilterError, matchRecord, type Sort, sortRecords } from './attio-query.ts';
import {
  checkNoteBody,
  checkRecordsQueryBody,
  checkTaskBody,
  refuseAttio,
  warmAttioChecks,
} from './attio-spec.ts';
import { attioRecordWriteRoutes, warmAttioWriteChecks } from './attio-records-write.ts';
import { type AttioObject, noteJson, recordJson, recordsOf, taskJson } from './attio-views.ts';
import { bearer, type EmulatorContext } from './context.ts';

const OBJECTS: readonly AttioObject[] = ['companies', 'people', 'deals'];
const NOUNS: Record<AttioObject, [string, string]> = {
  companies: ['Company', 'Companies'],
  people: ['Person', 'People'],
  deals: ['Deal', 'Deals'],
};

function resolveObject(ctx: EmulatorContext, slug: string | undefined): AttioObject | null {
  for (const o of OBJECTS) if (o === slug || ctx.dataset.attioObjectIds[o] === slug) return o;
  return null;
}

function intParam(req: Req, name: string, fallback: number): number | null {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function queryRecords(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const object = resolveObject(ctx, req.params.object);
  if (!object)
    return attioError(
      404,
      'invalid_request_error',
      'not_found',
      `Object with slug/ID "${req.params.object}" not found.`,
    );
  const body = (req.body ?? {}) as { filter?: unknown; sorts?: unknown; limit?: unknown; offset?: unknown };
  const limit = body.limit === undefined ? 500 : Number(body.limit);
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isFinite(limit) || limit < 0 || !Number.isFinite(offset) || offset < 0) {
    return attioError(400, 'invalid_request_error', 'validation_type', 'Body payload validation error.');
  }
  try {
    let records = recordsOf(ds, object, recordCandidates(ds, object, body.filter));
    if (body.filter && typeof body.filter === 'object') {
      const filter = body.filter as Record<string, unknown>;
      records = records.filter((r) => matchRecord(r, filter));
    }
    if (Array.isArray(body.sorts) && body.sorts.length > 0)
      records = sortRecords(records, body.sorts as Sort[]);
    const page = records.slice(offset, offset + limit);
    return { status: 200, body: { data: page.map((r) => recordJson(ds, object, r)) } };
  } catch (error) {
    if (error instanceof FilterError)
      return attioError(400, 'invalid_request_error', 'filter_error', error.message);
    throw error;
  }
}

function getRecord(ctx: EmulatorContext, req: Req): Res {
  const object = resolveObject(ctx, req.params.object);
  if (!object)
    return attioError(
      404,
      'invalid_request_error',
      'not_found',
      `Object with slug/ID "${req.params.object}" not found.`,
    );
  const record = recordsOf(ctx.dataset, object).find((r) => r.id === req.params.record_id);
  if (!record)
    return attioError(
      404,
      'invalid_request_error',
      'not_found',
      `Record with ID "${req.params.record_id}" not found.`,
    );
  return { status: 200, body: { data: recordJson(ctx.dataset, object, record) } };
}

function listNotes(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const limit = intParam(req, 'limit', 10);
  const offset = intParam(req, 'offset', 0);
  if (limit === null || offset === null || limit > 50) {
    return attioError(
      400,
      'invalid_request_error',
      'validation_type',
      'limit must be an integer between 0 and 50.',
    );
  }
  const parentObject = req.query.get('parent_object');
  const parentRecord = req.query.get('parent_record_id');
  const list = ds.notes.filter(
    (n) =>
      (parentObject === null || n.parentObject === parentObject) &&
      (parentRecord === null || n.parentRecordId === parentRecord),
  );
  return { status: 200, body: { data: list.slice(offset, offset + limit).map((n) => noteJson(ds, n)) } };
}

function createNote(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const data = ((req.body ?? {}) as { data?: Record<string, unknown> }).data;
  if (
    !data ||
    typeof data.parent_object !== 'string' ||
    typeof data.parent_record_id !== 'string' ||
    typeof data.title !== 'string' ||
    typeof data.content !== 'string'
  ) {
    return attioError(
      400,
      'invalid_request_error',
      'validation_type',
      'Body payload validation error: data.parent_object, parent_record_id, title, format and content are required.',
    );
  }
  const object = resolveObject(ctx, data.parent_object);
  if (!object)
    return attioError(
      404,
      'invalid_request_error',
      'not_found',
      `Object with slug/ID "${data.parent_object}" not found.`,
    );
  if (!recordsOf(ds, object).some((r) => r.id === data.parent_record_id)) {
    return attioError(
      404,
      'invalid_request_error',
      'not_found',
      `Record with ID "${data.parent_record_id}" not found.`,
    );
  }
  const at =
    typeof data.created_at === 'string' && !Number.isNaN(Date.parse(data.created_at))
      ? Date.parse(data.created_at)
      : worldStamp(ds);
  const note = {
    id: createRng(mixSeed(ds.seed, 'api-note', ds.notes.length)).uuid(),
    parentObject: object,
    parentRecordId: data.parent_record_id,
    title: data.title,
    content: data.content,
    createdByStaff: null,
    createdAt: at,
  };
  ds.notes.push(note);
  return { status: 200, body: { data: noteJson(ds, note) } };
}

function listTasks(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const limit = intParam(req, 'limit', 500);
  const offset = intParam(req, 'offset', 0);
  if (limit === null || offset === null)
    return attioError(400, 'invalid_request_error', 'validation_type', 'Invalid limit or offset.');
  const linkedObject = req.query.get('linked_object');
  const linkedRecord = req.query.get('linked_record_id');
  const completed = req.query.get('is_completed');
  let list = ds.tasks.filter((t) => {
    if (
      linkedRecord !== null &&
      !t.linked.some(
        (l) => l.recordId === linkedRecord && (linkedObject === null || l.object === linkedObject),
      )
    )
      return false;
    if (completed !== null && String(t.isCompleted) !== completed) return false;
    return true;
  });
  list = [...list].sort((a, b) =>
    req.query.get('sort') === 'created_at:desc' ? b.createdAt - a.createdAt : a.createdAt - b.createdAt,
  );
  return { status: 200, body: { data: list.slice(offset, offset + limit).map((t) => taskJson(ds, t)) } };
}

function createTask(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const data = ((req.body ?? {}) as { data?: Record<string, unknown> }).data;
  if (!data || typeof data.content !== 'string' || data.content.length > 2000) {
    return attioError(
      400,
      'invalid_request_error',
      'validation_type',
      'Body payload validation error: data.content is required (max 2000 characters).',
    );
  }
  const linked: Array<{ object: AttioObject; recordId: string }> = [];
  for (const l of Array.isArray(data.linked_records) ? data.linked_records : []) {
    const ref = l as { target_object?: unknown; target_record_id?: unknown };
    const object = resolveObject(ctx, String(ref.target_object));
    if (!object || typeof ref.target_record_id !== 'string')
      return attioError(400, 'invalid_request_error', 'validation_type', 'Invalid linked record.');
    linked.push({ object, recordId: ref.target_record_id });
  }
  const assignees = (Array.isArray(data.assignees) ? data.assignees : []).flatMap((a) => {
    const id = (a as { referenced_actor_id?: unknown; workspace_member_email_address?: unknown })
      .referenced_actor_id;
    const s = ds.staff.findIndex((m) => m.attioMemberId === id);
    return s >= 0 ? [s] : [];
  });
  const deadline = typeof data.deadline_at === 'string' ? Date.parse(data.deadline_at) : Number.NaN;
  const task = {
    id: createRng(mixSeed(ds.seed, 'api-task', ds.tasks.length)).uuid(),
    content: data.content,
    deadlineAt: Number.isNaN(deadline) ? null : deadline,
    isCompleted: data.is_completed === true,
    linked,
    assignees,
    createdByStaff: null,
    createdAt: worldStamp(ds),
  };
  ds.tasks.push(task);
  return { status: 200, body: { data: taskJson(ds, task) } };
}

export function attioRoutes(ctx: EmulatorContext): Route[] {
  const ds = () => ctx.dataset;
  return [
    {
      method: 'GET',
      pattern: '/v2/objects',
      handler: () => ({
        status: 200,
        body: {
          data: OBJECTS.map((o) => ({
            id: { workspace_id: ds().workspaceId, object_id: ds().attioObjectIds[o] },
            api_slug: o,
            singular_noun: NOUNS[o][0],
            plural_noun: NOUNS[o][1],
            created_at: isoNanos(ds().baseDate - 900 * 86_400_000),
          })),
        },
      }),
    },
    {
      method: 'POST',
      pattern: '/v2/objects/:object/records/query',
      paginated: true,
      handler: specChecked(checkRecordsQueryBody, refuseAttio, (req) => queryRecords(ctx, req)),
    },
    {
      method: 'GET',
      pattern: '/v2/objects/:object/records/:record_id',
      handler: (req) => getRecord(ctx, req),
    },
    { method: 'GET', pattern: '/v2/notes', paginated: true, handler: (req) => listNotes(ctx, req) },
    {
      method: 'POST',
      pattern: '/v2/notes',
      handler: specChecked(checkNoteBody, refuseAttio, (req) => createNote(ctx, req)),
    },
    { method: 'GET', pattern: '/v2/tasks', paginated: true, handler: (req) => listTasks(ctx, req) },
    {
      method: 'POST',
      pattern: '/v2/tasks',
      handler: specChecked(checkTaskBody, refuseAttio, (req) => createTask(ctx, req)),
    },
    ...attioRecordWriteRoutes(ctx),
    {
      method: 'GET',
      pattern: '/v2/workspace_members',
      handler: () => ({
        status: 200,
        body: {
          data: ds().staff.map((s, i) => ({
            id: { workspace_id: ds().workspaceId, workspace_member_id: s.attioMemberId },
            first_name: s.firstName,
            last_name: s.lastName,
            avatar_url: null,
            email_address: s.email,
            created_at: isoNanos(s.createdAt),
            access_level: i === 0 ? 'admin' : 'member',
          })),
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/v2/self',
      handler: () => ({
        status: 200,
        body: {
          active: true,
          scope:
            'record_permission:read-write object_configuration:read note:read-write task:read-write user_management:read',
          client_id: 'sandbox',
          token_type: 'Bearer',
          exp: null,
          iat: Math.floor(ds().baseDate / 1000),
          sub: ds().workspaceId,
          aud: 'sandbox',
          iss: 'attio.com',
          authorized_by_workspace_member_id: ds().staff[0]?.attioMemberId,
          workspace_id: ds().workspaceId,
          workspace_name: ds().agencyName,
          workspace_slug: 'brightside',
          workspace_logo_url: null,
        },
      }),
    },
  ];
}

export function startAttio(ctx: EmulatorContext, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  warmAttioChecks();
  warmAttioWriteChecks();
  return startEmulator(
    {
      name: 'attio',
      routes: attioRoutes(ctx),
      authenticate: (req) =>
        bearer(req.headers.authorization) === ctx.tokens.attio
          ? null
          : attioError(
              401,
              'auth_error',
              'unauthorized',
              'Authentication failed: the access token is missing or invalid.',
            ),
      shapes: {
        unauthorized: () =>
          attioError(
            401,
            'auth_error',
            'unauthorized',
            'Authentication failed: the access token is missing or invalid.',
          ),
        rateLimited: (seconds) => ({
          ...attioError(
            429,
            'rate_limit_error',
            'rate_limit_exceeded',
            'Rate limit exceeded, please try again later',
          ),
          headers: {
            'retry-after': new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toUTCString(),
          },
        }),
        serverError: (status) =>
          attioError(
            status,
            'internal_server_error',
            'internal_server_error',
            'An unexpected error occurred.',
          ),
        notFound: () => attioError(404, 'invalid_request_error', 'not_found', 'Route not found.'),
        badJson: () =>
          attioError(400, 'invalid_request_error', 'validation_type', 'Request body is not valid JSON.'),
      },
    },
    ctx,
    port,
    host,
  );
}

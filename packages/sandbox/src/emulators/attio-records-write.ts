/**
 * Attio record writes (attio-openapi.json): create (`POST /v2/objects/{object}/records`), assert
 * (`PUT …/records?matching_attribute=`), update (`PATCH …/records/{record_id}`), the deal stage's
 * statuses (`GET /v2/objects/deals/attributes/stage/statuses`) and custom unique attributes
 * (`GET|POST /v2/objects/{object}/attributes…`), which is what an idempotent writer needs: it
 * declares a unique `keel_ref` attribute once and asserts records on it, so a retried create
 * updates the record the first attempt made instead of making a second one.
 * Companies and deals only; people and tasks are written elsewhere.
 */
import { isoNanos } from '../format.ts';
import type { Client, Dataset, Deal, DealStage } from '../model.ts';
import { worldStamp } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import type { Req, Res, Route } from '../http/server.ts';
import { specChecked } from '../spec/openapi.ts';
import { attioError } from './attio-error.ts';
import { refuseAttio } from './attio-spec.ts';
import { openapiRequestBodies } from '../spec/openapi.ts';
import { type AttioObject, companyRecord, DEAL_STAGES, dealRecord, recordJson } from './attio-views.ts';
import type { EmulatorContext } from './context.ts';

const spec = openapiRequestBodies('attio-openapi.json');
const checkCreate = spec.body('POST', '/v2/objects/{object}/records');
const checkAssert = spec.body('PUT', '/v2/objects/{object}/records');
const checkUpdate = spec.body('PATCH', '/v2/objects/{object}/records/{record_id}');
const checkAttribute = spec.body('POST', '/v2/{target}/{identifier}/attributes');

type Writable = Extract<AttioObject, 'companies' | 'deals'>;
type Values = Record<string, unknown[]>;
type Custom = { attributes: Map<string, Record<string, unknown>>; values: Map<string, Map<string, string>> };

/** Custom attributes and their values per dataset (the generator knows only the standard ones). */
const customByDataset = new WeakMap<Dataset, Record<Writable, Custom>>();

function custom(ds: Dataset, object: Writable): Custom {
  let all = customByDataset.get(ds);
  if (!all) {
    const empty = (): Custom => ({ attributes: new Map(), values: new Map() });
    all = { companies: empty(), deals: empty() };
    customByDataset.set(ds, all);
  }
  return all[object];
}

const notFound = (what: string) =>
  attioError(404, 'invalid_request_error', 'not_found', `${what} not found.`);
/** A value Attio cannot resolve (an unknown status, attribute or referenced record): its `value_not_found`. */
const invalid = (message: string) => attioError(400, 'invalid_request_error', 'value_not_found', message);

function writable(ctx: EmulatorContext, slug: string | undefined): Writable | null {
  const ids = ctx.dataset.attioObjectIds;
  if (slug === 'companies' || slug === ids.companies) return 'companies';
  if (slug === 'deals' || slug === ids.deals) return 'deals';
  return null;
}

/** A written value: a bare scalar or an object with the attribute type's field. */
function scalar(values: Values, slug: string, field = 'value'): string | number | null {
  const v = values[slug]?.[0];
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (v && typeof v === 'object') {
    const inner = (v as Record<string, unknown>)[field];
    if (typeof inner === 'string' || typeof inner === 'number') return inner;
  }
  return null;
}

function referenced(values: Values, slug: string): string | null {
  const v = values[slug]?.[0];
  if (typeof v === 'string') return v;
  const id = (v as { target_record_id?: unknown } | undefined)?.target_record_id;
  return typeof id === 'string' ? id : null;
}

function stageOf(values: Values): { stage: DealStage | null; problem: string | null } {
  if (!('stage' in values)) return { stage: null, problem: null };
  const title = scalar(values, 'stage', 'status');
  const stage = DEAL_STAGES.find((s) => s === title);
  if (stage) return { stage, problem: null };
  return {
    stage: null,
    problem: `Cannot find status "${String(title)}" on attribute "stage". Known statuses: ${DEAL_STAGES.join(', ')}.`,
  };
}

function json(ds: Dataset, object: Writable, id: string): Record<string, unknown> | null {
  const index =
    object === 'companies'
      ? ds.clients.findIndex((c) => c.attioCompanyId === id)
      : ds.deals.findIndex((d) => d.id === id);
  const record = object === 'companies' ? companyRecord(ds, index) : dealRecord(ds, index);
  if (!record) return null;
  const out = recordJson(ds, object, record);
  const values = out.values as Record<string, unknown>;
  for (const [slug, byRecord] of custom(ds, object).values) {
    const value = byRecord.get(id);
    values[slug] =
      value === undefined
        ? []
        : [
            {
              active_from: isoNanos(record.createdAt),
              active_until: null,
              created_by_actor: { type: 'api-token', id: null },
              value,
              attribute_type: 'text',
            },
          ];
  }
  return out;
}

/** Applies `values` to an existing record; returns a problem Attio would answer 400 with. */
function apply(ds: Dataset, object: Writable, id: string, values: Values): string | null {
  const unknown = Object.keys(values).find(
    (k) => !KNOWN[object].includes(k) && !custom(ds, object).attributes.has(k),
  );
  if (unknown) return `Cannot find attribute with slug/ID "${unknown}".`;
  for (const slug of custom(ds, object).attributes.keys()) {
    const value = scalar(values, slug);
    if (value !== null) custom(ds, object).values.get(slug)?.set(id, String(value));
  }
  if (object === 'companies') {
    const c = ds.clients.find((x) => x.attioCompanyId === id);
    if (!c) return null;
    const name = scalar(values, 'name');
    if (name !== null) c.name = String(name);
    const domain = scalar(values, 'domains', 'domain');
    if (domain !== null) c.domain = String(domain);
    return null;
  }
  const d = ds.deals.find((x) => x.id === id);
  if (!d) return null;
  const { stage, problem } = stageOf(values);
  if (problem) return problem;
  // Attio keeps a status value's active_from when the same status is written again.
  if (stage && stage !== d.stage) {
    d.stage = stage;
    d.stageChangedAt = worldStamp(ds);
  }
  const name = scalar(values, 'name');
  if (name !== null) d.name = String(name);
  const amount = scalar(values, 'value', 'currency_value');
  if (typeof amount === 'number') d.value = amount;
  const currency = scalar(values, 'value', 'currency_code');
  if (currency === 'USD' || currency === 'EUR') d.currency = currency;
  const close = scalar(values, 'close_date');
  if (typeof close === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(close)) d.closeDate = close;
  const company = referenced(values, 'associated_company');
  if (company) {
    const ci = ds.clients.findIndex((c) => c.attioCompanyId === company);
    if (ci < 0) return `Record with ID "${company}" not found on "associated_company".`;
    d.clientIndex = ci;
  }
  return null;
}

const KNOWN: Record<Writable, string[]> = {
  companies: ['name', 'domains', 'description'],
  deals: ['name', 'stage', 'value', 'close_date', 'associated_company'],
};

function newId(ds: Dataset, object: Writable): string {
  const n = object === 'companies' ? ds.clients.length : ds.deals.length;
  return createRng(mixSeed(ds.seed, 'api-record', object, n, worldStamp(ds))).uuid();
}

/** A new record from `values`; the checks run before anything is pushed (no half-written record). */
function create(ds: Dataset, object: Writable, values: Values): { id: string } | { problem: string } {
  const name = scalar(values, 'name');
  if (object === 'deals') {
    if (name === null) return { problem: 'Required attribute "name" is missing.' };
    const { stage, problem } = stageOf(values);
    if (problem) return { problem };
    if (!stage) return { problem: 'Required attribute "stage" is missing.' };
  }
  const company = object === 'deals' ? referenced(values, 'associated_company') : null;
  if (company && !ds.clients.some((c) => c.attioCompanyId === company))
    return { problem: `Record with ID "${company}" not found on "associated_company".` };
  const id = newId(ds, object);
  const at = worldStamp(ds);
  if (object === 'companies') {
    const client: Client = {
      name: String(name ?? scalar(values, 'domains', 'domain') ?? 'Unnamed company'),
      lang: 'en',
      domain: String(scalar(values, 'domains', 'domain') ?? ''),
      city: '',
      description: '',
      attioCompanyId: id,
      ownerStaff: 0,
      people: [],
      projects: [],
      createdAt: at,
    };
    ds.clients.push(client);
  } else {
    const deal: Deal = {
      id,
      clientIndex: -1,
      projectIndex: null,
      name: String(name),
      stage: 'Lead',
      stageChangedAt: at,
      value: 0,
      currency: 'USD',
      ownerStaff: 0,
      people: [],
      closeDate: new Date(at).toISOString().slice(0, 10),
      renewalDate: null,
      createdAt: at,
    };
    ds.deals.push(deal);
  }
  const problem = apply(ds, object, id, values);
  return problem ? { problem } : { id };
}

function valuesOf(req: Req): Values {
  return ((req.body as { data?: { values?: Values } }).data?.values ?? {}) as Values;
}

function createRecord(ctx: EmulatorContext, req: Req): Res {
  const object = writable(ctx, req.params.object);
  if (!object) return notFound(`Object with slug/ID "${req.params.object}"`);
  const values = valuesOf(req);
  for (const [slug, attr] of custom(ctx.dataset, object).attributes) {
    const value = scalar(values, slug);
    if (attr.is_unique && value !== null) {
      const taken = [...(custom(ctx.dataset, object).values.get(slug) ?? new Map()).values()].includes(
        String(value),
      );
      if (taken)
        return attioError(
          400,
          'invalid_request_error',
          'uniqueness_conflict',
          `A record with the unique value "${value}" for attribute "${slug}" already exists.`,
        );
    }
  }
  const made = create(ctx.dataset, object, values);
  if ('problem' in made) return invalid(made.problem);
  return { status: 200, body: { data: json(ctx.dataset, object, made.id) } };
}

function assertRecord(ctx: EmulatorContext, req: Req): Res {
  const object = writable(ctx, req.params.object);
  if (!object) return notFound(`Object with slug/ID "${req.params.object}"`);
  const matching = req.query.get('matching_attribute');
  const attr = matching ? custom(ctx.dataset, object).attributes.get(matching) : undefined;
  if (!matching || !attr)
    return invalid(`Cannot find attribute with slug/ID "${matching ?? ''}" to match on.`);
  if (attr.is_unique !== true) return invalid(`Matching attribute "${matching}" must be unique.`);
  const values = valuesOf(req);
  const key = scalar(values, matching);
  if (key === null) return invalid(`A value for the matching attribute "${matching}" is required.`);
  const byRecord = custom(ctx.dataset, object).values.get(matching) ?? new Map<string, string>();
  const existing = [...byRecord.entries()].find(([, v]) => v === String(key))?.[0];
  if (existing) {
    const problem = apply(ctx.dataset, object, existing, values);
    if (problem) return invalid(problem);
    return { status: 200, body: { data: json(ctx.dataset, object, existing) } };
  }
  const made = create(ctx.dataset, object, values);
  if ('problem' in made) return invalid(made.problem);
  return { status: 200, body: { data: json(ctx.dataset, object, made.id) } };
}

function updateRecord(ctx: EmulatorContext, req: Req): Res {
  const object = writable(ctx, req.params.object);
  if (!object) return notFound(`Object with slug/ID "${req.params.object}"`);
  const id = req.params.record_id ?? '';
  if (!json(ctx.dataset, object, id)) return notFound(`Record with ID "${id}"`);
  const problem = apply(ctx.dataset, object, id, valuesOf(req));
  if (problem) return invalid(problem);
  return { status: 200, body: { data: json(ctx.dataset, object, id) } };
}

function statusJson(ds: Dataset, title: DealStage, i: number): Record<string, unknown> {
  return {
    id: {
      workspace_id: ds.workspaceId,
      object_id: ds.attioObjectIds.deals,
      attribute_id: createRng(mixSeed(ds.seed, 'attio-attr', 'deals.stage')).uuid(),
      status_id: createRng(mixSeed(ds.seed, 'attio-status', String(i))).uuid(),
    },
    title,
    is_archived: false,
    celebration_enabled: title === 'Won 🎉',
    target_time_in_status: null,
  };
}

function attributeJson(ds: Dataset, object: Writable, a: Record<string, unknown>): Record<string, unknown> {
  return {
    id: {
      workspace_id: ds.workspaceId,
      object_id: ds.attioObjectIds[object],
      attribute_id: createRng(mixSeed(ds.seed, 'attio-attr', `${object}.${String(a.api_slug)}`)).uuid(),
    },
    title: a.title,
    description: a.description ?? null,
    api_slug: a.api_slug,
    type: a.type,
    is_system_attribute: false,
    is_writable: true,
    is_required: a.is_required === true,
    is_unique: a.is_unique === true,
    is_multiselect: a.is_multiselect === true,
    is_default_value_enabled: false,
    is_archived: false,
    default_value: null,
    relationship: null,
    created_at: isoNanos(ds.baseDate),
    // The published schema types these as nullable but its enums leave null out: a text
    // attribute answers the workspace defaults instead, which the schema accepts.
    config: {
      currency: { default_currency_code: 'USD', display_type: 'symbol' },
      record_reference: { allowed_object_ids: null },
    },
  };
}

function getAttribute(ctx: EmulatorContext, req: Req): Res {
  const object = req.params.target === 'objects' ? writable(ctx, req.params.identifier) : null;
  const a = object ? custom(ctx.dataset, object).attributes.get(req.params.attribute ?? '') : undefined;
  if (!object || !a) return notFound(`Attribute with slug/ID "${req.params.attribute}"`);
  return { status: 200, body: { data: attributeJson(ctx.dataset, object, a) } };
}

function createAttribute(ctx: EmulatorContext, req: Req): Res {
  const object = req.params.target === 'objects' ? writable(ctx, req.params.identifier) : null;
  if (!object) return notFound(`Object with slug/ID "${req.params.identifier}"`);
  const data = (req.body as { data: Record<string, unknown> }).data;
  const slug = String(data.api_slug);
  const c = custom(ctx.dataset, object);
  if (c.attributes.has(slug) || KNOWN[object].includes(slug))
    return attioError(409, 'invalid_request_error', 'slug_conflict', `Attribute slug "${slug}" is taken.`);
  if (data.type !== 'text') return invalid('The sandbox supports custom text attributes only.');
  c.attributes.set(slug, data);
  c.values.set(slug, new Map());
  return { status: 200, body: { data: attributeJson(ctx.dataset, object, data) } };
}

export function attioRecordWriteRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/objects/:object/records',
      handler: specChecked(checkCreate, refuseAttio, (req) => createRecord(ctx, req)),
    },
    {
      method: 'PUT',
      pattern: '/v2/objects/:object/records',
      handler: specChecked(checkAssert, refuseAttio, (req) => assertRecord(ctx, req)),
    },
    {
      method: 'PATCH',
      pattern: '/v2/objects/:object/records/:record_id',
      handler: specChecked(checkUpdate, refuseAttio, (req) => updateRecord(ctx, req)),
    },
    {
      method: 'GET',
      pattern: '/v2/:target/:identifier/attributes/stage/statuses',
      handler: (req) =>
        req.params.target === 'objects' && writable(ctx, req.params.identifier) === 'deals'
          ? { status: 200, body: { data: DEAL_STAGES.map((s, i) => statusJson(ctx.dataset, s, i)) } }
          : notFound('Attribute with slug/ID "stage"'),
    },
    {
      method: 'GET',
      pattern: '/v2/:target/:identifier/attributes/:attribute',
      handler: (req) => getAttribute(ctx, req),
    },
    {
      method: 'POST',
      pattern: '/v2/:target/:identifier/attributes',
      handler: specChecked(checkAttribute, refuseAttio, (req) => createAttribute(ctx, req)),
    },
  ];
}

/** Compiles the write checks ahead of the first request. */
export const warmAttioWriteChecks = () => spec.warm(checkCreate, checkAssert, checkUpdate, checkAttribute);

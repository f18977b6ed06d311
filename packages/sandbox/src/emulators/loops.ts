/** Loops REST API emulator (external-apis.md section 4, loops-openapi.yaml), under `/api/v1`. */
import type { LoopsContact } from '../model.ts';
import { worldStamp } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import { startEmulator, type Req, type Res, type RunningServer } from '../http/server.ts';
import { bearer, type EmulatorContext, headerValue } from './context.ts';

const STANDARD = new Set([
  'email',
  'firstName',
  'lastName',
  'source',
  'subscribed',
  'userGroup',
  'userId',
  'mailingLists',
]);
const RATE_PER_SECOND = 10;

const fail = (status: number, message: string): Res => ({ status, body: { success: false, message } });

type Body = Record<string, unknown>;

function contactJson(c: LoopsContact): Record<string, unknown> {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    source: c.source,
    subscribed: c.subscribed,
    userGroup: c.userGroup,
    userId: c.userId,
    mailingLists: c.mailingLists,
    optInStatus: c.optInStatus,
    ...c.custom,
  };
}

function customProps(body: Body): Record<string, string | number | boolean> | string {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(body)) {
    if (STANDARD.has(k)) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      return `Invalid value for contact property "${k}".`;
    if (typeof v === 'string' && v.length > 500)
      return `Value for contact property "${k}" is longer than 500 characters.`;
    out[k] = v;
  }
  return out;
}

function applyFields(c: LoopsContact, body: Body, custom: Record<string, string | number | boolean>): void {
  if (typeof body.email === 'string') c.email = body.email;
  if (typeof body.firstName === 'string') c.firstName = body.firstName;
  if (typeof body.lastName === 'string') c.lastName = body.lastName;
  if (typeof body.source === 'string') c.source = body.source;
  if (typeof body.subscribed === 'boolean') c.subscribed = body.subscribed;
  if (typeof body.userGroup === 'string') c.userGroup = body.userGroup;
  if (typeof body.userId === 'string') c.userId = body.userId;
  if (body.mailingLists && typeof body.mailingLists === 'object') {
    for (const [list, on] of Object.entries(body.mailingLists as Record<string, unknown>)) {
      if (on === true) c.mailingLists[list] = true;
      else delete c.mailingLists[list];
    }
  }
  Object.assign(c.custom, custom);
}

function validEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

function newContact(ctx: EmulatorContext, email: string): LoopsContact {
  const rng = createRng(mixSeed(ctx.dataset.seed, 'loops-contact', ctx.dataset.loops.contacts.length));
  const id = `c${rng.u32().toString(36)}${rng.u32().toString(36)}${rng.u32().toString(36)}`.slice(0, 25);
  return {
    id,
    email,
    firstName: null,
    lastName: null,
    source: 'API',
    subscribed: true,
    userGroup: '',
    userId: null,
    mailingLists: {},
    optInStatus: null,
    custom: {},
  };
}

function find(ctx: EmulatorContext, email: unknown, userId: unknown): LoopsContact | undefined {
  return ctx.dataset.loops.contacts.find(
    (c) =>
      (typeof email === 'string' && c.email.toLowerCase() === email.toLowerCase()) ||
      (typeof userId === 'string' && c.userId === userId),
  );
}

function createContact(ctx: EmulatorContext, req: Req): Res {
  const body = (req.body ?? {}) as Body;
  if (!validEmail(body.email)) return fail(400, 'Invalid email address.');
  if (find(ctx, body.email, body.userId)) return fail(409, 'Email or userId is already on your audience.');
  const custom = customProps(body);
  if (typeof custom === 'string') return fail(400, custom);
  const c = newContact(ctx, body.email);
  applyFields(c, body, custom);
  ctx.dataset.loops.contacts.push(c);
  return { status: 200, body: { success: true, id: c.id } };
}

function updateContact(ctx: EmulatorContext, req: Req): Res {
  const body = (req.body ?? {}) as Body;
  if (typeof body.email !== 'string' && typeof body.userId !== 'string')
    return fail(400, 'You must provide an email or userId value.');
  if (body.email !== undefined && !validEmail(body.email)) return fail(400, 'Invalid email address.');
  const custom = customProps(body);
  if (typeof custom === 'string') return fail(400, custom);
  let c = find(ctx, body.email, body.userId);
  if (!c) {
    c = newContact(ctx, typeof body.email === 'string' ? body.email : '');
    ctx.dataset.loops.contacts.push(c);
  }
  applyFields(c, body, custom);
  return { status: 200, body: { success: true, id: c.id } };
}

function findContact(ctx: EmulatorContext, req: Req): Res {
  const email = req.query.get('email');
  const userId = req.query.get('userId');
  if ((email === null) === (userId === null))
    return fail(400, 'Please provide either an email or a userId, not both.');
  if (email !== null && !validEmail(email)) return fail(400, 'Invalid email address.');
  const c = find(ctx, email ?? undefined, userId ?? undefined);
  return { status: 200, body: c ? [contactJson(c)] : [] };
}

function deleteContact(ctx: EmulatorContext, req: Req): Res {
  const body = (req.body ?? {}) as Body;
  if ((body.email === undefined) === (body.userId === undefined))
    return fail(400, 'Please provide either an email or a userId, not both.');
  const c = find(ctx, body.email, body.userId);
  if (!c) return fail(404, 'Contact not found.');
  const list = ctx.dataset.loops.contacts;
  list.splice(list.indexOf(c), 1);
  return { status: 200, body: { success: true, message: 'Contact deleted.' } };
}

function sendEvent(ctx: EmulatorContext, req: Req): Res {
  const body = (req.body ?? {}) as Body;
  if (typeof body.eventName !== 'string' || body.eventName.length === 0)
    return fail(400, 'eventName is required.');
  if (typeof body.email !== 'string' && typeof body.userId !== 'string')
    return fail(400, 'You must provide an email or userId value.');
  const key = headerValue(req.headers['idempotency-key']);
  if (key !== undefined) {
    if (key.length > 100) return fail(400, 'Idempotency-Key must be 100 characters or fewer.');
    if (ctx.dataset.loops.idempotencyKeys.has(key))
      return fail(409, 'Idempotency key already used with a different request body.');
    ctx.dataset.loops.idempotencyKeys.add(key);
  }
  const { eventName, eventProperties, ...contactFields } = body;
  const custom = customProps(contactFields);
  if (typeof custom === 'string') return fail(400, custom);
  let c = find(ctx, body.email, body.userId);
  if (!c) {
    c = newContact(ctx, typeof body.email === 'string' ? body.email : '');
    ctx.dataset.loops.contacts.push(c);
  }
  applyFields(c, contactFields, custom);
  ctx.dataset.loops.events.push({
    eventName: String(eventName),
    contactId: c.id,
    properties:
      eventProperties && typeof eventProperties === 'object'
        ? (eventProperties as Record<string, unknown>)
        : {},
    at: worldStamp(ctx.dataset),
  });
  return { status: 200, body: { success: true } };
}

export function startLoops(ctx: EmulatorContext, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  let second = 0;
  let used = 0;
  return startEmulator(
    {
      name: 'loops',
      routes: [
        {
          method: 'GET',
          pattern: '/api/v1/api-key',
          handler: () => ({ status: 200, body: { success: true, teamName: ctx.dataset.agencyName } }),
        },
        { method: 'POST', pattern: '/api/v1/contacts/create', handler: (req) => createContact(ctx, req) },
        { method: 'PUT', pattern: '/api/v1/contacts/update', handler: (req) => updateContact(ctx, req) },
        { method: 'GET', pattern: '/api/v1/contacts/find', handler: (req) => findContact(ctx, req) },
        { method: 'POST', pattern: '/api/v1/contacts/delete', handler: (req) => deleteContact(ctx, req) },
        { method: 'POST', pattern: '/api/v1/events/send', handler: (req) => sendEvent(ctx, req) },
        {
          method: 'GET',
          pattern: '/api/v1/lists',
          handler: () => ({
            status: 200,
            body: [
              {
                id: 'cm0sandboxclients00000000',
                name: 'Clients',
                description: 'Agency clients',
                isPublic: false,
              },
            ],
          }),
        },
      ],
      authenticate: (req) =>
        bearer(req.headers.authorization) === ctx.tokens.loops
          ? null
          : { status: 401, body: { success: false, message: 'Invalid API key', error: 'Invalid API key' } },
      headers: () => {
        const now = Math.floor(Date.now() / 1000);
        if (now !== second) {
          second = now;
          used = 0;
        }
        used++;
        return {
          'x-ratelimit-limit': String(RATE_PER_SECOND),
          'x-ratelimit-remaining': String(Math.max(0, RATE_PER_SECOND - used)),
        };
      },
      shapes: {
        unauthorized: () => ({
          status: 401,
          body: { success: false, message: 'Invalid API key', error: 'Invalid API key' },
        }),
        rateLimited: () => ({
          ...fail(429, 'Rate limit exceeded.'),
          headers: { 'x-ratelimit-limit': String(RATE_PER_SECOND), 'x-ratelimit-remaining': '0' },
        }),
        serverError: (status) => fail(status, 'Internal server error.'),
        notFound: () => fail(404, 'Not found.'),
        badJson: () => fail(400, 'Invalid JSON body.'),
      },
    },
    ctx,
    port,
    host,
  );
}

import { ATTACHMENT_NONE } from '../message-store.ts';
import type { Conversation, Dataset } from '../model.ts';
import { startEmulator, type Req, type Res, type Route, type RunningServer } from '../http/server.ts';
import {
  ACCOUNT_ID,
  agentData,
  attachmentData,
  contactListItem,
  conversationData,
  inboxData,
  messageContent,
  messageData,
} from './chatwoot-views.ts';
import { contactsPage, findPerson, resolvedContacts, searchContacts } from './chatwoot-contacts.ts';
import { conversationFilter, type FilterCondition } from './chatwoot-filter.ts';
import { createMessage, listMessages } from './chatwoot-messages.ts';
import { checkFilterBody, checkMessageBody, refuseChatwoot, warmChatwootChecks } from './chatwoot-spec.ts';
import { specChecked } from '../spec/openapi.ts';
import { conversationById, conversationsOfInbox } from './conversation-index.ts';
import { type EmulatorContext, headerValue } from './context.ts';

const CONVERSATIONS_PER_PAGE = 25;
const BASE = '/api/v1/accounts/:account_id';

const json = (status: number, body: unknown): Res => ({ status, body });
const notFound = (): Res => json(404, { error: 'Resource could not be found' });

function host(req: Req): string {
  return headerValue(req.headers.host) ?? '127.0.0.1';
}

function page(req: Req): number {
  const n = Number.parseInt(req.query.get('page') ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function findConversation(ds: Dataset, req: Req): Conversation | undefined {
  return conversationById(ds, Number(req.params.conversation_id));
}

function sortConversations(list: Conversation[], sortBy: string | null): Conversation[] {
  const by = (f: (c: Conversation) => number, dir: 1 | -1) => (a: Conversation, b: Conversation) =>
    dir * (f(a) - f(b)) || a.id - b.id;
  const prio = (c: Conversation) => ['low', 'medium', 'high', 'urgent'].indexOf(c.priority ?? '');
  switch (sortBy) {
    case 'created_at_asc':
    case 'sort_on_created_at':
      return list.sort(by((c) => c.createdAt, 1));
    case 'created_at_desc':
      return list.sort(by((c) => c.createdAt, -1));
    case 'last_activity_at_asc':
      return list.sort(by((c) => c.lastActivityAt, 1));
    case 'priority_asc':
      return list.sort(by(prio, 1));
    case 'priority_desc':
    case 'sort_on_priority':
      return list.sort(by(prio, -1));
    case 'waiting_since_asc':
    case 'sort_on_waiting_since':
      return list.sort(by((c) => c.waitingSince || Number.MAX_SAFE_INTEGER, 1));
    case 'waiting_since_desc':
      return list.sort(by((c) => c.waitingSince, -1));
    default:
      return list.sort(by((c) => c.lastActivityAt, -1));
  }
}

function matchesText(ds: Dataset, conv: Conversation, q: string): boolean {
  const needle = q.toLowerCase();
  return conv.messages.some((row) => messageContent(ds, row).toLowerCase().includes(needle));
}

function listConversations(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const q = req.query.get('q');
  const status = req.query.get('status') ?? 'open';
  const inboxId = req.query.get('inbox_id');
  const teamId = req.query.get('team_id');
  const labels = req.query.getAll('labels[]');
  const candidates = inboxId === null ? ds.conversations : conversationsOfInbox(ds, Number(inboxId));
  let list = candidates.filter((c) => {
    if (q === null && status !== 'all' && c.status !== status) return false;
    if (teamId !== null) return false;
    if (labels.length > 0 && !c.labels.some((l) => labels.includes(l))) return false;
    return true;
  });
  if (q !== null) list = list.filter((c) => matchesText(ds, c, q));
  const me = 0;
  const meta = {
    mine_count: list.filter((c) => c.assigneeStaff === me).length,
    assigned_count: list.filter((c) => c.assigneeStaff !== null).length,
    unassigned_count: list.filter((c) => c.assigneeStaff === null).length,
    all_count: list.length,
  };
  const assigneeType = req.query.get('assignee_type') ?? 'all';
  if (assigneeType === 'me') list = list.filter((c) => c.assigneeStaff === me);
  else if (assigneeType === 'unassigned') list = list.filter((c) => c.assigneeStaff === null);
  else if (assigneeType === 'assigned') list = list.filter((c) => c.assigneeStaff !== null);
  sortConversations(list, req.query.get('sort_by'));
  const within = req.query.get('updated_within');
  if (within !== null) {
    const since = ds.now / 1000 - Number(within);
    list = list.filter((c) => c.updatedAt > since);
  } else {
    const p = page(req);
    list = list.slice((p - 1) * CONVERSATIONS_PER_PAGE, p * CONVERSATIONS_PER_PAGE);
  }
  return json(200, { data: { meta, payload: list.map((c) => conversationData(ds, c, host(req))) } });
}

function filterConversations(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const payload = (req.body as { payload?: unknown } | undefined)?.payload;
  if (!Array.isArray(payload)) return json(422, { error: 'payload is required' });
  const result = conversationFilter(ds, payload as FilterCondition[]);
  if ('error' in result) return json(422, { error: result.error });
  const list = sortConversations(result.list, 'last_activity_at_desc');
  const p = page(req);
  const meta = {
    mine_count: list.filter((c) => c.assigneeStaff === 0).length,
    assigned_count: list.filter((c) => c.assigneeStaff !== null).length,
    unassigned_count: list.filter((c) => c.assigneeStaff === null).length,
    all_count: list.length,
  };
  const slice = list.slice((p - 1) * CONVERSATIONS_PER_PAGE, p * CONVERSATIONS_PER_PAGE);
  return json(200, { data: { meta, payload: slice.map((c) => conversationData(ds, c, host(req))) } });
}

function listAttachments(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const conv = findConversation(ds, req);
  if (!conv) return notFound();
  const rows = conv.messages.filter((r) => (ds.messages.flags[r] ?? 0) >> 2 !== ATTACHMENT_NONE).reverse();
  const p = page(req);
  const payload = rows.slice((p - 1) * 100, p * 100).map((r) => {
    const m = ds.messages.get(r);
    const a = attachmentData(host(req), m);
    return {
      message_id: m.id,
      thumb_url: a.thumb_url,
      data_url: a.data_url,
      file_size: a.file_size,
      file_type: a.file_type,
      extension: a.extension,
      width: a.width,
      height: a.height,
      created_at: m.createdAt,
      sender: messageData(ds, r, host(req)).sender ?? null,
    };
  });
  return json(200, { meta: { total_count: rows.length }, payload });
}

export function chatwootRoutes(ctx: EmulatorContext): Route[] {
  const ds = (): Dataset => ctx.dataset;
  return [
    {
      method: 'GET',
      pattern: '/api/v1/profile',
      handler: () =>
        json(200, {
          ...agentData(ds(), 0),
          accounts: [{ id: ACCOUNT_ID, name: ds().agencyName, role: 'administrator' }],
        }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/conversations`,
      paginated: true,
      handler: (req) => listConversations(ctx, req),
    },
    {
      method: 'GET',
      pattern: `${BASE}/conversations/meta`,
      handler: (req) => {
        const res = listConversations(ctx, req);
        return json(200, { meta: (res.body as { data: { meta: unknown } }).data.meta });
      },
    },
    {
      method: 'POST',
      pattern: `${BASE}/conversations/filter`,
      paginated: true,
      handler: specChecked(checkFilterBody, refuseChatwoot, (req) => filterConversations(ctx, req)),
    },
    {
      method: 'GET',
      pattern: `${BASE}/conversations/:conversation_id`,
      handler: (req) => {
        const conv = findConversation(ds(), req);
        return conv ? json(200, conversationData(ds(), conv, host(req))) : notFound();
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/conversations/:conversation_id/messages`,
      paginated: true,
      handler: (req) => listMessages(ctx, req),
    },
    {
      method: 'POST',
      pattern: `${BASE}/conversations/:conversation_id/messages`,
      handler: specChecked(checkMessageBody, refuseChatwoot, (req) => createMessage(ctx, req)),
    },
    {
      method: 'GET',
      pattern: `${BASE}/conversations/:conversation_id/attachments`,
      paginated: true,
      handler: (req) => listAttachments(ctx, req),
    },
    {
      method: 'GET',
      pattern: `${BASE}/contacts`,
      paginated: true,
      handler: (req) => contactsPage(ctx, req, resolvedContacts(ds())),
    },
    {
      method: 'GET',
      pattern: `${BASE}/contacts/search`,
      paginated: true,
      handler: (req) => searchContacts(ctx, req),
    },
    {
      method: 'GET',
      pattern: `${BASE}/contacts/:id`,
      handler: (req) => {
        const i = findPerson(ds(), req);
        return i < 0 ? notFound() : json(200, { payload: contactListItem(ds(), i, true) });
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/contacts/:id/conversations`,
      handler: (req) => {
        const i = findPerson(ds(), req);
        if (i < 0) return notFound();
        const list = sortConversations(
          ds().conversations.filter((c) => c.personIndex === i),
          null,
        ).slice(0, 20);
        return json(200, { payload: list.map((c) => conversationData(ds(), c, host(req))) });
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/inboxes`,
      handler: () => json(200, { payload: ds().inboxes.map((_, i) => inboxData(ds(), i)) }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/inboxes/:id`,
      handler: (req) => {
        const i = ds().inboxes.findIndex((b) => b.id === Number(req.params.id));
        return i < 0 ? notFound() : json(200, inboxData(ds(), i));
      },
    },
  ];
}

export function chatwootAuth(ctx: EmulatorContext, req: Req): Res | null {
  const token = headerValue(req.headers.api_access_token) ?? headerValue(req.headers['api-access-token']);
  if (token === undefined)
    return json(401, { errors: ['You need to sign in or sign up before continuing.'] });
  if (token !== ctx.tokens.chatwoot) return json(401, { error: 'Invalid Access Token' });
  if (req.params.account_id !== undefined && Number(req.params.account_id) !== ACCOUNT_ID) {
    return json(401, { error: 'You are not authorized to do this action' });
  }
  return null;
}

export function startChatwoot(ctx: EmulatorContext, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  warmChatwootChecks();
  return startEmulator(
    {
      name: 'chatwoot',
      routes: chatwootRoutes(ctx),
      authenticate: (req) => chatwootAuth(ctx, req),
      shapes: {
        unauthorized: () => json(401, { error: 'Invalid Access Token' }),
        // Rack::Attack's default throttled response: plain text, no Retry-After.
        rateLimited: () => ({ status: 429, body: 'Retry later\n', text: true }),
        serverError: (status) =>
          status === 500
            ? json(500, { status: 500, error: 'Internal Server Error' })
            : {
                status,
                body: `<html><body><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></body></html>`,
                text: true,
              },
        notFound: () => json(404, { error: 'Resource could not be found' }),
        badJson: () => json(400, { error: 'Invalid JSON' }),
      },
      open: [
        {
          method: 'GET',
          pattern: '/rails/active_storage/blobs/:id/:filename',
          handler: (req) => ({
            status: 302,
            body: '',
            text: true,
            headers: { location: `/sandbox-blobs/${req.params.id}/${req.params.filename}` },
          }),
        },
        {
          method: 'GET',
          pattern: '/sandbox-blobs/:id/:filename',
          handler: (req) => ({
            status: 200,
            body: `sandbox attachment ${req.params.id}`,
            text: true,
            headers: {
              'content-type': req.params.filename?.endsWith('.png') ? 'image/png' : 'application/pdf',
            },
          }),
        },
      ],
    },
    ctx,
    port,
    host,
  );
}

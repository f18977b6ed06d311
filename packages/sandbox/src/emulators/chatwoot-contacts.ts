/** Chatwoot contacts: list and search (15 per page, only "resolved" contacts), lookup by id. */
import type { Dataset } from '../model.ts';
import type { Req, Res } from '../http/server.ts';
import { contactListItem } from './chatwoot-views.ts';
import type { EmulatorContext } from './context.ts';

const CONTACTS_PER_PAGE = 15;

function page(req: Req): number {
  const n = Number.parseInt(req.query.get('page') ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

export function resolvedContacts(ds: Dataset): number[] {
  return ds.people.flatMap((p, i) => (p.email || p.phone ? [i] : []));
}

function sortContacts(ds: Dataset, list: number[], sort: string | null): number[] {
  const key = (sort ?? '').replace(/^-/, '');
  const dir = sort?.startsWith('-') ? -1 : 1;
  const value = (i: number): string | number => {
    const p = ds.people[i];
    if (!p) return '';
    if (key === 'name') return `${p.firstName} ${p.lastName}`;
    if (key === 'email') return p.email;
    if (key === 'phone_number') return p.phone;
    if (key === 'last_activity_at') return p.lastActivityAt;
    if (key === 'company') return ds.clients[p.clientIndex]?.name ?? '';
    return p.chatwootContactId;
  };
  return list.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return dir * (va < vb ? -1 : va > vb ? 1 : 0) || a - b;
  });
}

export function contactsPage(ctx: EmulatorContext, req: Req, list: number[]): Res {
  const ds = ctx.dataset;
  const p = page(req);
  const withInboxes = req.query.get('include_contact_inboxes') !== 'false';
  const sorted = sortContacts(ds, list, req.query.get('sort'));
  const rawPage = req.query.get('page');
  return {
    status: 200,
    body: {
      meta: { count: list.length, current_page: rawPage ?? 1 },
      payload: sorted
        .slice((p - 1) * CONTACTS_PER_PAGE, p * CONTACTS_PER_PAGE)
        .map((i) => contactListItem(ds, i, withInboxes)),
    },
  };
}

export function searchContacts(ctx: EmulatorContext, req: Req): Res {
  const ds = ctx.dataset;
  const q = req.query.get('q');
  if (!q) return { status: 422, body: { error: 'Specify search string with parameter q' } };
  const needle = q.toLowerCase();
  const list = resolvedContacts(ds).filter((i) => {
    const p = ds.people[i];
    if (!p) return false;
    const company = ds.clients[p.clientIndex]?.name ?? '';
    return [`${p.firstName} ${p.lastName}`, p.email, p.phone, company].some((v) =>
      v.toLowerCase().includes(needle),
    );
  });
  return contactsPage(ctx, req, list);
}

export function findPerson(ds: Dataset, req: Req): number {
  const id = Number(req.params.id);
  return ds.people.findIndex((p) => p.chatwootContactId === id);
}

import { pageOf, readCursor, timeIdCursor } from '@keel/core/cursor';
import type { ProjectScope } from '@keel/core/scope';
import { listContacts, listConversations, listMessages } from '@keel/db/queries/raw-data';
import type { AppDeps } from '../deps.ts';

/** The seed's raw data endpoints over the Chatwoot mirror: newest first, one page per call. */

type Page = { limit: number; cursor?: string | undefined };
type Window = { since?: string | undefined; until?: string | undefined };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One page for the API: the first `limit` rows shaped by `out`, and the cursor after the last. */
function apiPage<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => { t: string; id: number },
  out: (row: R) => T,
) {
  const page = pageOf(rows, limit, keyOf);
  return { items: page.items.map(out), nextCursor: page.nextCursor };
}
const windowOf = (w: Window) => ({
  ...(w.since ? { since: new Date(w.since) } : {}),
  ...(w.until ? { until: new Date(w.until) } : {}),
});

export async function listContactsPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  query: Page & { q?: string | undefined },
) {
  const rows = await listContacts(deps.db, scope, {
    ...(query.q ? { q: query.q } : {}),
    limit: query.limit,
    cursor: readCursor(query.cursor, timeIdCursor),
  });
  return apiPage(
    rows,
    query.limit,
    (c) => ({ t: c.sortAt, id: c.id }),
    ({ sortAt: _s, ...c }) => ({ ...c, lastActivityAt: iso(c.lastActivityAt), createdAt: iso(c.createdAt) }),
  );
}

export async function listConversationsPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  query: Page & Window & { contactId?: number | undefined; status?: string | undefined },
) {
  const rows = await listConversations(deps.db, scope, {
    ...(query.contactId !== undefined ? { contactId: query.contactId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...windowOf(query),
    limit: query.limit,
    cursor: readCursor(query.cursor, timeIdCursor),
  });
  return apiPage(
    rows,
    query.limit,
    (c) => ({ t: c.sortAt, id: c.id }),
    ({ sortAt: _s, ...c }) => ({
      ...c,
      waitingSince: iso(c.waitingSince),
      lastActivityAt: iso(c.lastActivityAt),
      createdAt: c.createdAt.toISOString(),
    }),
  );
}

export async function listMessagesPage(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  query: Page &
    Window & { conversationId?: number | undefined; contactId?: number | undefined; q?: string | undefined },
) {
  const rows = await listMessages(deps.db, scope, {
    ...(query.conversationId !== undefined ? { conversationId: query.conversationId } : {}),
    ...(query.contactId !== undefined ? { contactId: query.contactId } : {}),
    ...windowOf(query),
    ...(query.q ? { q: query.q } : {}),
    limit: query.limit,
    cursor: readCursor(query.cursor, timeIdCursor),
  });
  return apiPage(
    rows,
    query.limit,
    (m) => ({ t: m.createdAt.toISOString(), id: m.id }),
    (m) => ({ ...m, createdAt: m.createdAt.toISOString() }),
  );
}

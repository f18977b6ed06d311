import type { Database } from '@keel/db/client';
import {
  markMissingConversationsDeleted,
  upsertCwContacts,
  upsertCwConversations,
} from '@keel/db/queries/connectors-chatwoot';
import { getWatermark, setWatermark, type Watermark } from '@keel/db/queries/connectors-watermarks';
import type { SyncRun } from '../sync-run.ts';
import { asObject, num } from '../vendor-json.ts';
import type { ProjectScope } from '../types.ts';
import { type ChatwootClient, CONVERSATIONS_PAGE_SIZE } from './client.ts';
import { type ContactRow, type ConversationRow, type Json, mapContact, mapConversation } from './map.ts';
import { SOURCE } from './source.ts';

/** A full re-scan catches what the activity filter cannot see (status changes, deletions). */
export const FULL_RESCAN_MS = 24 * 60 * 60_000;

function conversationRows(items: Json[], scope: ProjectScope) {
  const contacts = new Map<number, ContactRow>();
  const conversations: ConversationRow[] = [];
  for (const item of items) {
    const row = mapConversation(item, scope);
    if (row) conversations.push(row);
    const sender = asObject(asObject(item.meta)?.sender);
    const contact = sender ? mapContact(sender, scope) : null;
    if (contact) contacts.set(contact.cwContactId, contact);
  }
  return { conversations, contacts: [...contacts.values()] };
}

function maxActivity(items: Json[], start: number): number {
  return items.reduce((m, c) => Math.max(m, num(c.last_activity_at) ?? 0), start);
}

/** Conversations buffered before a commit: ten of Chatwoot's 25-item pages per transaction. */
export const CONVERSATION_COMMIT_ITEMS = 250;

/**
 * Buffers conversation pages and commits them several at a time; `mark` is the watermark of the
 * last page added, so a resumed scan starts after the last committed page.
 */
function conversationBatches(db: Database, scope: ProjectScope, run: SyncRun) {
  let pending: Json[] = [];
  return async (items: Json[], mark: Watermark | null, last: boolean): Promise<void> => {
    pending = pending.concat(items);
    if (!last && pending.length < CONVERSATION_COMMIT_ITEMS) return;
    const batch = pending;
    pending = [];
    await writeConversationPage(db, scope, run, batch, mark);
  };
}

async function writeConversationPage(
  db: Database,
  scope: ProjectScope,
  run: SyncRun,
  items: Json[],
  mark: Watermark | null,
): Promise<void> {
  const { conversations, contacts } = conversationRows(items, scope);
  const now = run.deps.clock.now();
  const written = await db.transaction(async (tx) => {
    await upsertCwContacts(tx, contacts);
    const n = await upsertCwConversations(tx, conversations);
    if (mark) await setWatermark(tx, scope, SOURCE, mark, now);
    return n;
  });
  await run.page('conversations', items.length, written);
}

/**
 * Phase 2 — the conversations of one bound inbox (and their senders) → cw_conversations and
 * cw_contacts: a full scan page by page (resumable), or the activity filter after the watermark.
 */
export async function syncConversations(
  db: Database,
  scope: ProjectScope,
  client: ChatwootClient,
  run: SyncRun,
  inboxId: number,
  mode: 'incremental' | 'full',
): Promise<void> {
  const resource = `conversations:${inboxId}`;
  const wm = await getWatermark(db, scope, SOURCE, resource);
  const now = run.deps.clock.now();
  const lastFull = typeof wm?.meta.lastFullScanAt === 'string' ? Date.parse(wm.meta.lastFullScanAt) : 0;
  const complete = wm?.meta.complete === true;
  const rescanDue = complete && now.getTime() - lastFull > FULL_RESCAN_MS;
  if (complete && mode !== 'full' && !rescanDue && wm?.cursorTs) {
    await incrementalConversations(db, scope, client, run, inboxId, wm);
    return;
  }
  // Resume an interrupted scan at the page after the last committed one.
  const resuming = !complete && wm !== null && typeof wm.meta.page === 'number' && mode !== 'full';
  let page = resuming ? Number(wm?.meta.page) + 1 : 1;
  let scanMax = resuming ? Number(wm?.meta.scanMax ?? 0) : 0;
  const seen: number[] = [];
  let previous: number[] = [];
  const commit = conversationBatches(db, scope, run);
  for (;;) {
    const items = await client.listConversationsPage(inboxId, page, previous);
    scanMax = maxActivity(items, scanMax);
    const last = items.length < CONVERSATIONS_PAGE_SIZE;
    const mark: Watermark = last
      ? {
          resource,
          cursorTs: scanMax > 0 ? new Date(scanMax * 1000) : (wm?.cursorTs ?? null),
          cursorId: null,
          meta: { complete: true, lastFullScanAt: now.toISOString() },
        }
      : {
          resource,
          cursorTs: wm?.cursorTs ?? null,
          cursorId: null,
          meta: { complete: false, page, scanMax },
        };
    await commit(items, mark, last);
    for (const c of items) seen.push(num(c.id) ?? 0);
    if (last) break;
    previous = items.map((c) => num(c.id) ?? 0);
    page += 1;
  }
  if (!resuming) {
    const gone = await markMissingConversationsDeleted(db, scope, inboxId, seen, run.deps.clock.now());
    if (gone > 0) await run.page('conversations.deleted', 0, gone);
  }
}

async function incrementalConversations(
  db: Database,
  scope: ProjectScope,
  client: ChatwootClient,
  run: SyncRun,
  inboxId: number,
  wm: Watermark,
): Promise<void> {
  const cursor = wm.cursorTs?.getTime() ?? 0;
  // One second of overlap: Chatwoot's activity times are whole seconds and the filter is strict.
  const since = new Date(cursor - 1000);
  let max = cursor / 1000;
  let previous: number[] = [];
  const commit = conversationBatches(db, scope, run);
  for (let page = 1; ; page++) {
    const items = await client.filterActiveSince(inboxId, since, page, previous);
    max = maxActivity(items, max);
    const last = items.length < CONVERSATIONS_PAGE_SIZE;
    const mark = last ? { ...wm, cursorTs: new Date(max * 1000) } : null;
    await commit(items, mark, last);
    if (last) return;
    previous = items.map((c) => num(c.id) ?? 0);
  }
}

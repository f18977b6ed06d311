import { getMaxListeners, setMaxListeners } from 'node:events';
import type { Database } from '@keel/db/client';
import {
  listConversationActivity,
  markMissingConversationsDeleted,
  upsertCwAttachments,
  upsertCwContacts,
  upsertCwConversations,
  upsertCwInboxes,
  upsertCwMessages,
} from '@keel/db/queries/connectors-chatwoot';
import {
  getWatermark,
  listWatermarksByPrefix,
  setWatermark,
  setWatermarks,
  type Watermark,
} from '@keel/db/queries/connectors-watermarks';
import { loadConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { idsOfKind, listProjectSources, workspaceBindingMap } from '../sources.ts';
import { SyncRun } from '../sync-run.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import {
  type ChatwootClient,
  CONVERSATIONS_PAGE_SIZE,
  createChatwootClient,
  MESSAGES_PAGE_SIZE,
} from './client.ts';
import {
  type ContactRow,
  type ConversationRow,
  type Json,
  mapAttachments,
  mapContact,
  mapConversation,
  mapInbox,
  mapMessage,
  asObject,
  num,
} from './map.ts';

/**
 * `runChatwootSync`: the project's bound inboxes → cw_inboxes_raw, cw_conversations, cw_contacts
 * (from each conversation's sender), cw_messages and cw_attachments_raw, then the RAG chunks.
 * Watermarks: `conversations:<inbox>` (last activity seen; a full scan's page while it runs) and
 * `messages:<conversation>` (last message id, and the activity it covers). Each page commits its
 * rows and its watermark in one transaction, so a killed sync resumes where the data ends.
 */
export const SOURCE = 'chatwoot';
/** A full re-scan catches what the activity filter cannot see (status changes, deletions). */
export const FULL_RESCAN_MS = 24 * 60 * 60_000;

export type ChatwootSyncOptions = { only?: ReadonlySet<string> | null; mode?: 'incremental' | 'full' };

export async function runChatwootSync(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: ChatwootSyncOptions = {},
): Promise<SyncRun> {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'chatwoot');
  if (!config) throw new ConnectorError('not_configured', 'Chatwoot is not connected for this workspace');
  const run = new SyncRun(db, scope, 'chatwoot', deps, options.only ?? null);
  const inboxIds = idsOfKind(await listProjectSources(db, scope, ['chatwoot_inbox']), 'chatwoot_inbox')
    .map(Number)
    .filter(Number.isInteger);
  if (inboxIds.length === 0) return run;
  const client = createChatwootClient(config, deps);

  if (run.wants('inboxes')) {
    try {
      await syncInboxes(db, scope, client, run);
      run.done('inboxes');
    } catch (error) {
      await run.fail('inboxes', 'inboxes.list', null, error);
    }
  }
  for (const inboxId of inboxIds) {
    const unit = `conversations:${inboxId}`;
    if (!run.wants(unit)) continue;
    try {
      await syncConversations(db, scope, client, run, inboxId, options.mode ?? 'incremental');
      run.done(unit);
    } catch (error) {
      await run.fail(unit, 'conversations.page', String(inboxId), error);
    }
  }
  await syncAllMessages(db, scope, client, run);
  return run;
}

async function syncInboxes(db: Database, scope: ProjectScope, client: ChatwootClient, run: SyncRun) {
  const inboxes = await client.listInboxes();
  const bound = await workspaceBindingMap(db, scope.accountScopeId, ['chatwoot_inbox']);
  // Every inbox is mirrored, bound or not: unbound ones are reported, never dropped.
  const rows = inboxes.flatMap((inbox) => {
    const projectId = bound.get(`chatwoot_inbox:${String(inbox.id)}`) ?? null;
    const row = mapInbox(inbox, { accountScopeId: scope.accountScopeId, projectId });
    return row ? [row] : [];
  });
  const written = await upsertCwInboxes(db, rows);
  await run.page('inboxes', inboxes.length, written);
}

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

async function syncConversations(
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

/** Conversations whose messages are fetched at the same time (a bounded pool over one HTTP client). */
export const MESSAGE_FETCH_CONCURRENCY = 12;
/** Buffered message rows that trigger a commit: several conversations' pages per transaction. */
export const MESSAGE_COMMIT_ROWS = 2_000;

type Conv = { cwConversationId: number; lastActivityAt: Date | null; cwContactId: number | null };

/** One fetched page of one conversation, waiting for its transaction. */
type MessagePage = {
  conv: Conv;
  unit: string;
  rows: ReturnType<typeof mapMessage>[];
  attachments: ReturnType<typeof mapAttachments>;
  mark: Watermark;
  fetched: number;
  /** The conversation's last page: committing it completes the unit. */
  last: boolean;
};

/**
 * Messages of every conversation whose activity is newer than its watermark. A bounded pool
 * fetches several conversations at once (each conversation's pages stay in order); fetched pages
 * are committed together — rows, attachments and each conversation's `messages:<id>` watermark in
 * one transaction — so a killed sync resumes exactly where the committed data ends.
 */
async function syncAllMessages(db: Database, scope: ProjectScope, client: ChatwootClient, run: SyncRun) {
  const conversations = await listConversationActivity(db, scope);
  const marks = new Map(
    (await listWatermarksByPrefix(db, scope, SOURCE, 'messages:')).map((m) => [m.resource, m] as const),
  );
  const todo: { conv: Conv; mark: Watermark | null }[] = [];
  for (const conv of conversations) {
    const unit = `messages:${conv.cwConversationId}`;
    if (!run.wants(unit)) continue;
    const mark = marks.get(unit) ?? null;
    const covered = mark?.cursorTs?.getTime() ?? -1;
    const activity = conv.lastActivityAt?.getTime() ?? 0;
    if (mark && covered >= activity) {
      run.done(unit);
      continue;
    }
    todo.push({ conv, mark });
  }
  if (todo.length === 0) return;
  run.expect('messages', todo.length);
  // Each in-flight request listens on the abort signal; the pool stays far below this bound.
  if (run.deps.signal) setMaxListeners(Math.max(getMaxListeners(run.deps.signal), 64), run.deps.signal);
  const writer = new MessageWriter(db, scope, run);
  let next = 0;
  let stop: unknown = null;
  const worker = async () => {
    while (stop === null && next < todo.length) {
      const item = todo[next++];
      if (!item) break;
      const unit = `messages:${item.conv.cwConversationId}`;
      try {
        await fetchConversationMessages(scope, client, run, item.conv, item.mark, writer);
      } catch (error) {
        if (writer.failed.has(unit)) continue;
        writer.failed.add(unit);
        try {
          await run.fail(unit, 'messages.page', String(item.conv.cwConversationId), error);
        } catch (fatal) {
          // Aborted (or the database is gone): stop taking conversations, keep what is committed.
          stop ??= fatal;
        }
      } finally {
        run.advance('messages');
      }
    }
  };
  const workers = Array.from({ length: Math.min(MESSAGE_FETCH_CONCURRENCY, todo.length) }, worker);
  await Promise.all(workers);
  if (stop !== null) {
    await writer.settle();
    throw stop;
  }
  await writer.flush();
  if (writer.fatal !== null) throw writer.fatal;
}

async function fetchConversationMessages(
  scope: ProjectScope,
  client: ChatwootClient,
  run: SyncRun,
  conv: Conv,
  mark: Watermark | null,
  writer: MessageWriter,
): Promise<void> {
  const unit = `messages:${conv.cwConversationId}`;
  let after = Number(mark?.cursorId ?? 0) || 0;
  for (;;) {
    const items = await client.listMessagesAfter(conv.cwConversationId, after);
    const rows = items.flatMap((m) => {
      const row = mapMessage(m, scope, conv);
      return row ? [row] : [];
    });
    const attachments = items.flatMap((m) => mapAttachments(m, scope));
    const last = items.length < MESSAGES_PAGE_SIZE;
    const nextAfter = items.reduce((m, item) => Math.max(m, num(item.id) ?? 0), after);
    await writer.add({
      conv,
      unit,
      rows,
      attachments,
      fetched: items.length,
      last,
      mark: {
        resource: unit,
        cursorId: String(nextAfter),
        // The activity time is covered only once the last page is in.
        cursorTs: last ? (conv.lastActivityAt ?? run.deps.clock.now()) : (mark?.cursorTs ?? null),
        meta: {},
      },
    });
    if (last) return;
    after = nextAfter;
  }
}

/**
 * Buffers fetched pages and commits them in order, one transaction per batch. When a batch
 * fails, its conversations are committed one by one so a bad row parks only its conversation.
 */
class MessageWriter {
  /** Units parked in this run (a failed fetch or a failed write). */
  readonly failed = new Set<string>();
  /** Units whose write failed: their later pages must not commit a watermark past the gap. */
  private readonly unwritten = new Set<string>();
  fatal: unknown = null;
  private pending: MessagePage[] = [];
  private rows = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly scope: ProjectScope,
    private readonly run: SyncRun,
  ) {}

  /** Queues a page; waits for a commit when the buffer is full (back-pressure on the fetchers). */
  async add(page: MessagePage): Promise<void> {
    if (this.fatal !== null) throw this.fatal;
    this.pending.push(page);
    this.rows += page.rows.length + 1;
    if (this.rows >= MESSAGE_COMMIT_ROWS) await this.flush();
  }

  /** Commits everything queued so far (after any commit already running). */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.rows = 0;
    if (batch.length > 0) {
      this.chain = this.chain.then(() =>
        this.commit(batch).catch((error: unknown) => {
          this.fatal ??= error;
        }),
      );
    }
    return this.chain;
  }

  /** Waits for running commits without starting new ones (an abort keeps only what is committed). */
  settle(): Promise<void> {
    this.pending = [];
    return this.chain;
  }

  private async commit(batch: MessagePage[]): Promise<void> {
    const live = batch.filter((p) => !this.unwritten.has(p.unit));
    if (live.length === 0) return;
    let written: number;
    try {
      written = await this.write(live);
    } catch (error) {
      if (this.run.deps.signal?.aborted) throw error;
      // Isolate the failure: one transaction per conversation.
      const byUnit = new Map<string, MessagePage[]>();
      for (const p of live) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
      written = 0;
      const ok: MessagePage[] = [];
      for (const [unit, pages] of byUnit) {
        try {
          written += await this.write(pages);
          ok.push(...pages);
        } catch (unitError) {
          this.unwritten.add(unit);
          if (this.failed.has(unit)) continue;
          this.failed.add(unit);
          await this.run.fail(unit, 'messages.page', unit.slice('messages:'.length), unitError);
        }
      }
      await this.after(ok, written);
      return;
    }
    await this.after(live, written);
  }

  private async write(pages: MessagePage[]): Promise<number> {
    const rows = pages.flatMap((p) => p.rows.flatMap((r) => (r ? [r] : [])));
    const attachments = pages.flatMap((p) => p.attachments);
    // One watermark per conversation: the latest page's (pages of one conversation arrive in order).
    const marks = new Map<string, Watermark>();
    for (const p of pages) marks.set(p.unit, p.mark);
    const now = this.run.deps.clock.now();
    return this.db.transaction(async (tx) => {
      const n = await upsertCwMessages(tx, rows);
      await upsertCwAttachments(tx, attachments);
      await setWatermarks(tx, this.scope, SOURCE, [...marks.values()], now);
      return n;
    });
  }

  /** Bookkeeping once a batch is committed: counters, finished units, search chunks. */
  private async after(pages: MessagePage[], written: number): Promise<void> {
    if (pages.length === 0) return;
    const fetched = pages.reduce((n, p) => n + p.fetched, 0);
    const attachments = pages.reduce((n, p) => n + p.attachments.length, 0);
    await this.run.page('messages', fetched, written);
    if (attachments > 0) await this.run.page('attachments', attachments, 0);
    for (const p of pages) if (p.last && !this.failed.has(p.unit)) this.run.done(p.unit);
    const refresh = this.run.deps.refreshChunks;
    if (written > 0 && refresh) {
      const ids = [
        ...new Set(pages.filter((p) => p.rows.length > 0).map((p) => String(p.conv.cwConversationId))),
      ];
      try {
        const chunks = await refresh(this.db, this.scope, ids);
        await this.run.page('rag_chunks', 0, chunks.chunksWritten);
      } catch (error) {
        // Search can be rebuilt from the mirror; a chunking failure must not fail the sync.
        this.run.deps.logger.warn(
          { err: String(error), conversations: ids.length },
          'rag chunk refresh failed',
        );
      }
    }
  }
}

import type { Database } from '@keel/db/client';
import { upsertCwAttachments, upsertCwMessages } from '@keel/db/queries/connectors-chatwoot';
import { setWatermarks, type Watermark } from '@keel/db/queries/connectors-watermarks';
import type { SyncRun } from '../sync-run.ts';
import type { ProjectScope } from '../types.ts';
import type { mapAttachments, mapMessage } from './map.ts';
import { SOURCE } from './source.ts';

/** Buffered message rows that trigger a commit: several conversations' pages per transaction. */
export const MESSAGE_COMMIT_ROWS = 2_000;

export type Conv = { cwConversationId: number; lastActivityAt: Date | null; cwContactId: number | null };

/** One fetched page of one conversation, waiting for its transaction. */
export type MessagePage = {
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
 * Buffers fetched pages and commits them in order, one transaction per batch. When a batch
 * fails, its conversations are committed one by one so a bad row parks only its conversation.
 */
export class MessageWriter {
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

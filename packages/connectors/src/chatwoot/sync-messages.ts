import { getMaxListeners, setMaxListeners } from 'node:events';
import type { Database } from '@keel/db/client';
import { listConversationActivity } from '@keel/db/queries/connectors-chatwoot';
import { listWatermarksByPrefix, type Watermark } from '@keel/db/queries/connectors-watermarks';
import type { SyncRun } from '../sync-run.ts';
import type { ProjectScope } from '../types.ts';
import { type ChatwootClient, MESSAGES_PAGE_SIZE } from './client.ts';
import { num } from '../vendor-json.ts';
import { mapAttachments, mapMessage } from './map.ts';
import { type Conv, MessageWriter } from './message-writer.ts';
import { SOURCE } from './source.ts';

/** Conversations whose messages are fetched at the same time (a bounded pool over one HTTP client). */
export const MESSAGE_FETCH_CONCURRENCY = 12;

/** Phase 3 — messages and attachments. */
/**
 * Messages of every conversation whose activity is newer than its watermark. A bounded pool
 * fetches several conversations at once (each conversation's pages stay in order); fetched pages
 * are committed together — rows, attachments and each conversation's `messages:<id>` watermark in
 * one transaction — so a killed sync resumes exactly where the committed data ends.
 */
export async function syncAllMessages(
  db: Database,
  scope: ProjectScope,
  client: ChatwootClient,
  run: SyncRun,
) {
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

import type { Database } from '@keel/db/client';
import { loadConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { idsOfKind, listProjectSources } from '../sources.ts';
import { SyncRun } from '../sync-run.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { createChatwootClient } from './client.ts';
import { syncConversations } from './sync-conversations.ts';
import { syncInboxes } from './sync-inboxes.ts';
import { syncAllMessages } from './sync-messages.ts';

/**
 * `runChatwootSync`: the project's bound inboxes → cw_inboxes_raw, cw_conversations, cw_contacts
 * (from each conversation's sender), cw_messages and cw_attachments_raw, then the RAG chunks.
 * Watermarks: `conversations:<inbox>` (last activity seen; a full scan's page while it runs) and
 * `messages:<conversation>` (last message id, and the activity it covers). Each page commits its
 * rows and its watermark in one transaction, so a killed sync resumes where the data ends.
 *
 * Its phases, one file each: `sync-inboxes.ts`, `sync-conversations.ts`, `sync-messages.ts`
 * (with `message-writer.ts`, the batched commits).
 */
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

import type { Database } from '@keel/db/client';
import { upsertCwInboxes } from '@keel/db/queries/connectors-chatwoot';
import { workspaceBindingMap } from '../sources.ts';
import type { SyncRun } from '../sync-run.ts';
import type { ProjectScope } from '../types.ts';
import type { ChatwootClient } from './client.ts';
import { mapInbox } from './map.ts';

/** Phase 1 — every inbox of the account → cw_inboxes_raw, bound or not. */
export async function syncInboxes(db: Database, scope: ProjectScope, client: ChatwootClient, run: SyncRun) {
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

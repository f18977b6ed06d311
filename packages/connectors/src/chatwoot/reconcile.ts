import type { Database } from '@keel/db/client';
import { messageIdsOf, presentIds } from '@keel/db/queries/connectors-reconciliation';
import { loadConnectorConfig } from '../credentials.ts';
import { check, compare, type ReconcileOptions, type ResourceReport } from '../reconciliation-report.ts';
import { idsOfKind, listProjectSources } from '../sources.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { CONVERSATIONS_PAGE_SIZE, createChatwootClient, MESSAGES_PAGE_SIZE } from './client.ts';
import { asObject, num } from '../vendor-json.ts';

/**
 * Chatwoot's side of the reconciliation: conversations and their contacts of the bound inboxes,
 * and the messages of a sample of conversations (all with `messages: 'all'`). Null when Chatwoot is
 * not connected or nothing is bound.
 */
export async function reconcileChatwoot(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: ReconcileOptions,
) {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'chatwoot');
  const inboxes = idsOfKind(await listProjectSources(db, scope, ['chatwoot_inbox']), 'chatwoot_inbox').map(
    Number,
  );
  if (!config || inboxes.length === 0) return null;
  const client = createChatwootClient(config, deps);
  const conversations: number[] = [];
  const contacts = new Set<string>();
  for (const inbox of inboxes) {
    let previous: number[] = [];
    for (let page = 1; ; page++) {
      const items = await client.listConversationsPage(inbox, page, previous);
      for (const c of items) {
        conversations.push(num(c.id) ?? 0);
        const sender = asObject(asObject(c.meta)?.sender);
        if (sender && num(sender.id) !== null) contacts.add(String(num(sender.id)));
      }
      if (items.length < CONVERSATIONS_PAGE_SIZE) break;
      previous = items.map((c) => num(c.id) ?? 0);
    }
  }
  const out: ResourceReport[] = [
    await check(db, scope, 'conversations', 'cw_conversations', conversations.map(String)),
    compare(
      'contacts',
      [...contacts],
      await presentIds(db, 'cw_contacts', scope.accountScopeId, [...contacts]),
      new Set(),
    ),
  ];
  const sample = options.messages === 'all' ? conversations : conversations.slice(0, options.messages ?? 10);
  const sourceMessages: string[] = [];
  const keelMessages = new Set<string>();
  for (const id of [...new Set(sample)]) {
    for (let after = 0; ; ) {
      const items = await client.listMessagesAfter(id, after);
      for (const m of items) sourceMessages.push(String(num(m.id)));
      if (items.length < MESSAGES_PAGE_SIZE) break;
      after = items.reduce((mx, m) => Math.max(mx, num(m.id) ?? 0), after);
    }
    for (const m of await messageIdsOf(db, scope.accountScopeId, id)) keelMessages.add(m);
  }
  out.push(compare('messages', sourceMessages, keelMessages, keelMessages));
  return out;
}

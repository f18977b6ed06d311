import type { Database } from '@keel/db/client';
import { cwConversations, cwMessages } from '@keel/db/schema/chatwoot';
import { messageContent } from '@keel/sandbox/emulators/chatwoot-views';
import type { Dataset } from '@keel/sandbox/model';

/**
 * Loads a generated portfolio's Chatwoot conversations straight into the mirror tables (no
 * connector in between: search tests and the benchmark only need the rows the sync would write).
 */

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
const BATCH = 500;

export type LoadedCorpus = {
  /** Keel project id per dataset project index. */
  projectIds: Map<number, string>;
  conversationIds: Map<string, string[]>;
  messages: number;
};

export async function loadSandboxConversations(
  db: Database,
  ds: Dataset,
  target: { accountScopeId: string; projectIds: Map<number, string> },
): Promise<LoadedCorpus> {
  const conversations: (typeof cwConversations.$inferInsert)[] = [];
  const messages: (typeof cwMessages.$inferInsert)[] = [];
  const conversationIds = new Map<string, string[]>();
  for (const conv of ds.conversations) {
    const projectId = target.projectIds.get(conv.projectIndex);
    if (!projectId) continue;
    const person = ds.people[conv.personIndex];
    const list = conversationIds.get(projectId) ?? [];
    list.push(String(conv.id));
    conversationIds.set(projectId, list);
    conversations.push({
      accountScopeId: target.accountScopeId,
      projectId,
      cwConversationId: conv.id,
      cwContactId: person?.chatwootContactId ?? null,
      status: conv.status,
      createdAtSource: new Date(conv.createdAt * 1000),
      lastActivityAt: new Date(conv.lastActivityAt * 1000),
      raw: { id: conv.id },
    });
    for (const row of conv.messages) {
      const m = ds.messages.get(row);
      const contact = m.senderKind === 0;
      const sender = contact ? ds.people[m.senderIndex] : ds.staff[m.senderIndex];
      messages.push({
        accountScopeId: target.accountScopeId,
        projectId,
        cwMessageId: m.id,
        cwConversationId: conv.id,
        cwContactId: person?.chatwootContactId ?? null,
        messageType: MESSAGE_TYPES[m.messageType] ?? 'incoming',
        private: m.private,
        senderType: m.senderIndex < 0 ? null : contact ? 'contact' : 'user',
        senderName: sender ? `${sender.firstName} ${sender.lastName}` : null,
        content: messageContent(ds, row),
        createdAtSource: new Date(m.createdAt * 1000),
        raw: { id: m.id },
      });
    }
  }
  for (let i = 0; i < conversations.length; i += BATCH) {
    await db.insert(cwConversations).values(conversations.slice(i, i + BATCH));
  }
  for (let i = 0; i < messages.length; i += BATCH) {
    await db.insert(cwMessages).values(messages.slice(i, i + BATCH));
  }
  return { projectIds: target.projectIds, conversationIds, messages: messages.length };
}

import type { Database } from '@keel/db/client';
import {
  type ChunkSourceMessage,
  deleteRagChunksFrom,
  listChunkHashes,
  listConversationBindings,
  listMessagesForChunking,
  type RagChunkWrite,
  upsertRagChunks,
} from '@keel/db/queries/rag-chunks';
import {
  type ChunkMessage,
  type ChunkOptions,
  chunkConversation,
  DEFAULT_CHUNK_OPTIONS,
} from './chunking.ts';

export type ChunkScope = { accountScopeId: string; projectId: string | null };

export type RefreshChunksResult = { chunksWritten: number; chunksDeleted: number; conversations: number };

/** Conversations per read: keeps one IN list and its messages comfortably in memory. */
const CONVERSATION_BATCH = 200;

/** Activity rows ("conversation resolved") carry no client words; deleted messages are gone for search too. */
export function toChunkMessage(m: ChunkSourceMessage): ChunkMessage | null {
  if (m.deletedAt || m.messageType === 'activity') return null;
  const text = (m.content ?? '').trim();
  if (text.length === 0) return null;
  const role = m.private ? 'note' : m.messageType === 'incoming' ? 'client' : 'agent';
  const speaker = m.senderName?.trim() || (role === 'client' ? 'Client' : 'Agent');
  return { id: String(m.cwMessageId), at: m.createdAtSource, speaker, role, text };
}

/**
 * Re-chunks the given Chatwoot conversations and writes only what changed: an unchanged chunk
 * keeps its row and embedding, a changed tail is upserted (and re-embedded later), chunks past
 * a shortened conversation are deleted. The conversation's project binding in the mirror is
 * authoritative; unbound or deleted conversations lose their chunks (search is per project).
 * With `scope.projectId` set, only conversations bound to that project, or chunked under it
 * before, are touched.
 */
export async function refreshConversationChunks(
  db: Database,
  scope: ChunkScope,
  conversationExternalIds: string[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Promise<RefreshChunksResult> {
  const ids = [...new Set(conversationExternalIds)].filter((id) => /^\d+$/.test(id));
  const total: RefreshChunksResult = { chunksWritten: 0, chunksDeleted: 0, conversations: 0 };
  for (let i = 0; i < ids.length; i += CONVERSATION_BATCH) {
    const r = await refreshBatch(db, scope, ids.slice(i, i + CONVERSATION_BATCH), options);
    total.chunksWritten += r.chunksWritten;
    total.chunksDeleted += r.chunksDeleted;
    total.conversations += r.conversations;
  }
  return total;
}

async function refreshBatch(
  db: Database,
  scope: ChunkScope,
  ids: string[],
  options: ChunkOptions,
): Promise<RefreshChunksResult> {
  const numericIds = ids.map(Number);
  const [bindings, messages, existing] = await Promise.all([
    listConversationBindings(db, scope.accountScopeId, numericIds),
    listMessagesForChunking(db, scope.accountScopeId, numericIds),
    listChunkHashes(db, scope.accountScopeId, ids),
  ]);
  const bindingById = new Map(bindings.map((b) => [String(b.cwConversationId), b]));
  const messagesById = groupBy(messages, (m) => String(m.cwConversationId));
  const existingById = groupBy(existing, (c) => c.conversationExternalId);

  const writes: RagChunkWrite[] = [];
  const cuts: { conversationExternalId: string; fromIndex: number }[] = [];
  let conversations = 0;
  for (const id of ids) {
    const binding = bindingById.get(id);
    const rows = messagesById.get(id) ?? [];
    const before = existingById.get(id) ?? [];
    const projectId = binding ? binding.projectId : (rows.find((m) => m.projectId)?.projectId ?? null);
    if (
      scope.projectId &&
      projectId !== scope.projectId &&
      !before.some((c) => c.projectId === scope.projectId)
    ) {
      continue;
    }
    conversations += 1;
    if (!projectId || binding?.deletedAt) {
      if (before.length > 0) cuts.push({ conversationExternalId: id, fromIndex: 0 });
      continue;
    }
    const contactId = binding?.cwContactId ?? rows.find((m) => m.cwContactId !== null)?.cwContactId ?? null;
    const contactExternalId = contactId === null ? null : String(contactId);
    const chunks = chunkConversation(
      rows.map(toChunkMessage).filter((m): m is ChunkMessage => m !== null),
      options,
    );
    const byIndex = new Map(before.map((c) => [c.chunkIndex, c]));
    for (const chunk of chunks) {
      const old = byIndex.get(chunk.chunkIndex);
      const unchanged =
        old &&
        old.contentHash === chunk.contentHash &&
        old.projectId === projectId &&
        old.contactExternalId === contactExternalId &&
        sameIds(old.messageIds, chunk.messageIds);
      if (unchanged) continue;
      writes.push({
        accountScopeId: scope.accountScopeId,
        projectId,
        conversationExternalId: id,
        contactExternalId,
        messageIds: chunk.messageIds,
        firstMessageAt: chunk.firstMessageAt,
        lastMessageAt: chunk.lastMessageAt,
        chunkIndex: chunk.chunkIndex,
        text: chunk.text,
        contentHash: chunk.contentHash,
        tokenEstimate: chunk.tokenEstimate,
      });
    }
    if (before.some((c) => c.chunkIndex >= chunks.length)) {
      cuts.push({ conversationExternalId: id, fromIndex: chunks.length });
    }
  }
  const chunksDeleted = await deleteRagChunksFrom(db, scope.accountScopeId, cuts);
  const chunksWritten = await upsertRagChunks(db, writes);
  return { chunksWritten, chunksDeleted, conversations };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

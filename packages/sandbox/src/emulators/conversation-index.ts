import type { Conversation, Dataset } from '../model.ts';

/**
 * Conversation by id in O(1). Every messages request looks one up, and a linear scan over the
 * 42k conversations of `bench-100` made the emulator, not the sync, the backfill's bottleneck.
 * The index is rebuilt when `advance()` appends conversations (ids never change).
 */
type Index = { size: number; byId: Map<number, Conversation>; byInbox: Map<number, Conversation[]> };
const indexes = new WeakMap<Conversation[], Index>();

function indexOf(ds: Dataset): Index {
  let index = indexes.get(ds.conversations);
  if (!index || index.size !== ds.conversations.length) {
    const byInbox = new Map<number, Conversation[]>();
    for (const c of ds.conversations) {
      const list = byInbox.get(c.inboxIndex);
      if (list) list.push(c);
      else byInbox.set(c.inboxIndex, [c]);
    }
    index = { size: ds.conversations.length, byId: new Map(ds.conversations.map((c) => [c.id, c])), byInbox };
    indexes.set(ds.conversations, index);
  }
  return index;
}

export function conversationById(ds: Dataset, id: number): Conversation | undefined {
  return indexOf(ds).byId.get(id);
}

/**
 * The conversations of one inbox (by Chatwoot inbox id), in dataset order. A connector lists
 * conversations inbox by inbox, page by page; scanning all 42k for each page was the
 * emulator's largest cost. A conversation never changes inbox, so only appends invalidate it.
 */
export function conversationsOfInbox(ds: Dataset, inboxId: number): Conversation[] {
  const inboxIndex = ds.inboxes.findIndex((inbox) => inbox.id === inboxId);
  return inboxIndex === -1 ? [] : (indexOf(ds).byInbox.get(inboxIndex) ?? []);
}

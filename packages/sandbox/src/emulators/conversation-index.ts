import type { Conversation, Dataset } from '../model.ts';

/**
 * Conversation by id in O(1). Every messages request looks one up, and a linear scan over the
 * 42k conversations of `bench-100` made the emulator, not the sync, the backfill's bottleneck.
 * The index is rebuilt when `advance()` appends conversations (ids never change).
 */
const indexes = new WeakMap<Conversation[], { size: number; byId: Map<number, Conversation> }>();

export function conversationById(ds: Dataset, id: number): Conversation | undefined {
  let index = indexes.get(ds.conversations);
  if (!index || index.size !== ds.conversations.length) {
    index = { size: ds.conversations.length, byId: new Map(ds.conversations.map((c) => [c.id, c])) };
    indexes.set(ds.conversations, index);
  }
  return index.byId.get(id);
}

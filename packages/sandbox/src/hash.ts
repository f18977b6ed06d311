/** A content hash of a dataset: equal hashes mean byte-identical worlds. */
import { createHash } from 'node:crypto';
import type { Dataset } from './model.ts';

export function hashDataset(ds: Dataset): string {
  const h = createHash('sha256');
  const { messages, loops, size, ...rest } = ds;
  h.update(JSON.stringify(rest, (_key, value) => (value instanceof Set ? [...value] : value)));
  h.update(JSON.stringify(size));
  h.update(
    JSON.stringify({ contacts: loops.contacts, events: loops.events, keys: [...loops.idempotencyKeys] }),
  );
  const n = messages.length;
  for (const column of [
    messages.id,
    messages.conversation,
    messages.createdAt,
    messages.type,
    messages.flags,
    messages.sender,
    messages.intent,
    messages.seed,
    messages.attachmentId,
  ]) {
    const bytesPerRow = column.BYTES_PER_ELEMENT;
    h.update(new Uint8Array(column.buffer, column.byteOffset, n * bytesPerRow));
  }
  h.update(JSON.stringify([...messages.customText.entries()]));
  return h.digest('hex');
}

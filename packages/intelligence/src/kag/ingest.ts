import type { Database } from '@keel/db/client';
import {
  type IngestSource,
  type KagScope,
  getIngestCursor,
  insertKagEvents,
  loadActivities,
  loadChatwootChanges,
  loadDeals,
  loadLinearChanges,
  setIngestCursor,
} from '@keel/db/queries/kag-ingest';
import { KAG_CONFIG } from './config.ts';
import { mapAttioEvents, mapChatwootEvents, mapLinearEvents } from './ingest-map.ts';
import type { KagEventDraft } from './types.ts';

/**
 * The I/O edge of ingest: per source, read mirror rows changed since the cursor, map them to
 * events (pure), insert idempotently, then move the cursor, in one transaction so a crash
 * between the two re-reads rather than skips.
 */
export type IngestCounts = Record<IngestSource, { read: number; events: number; inserted: number }>;

const newest = (rows: ReadonlyArray<{ updatedAt: Date }>, fallback: Date | null): Date | null =>
  rows.reduce<Date | null>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), fallback);

async function ingestSource(
  db: Database,
  scope: KagScope,
  source: IngestSource,
  read: (
    tx: Database,
    cursor: Date | null,
  ) => Promise<{ rows: Array<{ updatedAt: Date }>; events: KagEventDraft[] }>,
) {
  return db.transaction(async (tx) => {
    const cursor = await getIngestCursor(tx, scope, source);
    const { rows, events } = await read(tx, cursor);
    const inserted = await insertKagEvents(tx, scope, events);
    const next = newest(rows, cursor);
    if (next)
      await setIngestCursor(tx, scope, source, next, KAG_CONFIG.version, { read: rows.length, inserted });
    return { read: rows.length, events: events.length, inserted };
  });
}

export async function ingestProject(db: Database, scope: KagScope, now: Date): Promise<IngestCounts> {
  const chatwoot = await ingestSource(db, scope, 'chatwoot', async (tx, cursor) => {
    const { messages, conversations } = await loadChatwootChanges(tx, scope, cursor);
    return { rows: [...messages, ...conversations], events: mapChatwootEvents(messages, conversations) };
  });
  const linear = await ingestSource(db, scope, 'linear', async (tx, cursor) => {
    const { issues, cycles } = await loadLinearChanges(tx, scope, cursor, now);
    // Cycles are re-read every time (their start and end come from the clock), so they never move the cursor.
    return { rows: issues, events: mapLinearEvents(issues, cycles, now) };
  });
  const attio = await ingestSource(db, scope, 'attio', async (tx, cursor) => {
    const deals = await loadDeals(tx, scope, cursor);
    const activities = await loadActivities(tx, scope, { cursor });
    return { rows: [...deals, ...activities], events: mapAttioEvents(deals, activities) };
  });
  return { chatwoot, linear, attio };
}

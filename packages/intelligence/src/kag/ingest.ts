import type { Database } from '@keel/db/client';
import {
  type IngestCursor,
  type IngestFullState,
  type IngestSource,
  type IngestTable,
  type KagScope,
  checkIngestTable,
  getIngestCursorState,
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
 *
 * Why a full pass at all (the daily job, `mode: 'full'`): the cursor only sees rows whose
 * `updated_at` moved past it. A row can land at or below it — a write transaction that began
 * before the cursor's row and committed after the refresh read (`updated_at` is the writer's
 * `now()`, its start), or a writer that stamps `updated_at` from the application clock
 * (`markMissingConversationsDeleted`, `setOpportunityStage`, fixtures) — and a new
 * `KAG_CONFIG.version` may map rows already read into other events. The full pass re-reads those.
 *
 * It no longer re-reads what provably did not change: each full read records, per table, what it
 * saw (`checkIngestTable`: count and hash-sum of row id + `updated_at` of the rows it selects, and
 * the newest `updated_at`). The next full pass computes the same over today's rows at or below
 * that newest time: equal (and the same config version) means every such row is the version the
 * full read mapped — nothing appeared there, changed or left — so only rows past it are read;
 * different, and the table is read whole as before. Rows past it are read either way, so a late
 * row above the recorded time is read too. The check is taken before the read in the same
 * transaction: a row committed in between is read but not recorded, which can only make the
 * next check differ (read whole again), never skip.
 */
export type IngestCounts = Record<IngestSource, { read: number; events: number; inserted: number }>;

/**
 * `incremental` (the refreshes): rows past the cursor. `full` (the daily pass): every table
 * checked against its last full read, re-read whole where it differs. `force`: every table
 * re-read whole.
 */
export type IngestMode = 'incremental' | 'full' | 'force';

/** The newest `updated_at` read, to the microsecond (cursors are fixed-width ISO strings: they sort as they compare). */
const newest = (
  rows: ReadonlyArray<{ updatedAtExact: IngestCursor }>,
  fallback: IngestCursor | null,
): IngestCursor | null =>
  rows.reduce<IngestCursor | null>(
    (max, r) => (!max || r.updatedAtExact > max ? r.updatedAtExact : max),
    fallback,
  );

/** Where each table's read starts: the cursor, or for a full read the check's verdict. */
type TableCursors = Partial<Record<IngestTable, IngestCursor | null>>;

async function ingestSource(
  db: Database,
  scope: KagScope,
  source: IngestSource,
  tables: readonly IngestTable[],
  mode: IngestMode,
  read: (
    tx: Database,
    cursors: TableCursors,
  ) => Promise<{ rows: Array<{ updatedAtExact: IngestCursor }>; events: KagEventDraft[] }>,
) {
  return db.transaction(async (tx) => {
    const stored = await getIngestCursorState(tx, scope, source);
    const cursor = mode === 'incremental' ? stored.cursor : null;
    const cursors: TableCursors = {};
    let full: IngestFullState | undefined;
    // A first read is a full one: record what it sees, so the daily pass can trust it.
    if (mode !== 'incremental' || cursor === null) {
      full = { configVersion: KAG_CONFIG.version, tables: {} };
      const trusted = mode === 'full' && stored.full?.configVersion === KAG_CONFIG.version;
      for (const table of tables) {
        const last = trusted ? stored.full?.tables[table] : undefined;
        const check = await checkIngestTable(tx, scope, table, last?.upTo ?? null);
        full.tables[table] = check.now;
        const same = last !== undefined && check.below.count === last.count && check.below.sum === last.sum;
        cursors[table] = same ? last.upTo : null;
      }
    } else for (const table of tables) cursors[table] = cursor;
    const { rows, events } = await read(tx, cursors);
    const inserted = await insertKagEvents(tx, scope, events);
    const next = newest(rows, mode === 'force' ? null : stored.cursor);
    if (next)
      await setIngestCursor(
        tx,
        scope,
        source,
        next,
        KAG_CONFIG.version,
        { read: rows.length, inserted },
        full,
      );
    return { read: rows.length, events: events.length, inserted };
  });
}

export async function ingestProject(
  db: Database,
  scope: KagScope,
  now: Date,
  mode: IngestMode = 'incremental',
): Promise<IngestCounts> {
  const chatwoot = await ingestSource(
    db,
    scope,
    'chatwoot',
    ['cw_messages', 'cw_conversations'],
    mode,
    async (tx, c) => {
      const { messages, conversations } = await loadChatwootChanges(tx, scope, {
        messages: c.cw_messages ?? null,
        conversations: c.cw_conversations ?? null,
      });
      return { rows: [...messages, ...conversations], events: mapChatwootEvents(messages, conversations) };
    },
  );
  const linear = await ingestSource(db, scope, 'linear', ['linear_issues_raw'], mode, async (tx, c) => {
    const { issues, cycles } = await loadLinearChanges(tx, scope, c.linear_issues_raw ?? null, now);
    // Cycles are re-read every time (their start and end come from the clock), so they never move the cursor.
    return { rows: issues, events: mapLinearEvents(issues, cycles, now) };
  });
  const attio = await ingestSource(
    db,
    scope,
    'attio',
    ['crm_opportunities', 'attio_activities_raw'],
    mode,
    async (tx, c) => {
      const deals = await loadDeals(tx, scope, c.crm_opportunities ?? null);
      const activities = await loadActivities(tx, scope, { cursor: c.attio_activities_raw ?? null });
      return { rows: [...deals, ...activities], events: mapAttioEvents(deals, activities) };
    },
  );
  return { chatwoot, linear, attio };
}

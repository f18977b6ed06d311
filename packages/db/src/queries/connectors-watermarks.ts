import { and, eq, inArray, like } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { upsertRows } from './connectors-upsert.ts';
import { syncWatermarks } from '../schema/connectors.ts';

/** Incremental cursors. Writers call `setWatermark` inside the transaction that commits the rows. */
export type WatermarkScope = { accountScopeId: string; projectId: string };
export type Watermark = {
  resource: string;
  cursorTs: Date | null;
  cursorId: string | null;
  meta: Record<string, unknown>;
};

export async function getWatermark(
  db: Database,
  scope: WatermarkScope,
  source: string,
  resource: string,
): Promise<Watermark | null> {
  const rows = await getWatermarks(db, scope, source, [resource]);
  return rows.get(resource) ?? null;
}

export async function getWatermarks(
  db: Database,
  scope: WatermarkScope,
  source: string,
  resources: string[],
): Promise<Map<string, Watermark>> {
  const out = new Map<string, Watermark>();
  if (resources.length === 0) return out;
  const rows = await db
    .select({
      resource: syncWatermarks.resource,
      cursorTs: syncWatermarks.cursorTs,
      cursorId: syncWatermarks.cursorId,
      meta: syncWatermarks.meta,
    })
    .from(syncWatermarks)
    .where(
      and(
        eq(syncWatermarks.accountScopeId, scope.accountScopeId),
        eq(syncWatermarks.projectId, scope.projectId),
        eq(syncWatermarks.source, source),
        inArray(syncWatermarks.resource, resources),
      ),
    );
  for (const r of rows) out.set(r.resource, r);
  return out;
}

/** Every watermark of a source whose resource starts with `prefix` (per-conversation cursors). */
export async function listWatermarksByPrefix(
  db: Database,
  scope: WatermarkScope,
  source: string,
  prefix: string,
): Promise<Watermark[]> {
  return db
    .select({
      resource: syncWatermarks.resource,
      cursorTs: syncWatermarks.cursorTs,
      cursorId: syncWatermarks.cursorId,
      meta: syncWatermarks.meta,
    })
    .from(syncWatermarks)
    .where(
      and(
        eq(syncWatermarks.accountScopeId, scope.accountScopeId),
        eq(syncWatermarks.projectId, scope.projectId),
        eq(syncWatermarks.source, source),
        like(syncWatermarks.resource, `${prefix}%`),
      ),
    );
}

/**
 * Moves watermarks (inside the caller's transaction, beside the rows they cover). A message
 * flush moves hundreds at once, so this is the connectors' set-based write path (one jsonb
 * parameter), not a multi-row VALUES list built parameter by parameter.
 */
export async function setWatermarks(
  db: Database,
  scope: WatermarkScope,
  source: string,
  marks: Watermark[],
  now: Date,
): Promise<void> {
  if (marks.length === 0) return;
  await upsertRows(
    db,
    syncWatermarks,
    [syncWatermarks.projectId, syncWatermarks.source, syncWatermarks.resource, syncWatermarks.accountScopeId],
    marks.map((m) => ({
      accountScopeId: scope.accountScopeId,
      projectId: scope.projectId,
      source,
      resource: m.resource,
      cursorTs: m.cursorTs,
      cursorId: m.cursorId,
      meta: m.meta,
      updatedAt: now,
    })),
    { changeColumns: ['cursorTs', 'cursorId', 'meta'], updatedAtFromRows: true },
  );
}

export async function setWatermark(
  db: Database,
  scope: WatermarkScope,
  source: string,
  mark: Watermark,
  now: Date,
): Promise<void> {
  await setWatermarks(db, scope, source, [mark], now);
}

export async function deleteWatermarks(db: Database, scope: WatermarkScope, source: string): Promise<void> {
  await db
    .delete(syncWatermarks)
    .where(
      and(
        eq(syncWatermarks.accountScopeId, scope.accountScopeId),
        eq(syncWatermarks.projectId, scope.projectId),
        eq(syncWatermarks.source, source),
      ),
    );
}

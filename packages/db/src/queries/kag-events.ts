import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { TimeUuidCursor } from '@keel/core/cursor';
import type { Database } from '../client.ts';
import { type KagEventKind, kagEvents } from '../schema/kag-core.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * GET /kag/events: the project's typed events, newest first, keyset-paged by (occurred_at, id);
 * returns up to `limit + 1` rows, the caller cuts the page and issues the cursor.
 */
export async function listProjectEvents(
  db: Database,
  scope: KagScope,
  options: {
    kind?: KagEventKind;
    source?: 'chatwoot' | 'linear' | 'attio' | 'system';
    limit: number;
    cursor: TimeUuidCursor | null;
  },
) {
  const c = options.cursor;
  const t = c ? sql`${c.t}::timestamptz` : null;
  return db
    .select({
      id: kagEvents.id,
      kind: kagEvents.kind,
      source: kagEvents.source,
      sourceRef: kagEvents.sourceRef,
      occurredAt: kagEvents.occurredAt,
      actor: kagEvents.actor,
      actorRef: kagEvents.actorRef,
      payload: kagEvents.payload,
    })
    .from(kagEvents)
    .where(
      and(
        eq(kagEvents.accountScopeId, scope.accountScopeId),
        eq(kagEvents.projectId, scope.projectId),
        options.kind ? eq(kagEvents.kind, options.kind) : undefined,
        options.source ? eq(kagEvents.source, options.source) : undefined,
        c && t
          ? or(lt(kagEvents.occurredAt, t), and(eq(kagEvents.occurredAt, t), lt(kagEvents.id, c.id)))
          : undefined,
      ),
    )
    .orderBy(desc(kagEvents.occurredAt), desc(kagEvents.id))
    .limit(options.limit + 1);
}

export async function countProjectEvents(db: Database, scope: KagScope): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(kagEvents)
    .where(and(eq(kagEvents.accountScopeId, scope.accountScopeId), eq(kagEvents.projectId, scope.projectId)));
  return Number(rows[0]?.n ?? 0);
}

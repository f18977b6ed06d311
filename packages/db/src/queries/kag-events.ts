import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type KagEventKind, kagEvents } from '../schema/kag-core.ts';
import type { KagScope } from './kag-ingest.ts';

/** GET /kag/events: the project's typed events, newest first, keyset-paged by (occurred_at, id). */
export type EventCursor = { t: string; id: string };

export function encodeEventCursor(c: EventCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null for anything that is not a cursor we issued. */
export function decodeEventCursor(value: string): EventCursor | null {
  try {
    const o = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<EventCursor>;
    if (
      typeof o.t !== 'string' ||
      Number.isNaN(Date.parse(o.t)) ||
      typeof o.id !== 'string' ||
      !UUID.test(o.id)
    )
      return null;
    return { t: o.t, id: o.id };
  } catch {
    return null;
  }
}

export async function listProjectEvents(
  db: Database,
  scope: KagScope,
  options: {
    kind?: KagEventKind;
    source?: 'chatwoot' | 'linear' | 'attio' | 'system';
    limit: number;
    cursor: EventCursor | null;
  },
) {
  const c = options.cursor;
  const t = c ? sql`${c.t}::timestamptz` : null;
  const rows = await db
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
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > options.limit && last
        ? encodeEventCursor({ t: last.occurredAt.toISOString(), id: last.id })
        : null,
  };
}

export async function countProjectEvents(db: Database, scope: KagScope): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(kagEvents)
    .where(and(eq(kagEvents.accountScopeId, scope.accountScopeId), eq(kagEvents.projectId, scope.projectId)));
  return Number(rows[0]?.n ?? 0);
}

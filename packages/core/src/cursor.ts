import { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * The one cursor codec of every keyset-paged list: the last row's sort key as base64url JSON.
 * Lists answer `nextCursor` and take it back as `cursor`; the schema of a list's key says which
 * cursors it issued, so a crafted one is a 400 before any query sees it.
 */

/** An instant as the lists issue it (`Date#toISOString`), within the years PostgreSQL stores. */
const issuedInstant = z.string().refine((t) => {
  const d = new Date(t);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== t) return false;
  const year = d.getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'an ISO instant as toISOString writes it');

/** Lists ordered by (time, numeric source id): contacts, conversations, messages, portfolio messages. */
export const timeIdCursor = z.strictObject({ t: issuedInstant, id: z.int() });
export type TimeIdCursor = z.infer<typeof timeIdCursor>;

/** Lists ordered by (time, uuid): intelligence events. */
export const timeUuidCursor = z.strictObject({ t: issuedInstant, id: z.guid() });
export type TimeUuidCursor = z.infer<typeof timeUuidCursor>;

/** Lists ranked by a score, then uuid: recommendations v2 (priority desc, id). */
export const scoreUuidCursor = z.strictObject({ p: z.number().finite(), id: z.guid() });
export type ScoreUuidCursor = z.infer<typeof scoreUuidCursor>;

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key, or null for anything that is not a cursor of this shape (bad base64, JSON, types, dates, ids). */
export function decodeCursor<T>(raw: string, schema: z.ZodType<T>): T | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A list's `cursor` parameter: null for the first page, the key otherwise; a foreign cursor is a 400. */
export function readCursor<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  if (raw === undefined || raw === '') return null;
  const key = decodeCursor(raw, schema);
  if (key === null) {
    throw new ApiError('bad_request', 'cursor is not one this API issued; pass nextCursor back as is', {
      field: 'cursor',
    });
  }
  return key;
}

/**
 * One page from the `limit + 1` rows a keyset query returns: the first `limit` rows, and the
 * cursor of the last one when the extra row shows there is more.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => Record<string, unknown>,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

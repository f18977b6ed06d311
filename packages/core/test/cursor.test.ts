import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.ts';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  readCursor,
  timeIdCursor,
  timeUuidCursor,
} from '../src/cursor.ts';

const craft = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const t = '2026-01-01T10:00:00.000Z';
const uuid = '7d3c1c4e-8a55-4c1f-9d39-2f1b6d1c0a11';

describe('decodeCursor', () => {
  it('when a cursor was encoded here, then it decodes to the same key', () => {
    expect(decodeCursor(encodeCursor({ t, id: 42 }), timeIdCursor)).toEqual({ t, id: 42 });
    expect(decodeCursor(encodeCursor({ t, id: uuid }), timeUuidCursor)).toEqual({ t, id: uuid });
  });

  const foreign: Array<[string, string]> = [
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty object', craft({})],
    ['a time that is not a date', craft({ t: 'not a date', id: 1 })],
    ['a day the month does not have', craft({ t: '2026-02-30T00:00:00.000Z', id: 1 })],
    ['a date not written by toISOString', craft({ t: '2026-01-01T00:00:00Z', id: 1 })],
    ['an offset instead of Z', craft({ t: '2026-01-01T01:00:00.000+01:00', id: 1 })],
    ['year zero', craft({ t: '0000-01-01T00:00:00.000Z', id: 1 })],
    ['a year past 9999', craft({ t: '+010000-01-01T00:00:00.000Z', id: 1 })],
    ['a huge id', craft({ t, id: 1e30 })],
    ['an unsafe integer', craft({ t, id: 2 ** 53 })],
    ['a fractional id', craft({ t, id: 1.5 })],
    ['a string id', craft({ t, id: '1' })],
    ['a numeric time', craft({ t: 123, id: 1 })],
    ['an extra key', craft({ t, id: 1, x: 1 })],
    ['an array', craft([t, 1])],
    ['null', craft(null)],
  ];
  for (const [name, raw] of foreign) {
    it(`when the cursor is ${name}, then it decodes to null`, () => {
      expect(decodeCursor(raw, timeIdCursor)).toBeNull();
    });
  }

  it('when an event cursor carries a number instead of a uuid, then it decodes to null', () => {
    expect(decodeCursor(craft({ t, id: 7 }), timeUuidCursor)).toBeNull();
    expect(decodeCursor(craft({ t, id: 'not-a-uuid' }), timeUuidCursor)).toBeNull();
  });
});

describe('readCursor', () => {
  it('when there is no cursor, then it is the first page', () => {
    expect(readCursor(undefined, timeIdCursor)).toBeNull();
    expect(readCursor('', timeIdCursor)).toBeNull();
  });

  it('when the cursor is foreign, then it throws a 400 that says to pass nextCursor back', () => {
    expect(() => readCursor(craft({ t, id: 1e30 }), timeIdCursor)).toThrow(ApiError);
    try {
      readCursor('nope', timeIdCursor);
    } catch (e) {
      expect(e).toMatchObject({ code: 'bad_request', status: 400, details: { field: 'cursor' } });
      expect((e as Error).message).toMatch(/nextCursor/);
    }
  });
});

describe('pageOf', () => {
  const rows = [1, 2, 3].map((id) => ({ id, t }));

  it('when the query returned the extra row, then the page stops at limit with the last row as cursor', () => {
    const page = pageOf(rows, 2, (r) => ({ t: r.t, id: r.id }));
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor ?? '', timeIdCursor)).toEqual({ t, id: 2 });
  });

  it('when the query returned limit rows or fewer, then there is no next page', () => {
    expect(pageOf(rows, 3, (r) => ({ t: r.t, id: r.id })).nextCursor).toBeNull();
    expect(pageOf([], 3, () => ({})).nextCursor).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/**
 * Every paged list takes back only the cursors it issued: a cursor that decodes but was crafted
 * (a date the database cannot read, an id past bigint, wrong types or keys) is a 400 with the
 * envelope, never a 500 from the query.
 */
let t: TestApp;
let s: Session;

const idFor = (route: string) => (route.startsWith('/kag/') ? uuid : 42);
const craft = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const uuid = '7d3c1c4e-8a55-4c1f-9d39-2f1b6d1c0a11';

/** Cursors that decode but were never issued; `id` is an id the route's own cursors could carry. */
function craftedFor(route: string): Array<[string, unknown]> {
  const id = idFor(route);
  return [
    ['a time that is not a date', { t: 'not a date', id }],
    ['a date JavaScript reads but the database does not', { t: '2026-02-30T00:00:00Z', id }],
    ['a bare number as the time', { t: '1', id }],
    ['free text around a date', { t: '2026-01-01 junk 12:00', id }],
    ['a year the database cannot store', { t: '+275760-09-13T00:00:00.000Z', id }],
    ['an id past every integer type', { t: '2026-01-01T00:00:00.000Z', id: 1e30 }],
    ['an id that is not a safe integer', { t: '2026-01-01T00:00:00.000Z', id: 2 ** 60 }],
    ['wrong types', { t: 123, id: 'x' }],
    ['an id of the other lists', { t: '2026-01-01T00:00:00.000Z', id: typeof id === 'number' ? uuid : 7 }],
    ['an unknown key', { t: '2026-01-01T00:00:00.000Z', id, extra: true }],
    ['an array', [1, 2]],
    ['a bare string', 'cursor'],
    ['null', null],
    ['a missing time', { id }],
  ];
}

const routes = [
  '/messages',
  '/conversations',
  '/contacts',
  '/portfolio/messages',
  '/kag/events',
  '/kag/signals/history',
  '/kag/snapshots',
  '/kag/outcomes',
];

beforeAll(async () => {
  t = await createTestApp();
  const owner = await seedUser(t, { role: 'owner' });
  s = await login(t, owner.email, owner.password);
  await createAndSelectProject(t, s, 'Cursor project');
});

afterAll(async () => {
  await t?.close();
});

describe('crafted cursors', () => {
  for (const route of routes) {
    it(`when ${route} gets a well-formed cursor it never issued, then each answers 400 with the envelope`, async () => {
      const answers: Array<{ case: string; status: number; body: unknown }> = [];
      for (const [name, value] of craftedFor(route)) {
        const res = await t.app.inject({
          method: 'GET',
          url: `${route}?cursor=${craft(value)}`,
          headers: authed(s),
        });
        answers.push({ case: name, status: res.statusCode, body: res.json() });
      }
      for (const a of answers) {
        expect(a, a.case).toMatchObject({
          status: 400,
          body: {
            ok: false,
            request_id: expect.any(String),
            error: expect.stringMatching(/^(bad_request|validation_error)$/),
            message: expect.stringMatching(/nextCursor/),
          },
        });
      }
    });
  }

  it('when a cursor has the shape the list issues, then the list answers 200 from that point', async () => {
    for (const route of routes) {
      const res = await t.app.inject({
        method: 'GET',
        url: `${route}?limit=1&cursor=${craft({ t: '2026-01-01T00:00:00.000Z', id: idFor(route) })}`,
        headers: authed(s),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toMatchObject({ items: [], nextCursor: null });
    }
  });
});

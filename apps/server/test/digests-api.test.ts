import { manualClock } from '@keel/core/clock';
import {
  addProjectMember,
  createConversation,
  createMessage,
  createProject,
  createSignal,
} from '@keel/db/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * /digests over HTTP: owners and pms generate, executives and viewers read their own; a pm's
 * digest names only the projects they manage; a second day with nothing new is one line; the
 * e-mail delivery without SMTP is recorded skipped with the reason.
 */
const now = new Date('2026-12-04T09:00:00Z');
const clock = manualClock(now);
let t: TestApp;
let owner: Session;
let pm: Session;
let exec: Session;
let alpha: Awaited<ReturnType<typeof createProject>>;
let secret: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const o = await seedUser(t, { role: 'owner', workspace: 'digest-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'digest-ws' });
  const e = await seedUser(t, { role: 'exec', workspace: 'digest-ws' });
  const db = t.deps.db;
  const ws = o.workspace.id;
  alpha = await createProject(db, { accountScopeId: ws, name: 'Alpha Portal' });
  secret = await createProject(db, { accountScopeId: ws, name: 'Zulu Confidential' });
  await addProjectMember(db, { projectId: alpha.id, userId: p.user.id });
  await createSignal(db, alpha, {
    key: 'overdue_issues',
    subjectKey: '',
    title: 'Overdue work',
    sentence: 'Alpha has overdue work.',
  });
  await createSignal(db, secret, {
    key: 'deal_stalled',
    subjectKey: '',
    title: 'Stalled',
    sentence: 'Zulu deal stalled.',
  });
  const conv = await createConversation(db, alpha, { displayId: 3 });
  await createMessage(db, alpha, {
    cwConversationId: conv.cwConversationId,
    senderName: 'Ann',
    content: 'Hello?',
    createdAtSource: new Date(now.getTime() - 5 * 3_600_000),
  });
  owner = await login(t, o.email, o.password);
  pm = await login(t, p.email, p.password);
  exec = await login(t, e.email, e.password);
}, 120_000);
afterAll(async () => t?.close());

type Digest = {
  periodKey: string;
  nothingNew: boolean;
  projectIds: string[];
  renderedText: string;
  sections: { key: string; items: { projectId: string; link: { kind: string } }[] }[];
  deliveries: { channel: string; status: string; error: string | null }[];
};
const get = async (s: Session, path: string) => {
  const res = await t.app.inject({ method: 'GET', url: path, headers: authed(s) });
  return {
    status: res.statusCode,
    body: res.json() as { data: { items: Digest[]; nextCursor: string | null } },
  };
};
const generate = (s: Session, kind: 'daily' | 'weekly') =>
  t.app.inject({ method: 'POST', url: `/digests/${kind}/generate`, headers: authed(s), payload: {} });

describe('digests API', () => {
  it('when an executive asks to generate, then 403; when nothing was generated, then an empty list', async () => {
    const res = await generate(exec, 'daily');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ ok: false, error: 'forbidden' });
    const list = await get(exec, '/digests/daily');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual({ items: [], nextCursor: null });
  });

  it('when a pm generates, then their digest names only their project and the e-mail is skipped with why', async () => {
    const res = await generate(pm, 'daily');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ data: { periodKey: '2026-12-04', projects: 1 } });
    const { body } = await get(pm, '/digests/daily');
    const [d] = body.data.items;
    expect(d?.projectIds).toEqual([alpha.id]);
    expect(JSON.stringify(d)).not.toContain('Zulu');
    expect(JSON.stringify(d)).not.toContain(secret.id);
    const waiting = d?.sections.find((s) => s.key === 'waiting_clients');
    expect(waiting?.items[0]?.link).toMatchObject({ kind: 'conversation' });
    expect(d?.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'in_app', status: 'sent' }),
        expect.objectContaining({
          channel: 'email',
          status: 'skipped',
          error: expect.stringMatching(/SMTP_URL/),
        }),
      ]),
    );
  });

  it('when the owner generates on two days with no new data, then the second digest is one "nothing new" line', async () => {
    expect((await generate(owner, 'daily')).statusCode).toBe(200);
    const first = (await get(owner, '/digests/daily')).body.data.items[0];
    expect(first?.projectIds.sort()).toEqual([alpha.id, secret.id].sort());
    expect(first?.renderedText).toContain('Zulu deal stalled.');
    clock.advance(24 * 3_600_000);
    expect((await generate(owner, 'daily')).statusCode).toBe(200);
    const page = (await get(owner, '/digests/daily?limit=1')).body.data;
    expect(page.items[0]).toMatchObject({ periodKey: '2026-12-05', nothingNew: true });
    expect(page.items[0]?.renderedText).toBe('Nothing new since your previous daily digest (2026-12-04).');
    // The earlier one by cursor, and by date.
    const earlier = (await get(owner, `/digests/daily?limit=1&cursor=${page.nextCursor}`)).body.data;
    expect(earlier.items.map((i) => i.periodKey)).toEqual(['2026-12-04']);
    const byDate = (await get(owner, '/digests/daily?date=2026-12-04&locale=ru')).body.data;
    expect(byDate.items[0]?.renderedText).toMatch(/^Ежедневная сводка — 2026-12-04/);
  });

  it('when weekly digests are generated, then the reader gets one keyed by the week’s Monday', async () => {
    expect((await generate(owner, 'weekly')).statusCode).toBe(200);
    const { body } = await get(exec, '/digests/weekly');
    expect(body.data.items[0]?.periodKey).toBe('2026-11-30');
  });

  it('when the input is bad, then 400 with the envelope, never 500', async () => {
    for (const q of ['?limit=0', '?date=yesterday', '?cursor=nope', '?locale=fr']) {
      const res = await t.app.inject({ method: 'GET', url: `/digests/daily${q}`, headers: authed(owner) });
      expect(res.statusCode, q).toBe(400);
    }
  });
});

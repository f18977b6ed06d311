import { manualClock } from '@keel/core/clock';
import { createLinearIssue, createProject, createSignal } from '@keel/db/factories';
import { kagEvents, kagScoreHistory, kagSignalHistory } from '@keel/db/schema/kag-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * The project page's reads over HTTP: GET /kag/scores/history (one point a day),
 * GET /kag/signals/history (keyset-paged timeline) and GET /kag/signals/:id/evidence
 * (each ref with where it lives), all scoped to the selected project.
 */
const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, 20 - d, hour));
let t: TestApp;
let owner: Session;
let project: Awaited<ReturnType<typeof createProject>>;
let other: Awaited<ReturnType<typeof createProject>>;
let signalId: string;
let otherSignalId: string;
const waitingEventId = '0b6f7f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b';

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers: { ...authed(owner), ...headers } });
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'project-page-ws' });
  const db = t.deps.db;
  const ws = o.workspace.id;
  project = await createProject(db, { accountScopeId: ws, name: 'Atlas Rebuild', clientName: 'Atlas' });
  other = await createProject(db, { accountScopeId: ws, name: 'Beacon Site' });
  const scope = { accountScopeId: ws, projectId: project.id };

  // Two refreshes on one day (the evening one wins), one a month ago, one past the window.
  const score = (scoreType: 'health' | 'risk', value: number, asOf: Date, configVersion = 'v1') =>
    ({ ...scope, scoreType, value, asOf, configVersion }) as const;
  await db
    .insert(kagScoreHistory)
    .values([
      score('health', 70, daysAgo(1, 8)),
      score('health', 64, daysAgo(1, 20), 'v2'),
      score('risk', 30, daysAgo(1, 20), 'v2'),
      score('health', 81, daysAgo(30)),
      score('health', 90, daysAgo(120)),
    ]);
  await db.insert(kagScoreHistory).values({
    accountScopeId: ws,
    projectId: other.id,
    scoreType: 'health',
    value: 12,
    asOf: daysAgo(1),
    configVersion: 'v1',
  });

  // Timeline: three changes of one signal, oldest first.
  await db.insert(kagSignalHistory).values(
    (['appeared', 'changed', 'resolved'] as const).map((change, i) => ({
      ...scope,
      key: 'client_waiting',
      category: 'communication' as const,
      subjectKey: 'conversation:42',
      change,
      severity: 0.3 + i * 0.2,
      sentence: `step ${i}`,
      configVersion: 'v2',
      asOf: daysAgo(3 - i),
    })),
  );

  // A signal whose evidence is a client message, an issue with a URL, one with a hostile URL and a gone row.
  await db.insert(kagEvents).values({
    id: waitingEventId,
    ...scope,
    kind: 'message_in',
    source: 'chatwoot',
    sourceRef: '9001',
    occurredAt: daysAgo(1),
    actor: 'client',
    payload: { conversationId: 42, text: 'Any news?' },
  });
  const issue = await createLinearIssue(db, project, {
    identifier: 'ENG-7',
    url: 'https://linear.app/acme/issue/ENG-7',
  });
  const hostile = await createLinearIssue(db, project, { identifier: 'ENG-8', url: 'javascript:alert(1)' });
  const signal = await createSignal(db, project, {
    key: 'client_waiting',
    evidence: [
      { table: 'kag_events', id: waitingEventId, label: 'Ann: Any news?' },
      { table: 'linear_issues_raw', id: issue.id, label: 'ENG-7 Launch', weight: 0.5 },
      { table: 'linear_issues_raw', id: hostile.id },
      { table: 'crm_opportunities', id: '5c7e9a1b-2d3f-4a5b-8c6d-7e8f9a0b1c2d', label: 'Deleted deal' },
    ],
  });
  signalId = signal.id;
  otherSignalId = (await createSignal(db, other, { key: 'client_waiting' })).id;

  owner = await login(t, o.email, o.password);
  const sel = await t.app.inject({
    method: 'POST',
    url: `/projects/${project.id}/select`,
    headers: authed(owner),
  });
  expect(sel.statusCode, sel.body).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /kag/scores/history', () => {
  it('when asked for the default window, then each day with a refresh is one point, its last refresh winning', async () => {
    const res = await get('/kag/scores/history');
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data.days).toBe(90);
    expect(data.to).toBe(now.toISOString());
    expect(data.items).toEqual([
      {
        day: '2026-10-21',
        health: 81,
        risk: null,
        asOf: daysAgo(30).toISOString(),
        configVersion: 'v1',
      },
      { day: '2026-11-19', health: 64, risk: 30, asOf: daysAgo(1, 20).toISOString(), configVersion: 'v2' },
    ]);
  });

  it('when asked for a shorter window, then older days are left out; out-of-range days are a 400', async () => {
    const { data } = (await get('/kag/scores/history?days=7')).json();
    expect(data.items.map((p: { day: string }) => p.day)).toEqual(['2026-11-19']);
    expect((await get('/kag/scores/history?days=0')).statusCode).toBe(400);
    expect((await get('/kag/scores/history?days=366')).statusCode).toBe(400);
  });

  it('when another project is named in X-Project-Id, then its history answers, not the selected one', async () => {
    const { data } = (await get('/kag/scores/history', { 'x-project-id': other.id })).json();
    expect(data.items.map((p: { health: number }) => p.health)).toEqual([12]);
  });
});

describe('GET /kag/signals/history', () => {
  it('when paging one change at a time, then the changes come newest first, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/kag/signals/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json().data;
      seen.push(...page.items.map((h: { change: string }) => h.change));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['resolved', 'changed', 'appeared']);
  });

  it('when the first page is asked for, then each change carries its signal, severity and time', async () => {
    const { data } = (await get('/kag/signals/history')).json();
    expect(data.nextCursor).toBeNull();
    expect(data.items[0]).toMatchObject({
      key: 'client_waiting',
      category: 'communication',
      subjectKey: 'conversation:42',
      change: 'resolved',
      sentence: 'step 2',
      asOf: daysAgo(1).toISOString(),
    });
  });
});

describe('GET /kag/signals/:id/evidence', () => {
  it('when a signal is opened, then each ref says where it lives; unsafe URLs and gone rows do not link', async () => {
    const res = await get(`/kag/signals/${signalId}/evidence`);
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data).toMatchObject({ signalId, key: 'client_waiting', total: 4 });
    expect(data.items.map((i: { target: unknown }) => i.target)).toEqual([
      { kind: 'conversation', conversationId: 42, messageId: 9001 },
      { kind: 'vendor', identifier: 'ENG-7', url: 'https://linear.app/acme/issue/ENG-7' },
      { kind: 'vendor', identifier: 'ENG-8', url: null },
      null,
    ]);
    expect(data.items[1]).toMatchObject({ label: 'ENG-7 Launch', weight: 0.5 });
  });

  it("when another project's signal is asked for under this project, then it is a 404", async () => {
    const res = await get(`/kag/signals/${otherSignalId}/evidence`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, error: 'not_found' });
  });
});

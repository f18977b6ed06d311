import { manualClock } from '@keel/core/clock';
import { makeEvent } from '@keel/core/events';
import {
  addProjectMember,
  createConversation,
  createLinearIssue,
  createMessage,
  createProject,
  createRecommendation,
  createScore,
  createSignal,
} from '@keel/db/factories';
import { crmOpportunities } from '@keel/db/schema/crm';
import { kagRecommendations, kagScoreHistory } from '@keel/db/schema/kag-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/** GET /portfolio/overview and /portfolio/messages over HTTP: facts per project, worst first, scoped to what the caller may see. */
const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
let t: TestApp;
let owner: Session;
let pm: Session;
let troubled: Awaited<ReturnType<typeof createProject>>;
let calm: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'portfolio-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'portfolio-ws' });
  const db = t.deps.db;
  const ws = o.workspace.id;
  troubled = await createProject(db, { accountScopeId: ws, name: 'Atlas Rebuild', clientName: 'Atlas' });
  calm = await createProject(db, { accountScopeId: ws, name: 'Beacon Site', clientName: 'Beacon' });
  await createProject(db, { accountScopeId: ws, name: 'Old Archive', status: 'archived' });
  await addProjectMember(db, { projectId: calm.id, userId: p.user.id });

  // Atlas: health 42 (was 61 a week ago), two signals, a waiting client, overdue work, two deals.
  await createScore(db, troubled, { scoreType: 'health', value: 42, asOf: now });
  await createScore(db, troubled, { scoreType: 'risk', value: 66, asOf: now });
  await db.insert(kagScoreHistory).values([
    {
      accountScopeId: ws,
      projectId: troubled.id,
      scoreType: 'health',
      value: 61,
      configVersion: 't',
      asOf: hoursAgo(24 * 8),
    },
    {
      accountScopeId: ws,
      projectId: troubled.id,
      scoreType: 'health',
      value: 50,
      configVersion: 't',
      asOf: hoursAgo(24 * 2),
    },
  ]);
  await createSignal(db, troubled, { key: 'client_waiting', severity: 0.4 });
  await createSignal(db, troubled, {
    key: 'overdue_issues',
    category: 'delivery',
    severity: 0.9,
    title: 'Overdue work',
    sentence: '3 issues are past their due date.',
  });
  // Open v2 recommendations as the queue counts them: new, shown, accepted, a snooze that ran out;
  // not the gate's suppressed, a snooze still running, dismissed or done — nor the v1 table.
  await db.insert(kagRecommendations).values({
    accountScopeId: ws,
    projectId: troubled.id,
    ruleKey: 'reply',
    title: 'Reply to Atlas',
    body: 'They have waited 30 hours.',
    priority: 0.8,
    configVersion: 't',
    asOf: now,
  });
  for (const [i, status, snoozedUntil] of [
    [1, 'new'],
    [2, 'shown'],
    [3, 'accepted'],
    [4, 'snoozed', hoursAgo(1)],
    [5, 'snoozed', hoursAgo(-5)],
    [6, 'suppressed'],
    [7, 'dismissed'],
    [8, 'done'],
  ] as const)
    await createRecommendation(db, troubled, {
      subjectKey: `conversation:${i}`,
      status,
      ...(snoozedUntil ? { snoozedUntil } : {}),
    });
  await createLinearIssue(db, troubled, { dueDate: '2026-11-10' });
  await createLinearIssue(db, troubled, { dueDate: '2026-12-10' });
  await createLinearIssue(db, troubled, { stateType: 'completed', dueDate: '2026-11-01' });
  const waiting = await createConversation(db, troubled, { waitingSince: hoursAgo(30) });
  await createConversation(db, troubled, { status: 'resolved', waitingSince: hoursAgo(90) });
  await createMessage(db, troubled, {
    cwConversationId: waiting.cwConversationId,
    content: 'Any news on the launch date?',
    senderName: 'Ann (Atlas)',
    createdAtSource: hoursAgo(30),
  });
  await createMessage(db, troubled, { messageType: 'outgoing', createdAtSource: hoursAgo(1) });
  await createMessage(db, troubled, { private: true, createdAtSource: hoursAgo(2) });
  await db.insert(crmOpportunities).values([
    {
      accountScopeId: ws,
      projectId: troubled.id,
      source: 'manual',
      title: 'Phase 2',
      stage: 'proposal',
      amountMinor: 500_000,
      currency: 'USD',
    },
    {
      accountScopeId: ws,
      projectId: troubled.id,
      source: 'manual',
      title: 'Support',
      stage: 'proposal',
      amountMinor: 120_000,
      currency: 'EUR',
    },
    {
      accountScopeId: ws,
      projectId: troubled.id,
      source: 'manual',
      title: 'Won',
      stage: 'won',
      status: 'won',
      amountMinor: 900_000,
      currency: 'USD',
    },
  ]);

  // Beacon: healthy, one answered client message.
  await createScore(db, calm, { scoreType: 'health', value: 88, asOf: now });
  for (let i = 0; i < 3; i++)
    await createMessage(db, calm, { content: `Thanks! (${i})`, createdAtSource: hoursAgo(5 + i) });

  owner = await login(t, o.email, o.password);
  pm = await login(t, p.email, p.password);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function get(s: Session, url: string) {
  return t.app.inject({ method: 'GET', url, headers: authed(s) });
}

describe('GET /portfolio/overview', () => {
  it('when the owner asks, then every non-archived project is listed worst first with its facts', async () => {
    const res = await get(owner, '/portfolio/overview');
    expect(res.statusCode, res.body).toBe(200);
    const { data } = res.json();
    expect(data.projects.map((p: { name: string }) => p.name)).toEqual(['Atlas Rebuild', 'Beacon Site']);
    expect(data.projects[0]).toMatchObject({
      band: 'at_risk',
      health: 42,
      risk: 66,
      healthTrend7d: -19,
      activeSignals: 2,
      topSignal: { key: 'overdue_issues', severity: 0.9, sentence: '3 issues are past their due date.' },
      openRecommendations: 4,
      openIssues: 2,
      overdueIssues: 1,
      awaitingReply: 1,
      longestWaitHours: 30,
      lastClientMessageAt: hoursAgo(30).toISOString(),
      openDeals: 2,
      openPipeline: [
        { currency: 'USD', amountMinor: 500_000 },
        { currency: 'EUR', amountMinor: 120_000 },
      ],
    });
    expect(data.projects[1]).toMatchObject({
      band: 'healthy',
      health: 88,
      healthTrend7d: null,
      topSignal: null,
      awaitingReply: 0,
      longestWaitHours: null,
      lastClientMessageAt: hoursAgo(5).toISOString(),
      openPipeline: [],
    });
    expect(data.totals).toMatchObject({
      projects: 2,
      byBand: { at_risk: 1, watch: 0, healthy: 1, unscored: 0 },
      averageHealth: 65,
      awaitingReply: 1,
      overdueIssues: 1,
      openRecommendations: 4,
    });
    expect(data.asOf).toBe(now.toISOString());
  });

  it('when asked for one row at a time, then pages follow the worst-first order and totals still cover all', async () => {
    const first = (await get(owner, '/portfolio/overview?limit=1')).json().data;
    const second = (await get(owner, '/portfolio/overview?limit=1&offset=1')).json().data;
    expect(first.projects.map((p: { name: string }) => p.name)).toEqual(['Atlas Rebuild']);
    expect(second.projects.map((p: { name: string }) => p.name)).toEqual(['Beacon Site']);
    expect(first.page).toEqual({ offset: 0, limit: 1, total: 2 });
    expect(first.totals.projects).toBe(2);
    const bad = await get(owner, '/portfolio/overview?limit=501');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, message: expect.stringMatching(/limit/) });
  });

  it('when a project manager asks, then only the projects they belong to are in it', async () => {
    const { data } = (await get(pm, '/portfolio/overview')).json();
    expect(data.projects.map((p: { id: string }) => p.id)).toEqual([calm.id]);
    expect(data.totals.projects).toBe(1);
  });

  it('when nobody is signed in, then the answer is 401 with the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/portfolio/overview' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ ok: false });
  });
});

describe('GET /portfolio/overview freshness', () => {
  it('when a sync lands, then the next overview shows it; until the event, the cached facts answer', async () => {
    const waitingOf = async () =>
      (await get(owner, '/portfolio/overview'))
        .json()
        .data.projects.find((p: { id: string }) => p.id === calm.id).awaitingReply;
    expect(await waitingOf()).toBe(0);
    await createConversation(t.deps.db, calm, { waitingSince: hoursAgo(3) });
    // Within the cache's lifetime and without an event, the answer is the cached one.
    expect(await waitingOf()).toBe(0);
    await t.deps.bus.publish(
      makeEvent(
        'sync.finished',
        { accountScopeId: calm.accountScopeId, projectId: calm.id },
        { connector: 'chatwoot', status: 'ok', reason: null, resources: {} },
        now,
      ),
    );
    await expect.poll(waitingOf, { timeout: 5_000 }).toBe(1);
  });

  it('when a project is created, then it is listed at once, unscored, without waiting for the cache', async () => {
    const fresh = await createProject(t.deps.db, { accountScopeId: calm.accountScopeId, name: 'Zephyr New' });
    const { data } = (await get(owner, '/portfolio/overview')).json();
    expect(data.projects.find((p: { id: string }) => p.id === fresh.id)).toMatchObject({
      band: 'unscored',
      health: null,
    });
  });
});

describe('GET /portfolio/messages', () => {
  it('when paging through client messages, then each appears once, newest first, without notes or our replies', async () => {
    const first = (await get(owner, '/portfolio/messages?limit=2')).json().data;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await get(owner, `/portfolio/messages?limit=2&cursor=${first.nextCursor}`)).json().data;
    const all = [...first.items, ...second.items];
    expect(all.map((m: { excerpt: string }) => m.excerpt)).toEqual([
      'Thanks! (0)',
      'Thanks! (1)',
      'Thanks! (2)',
      'Any news on the launch date?',
    ]);
    expect(second.nextCursor).toBeNull();
    expect(all[3]).toMatchObject({
      projectName: 'Atlas Rebuild',
      senderName: 'Ann (Atlas)',
      awaitingReply: true,
    });
  });

  it('when only waiting conversations are asked for, then only their messages come back', async () => {
    const { data } = (await get(owner, '/portfolio/messages?awaitingOnly=true')).json();
    expect(data.items.map((m: { projectId: string }) => m.projectId)).toEqual([troubled.id]);
  });

  it('when a project manager asks, then messages of other projects are not shown', async () => {
    const { data } = (await get(pm, '/portfolio/messages')).json();
    expect(new Set(data.items.map((m: { projectId: string }) => m.projectId))).toEqual(new Set([calm.id]));
  });

  it('when the cursor or limit is not valid, then the answer is 400 with a message to act on', async () => {
    const bad = await get(owner, '/portfolio/messages?cursor=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, message: expect.stringMatching(/nextCursor/) });
    expect((await get(owner, '/portfolio/messages?limit=0')).statusCode).toBe(400);
  });
});

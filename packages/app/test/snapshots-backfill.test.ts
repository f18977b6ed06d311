import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@keel/core/clock';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import { createConversation, createLinearIssue, createMessage, createProject } from '@keel/db/factories';
import { cwConversations } from '@keel/db/schema/chatwoot';
import { crmOpportunities } from '@keel/db/schema/crm';
import { kagEdges, kagNodes, kagScores } from '@keel/db/schema/kag-core';
import { linearIssuesRaw } from '@keel/db/schema/linear';
import { pastCaseOutcomes, projectSnapshots } from '@keel/db/schema/snapshots';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { runKagPipeline } from '@keel/intelligence/kag/pipeline';

/**
 * Snapshots over a real database: a backfill judges each past day with nothing from its future,
 * so data that arrives later (new messages, an issue completed, a deal lost) changes no past
 * snapshot and no closed outcome label; a rebuild is idempotent; the graph follows the rows.
 */
let tdb: TestDatabase;
let scope: { accountScopeId: string; projectId: string };
let projectRef: { id: string; accountScopeId: string };
let issueId: string;
let dealId: string;
let conversationId: number;
const bus = createMemoryEventBus();
const events: KeelEvent[] = [];

const T1 = new Date('2025-06-20T12:00:00Z');
const T2 = new Date('2025-07-10T12:00:00Z');
const at = (s: string) => new Date(s);

async function say(when: string, direction: 'in' | 'out', content: string) {
  await createMessage(tdb.db, projectRef, {
    cwConversationId: conversationId,
    messageType: direction === 'in' ? 'incoming' : 'outgoing',
    senderType: direction === 'in' ? 'contact' : 'user',
    content,
    createdAtSource: at(when),
  });
}

async function snapshots() {
  return tdb.db
    .select({
      date: projectSnapshots.snapshotDate,
      health: projectSnapshots.health,
      risk: projectSnapshots.risk,
      scores: projectSnapshots.scores,
      signals: projectSnapshots.signals,
      metrics: projectSnapshots.metrics,
      configVersion: projectSnapshots.configVersion,
      asOf: projectSnapshots.asOf,
    })
    .from(projectSnapshots)
    .where(eq(projectSnapshots.projectId, scope.projectId))
    .orderBy(asc(projectSnapshots.snapshotDate));
}

async function outcomes() {
  return tdb.db
    .select({
      windowStart: pastCaseOutcomes.windowStart,
      windowEnd: pastCaseOutcomes.windowEnd,
      horizonDays: pastCaseOutcomes.horizonDays,
      riskEvent: pastCaseOutcomes.riskEvent,
      eventKind: pastCaseOutcomes.eventKind,
      eventAt: pastCaseOutcomes.eventAt,
    })
    .from(pastCaseOutcomes)
    .where(eq(pastCaseOutcomes.projectId, scope.projectId))
    .orderBy(asc(pastCaseOutcomes.windowStart), asc(pastCaseOutcomes.horizonDays));
}

const run = (now: Date, rebuild = false) =>
  runKagPipeline(
    tdb.db,
    scope,
    { clock: manualClock(now), bus },
    { fullIngest: true, snapshots: { rebuild } },
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  await bus.subscribe((e) => events.push(e));
  const project = await createProject(tdb.db, { name: 'Apollo', clientName: 'Acme' });
  projectRef = { id: project.id, accountScopeId: project.accountScopeId };
  scope = { accountScopeId: project.accountScopeId, projectId: project.id };
  const conversation = await createConversation(tdb.db, projectRef, {
    status: 'open',
    createdAtSource: at('2025-05-01T09:00:00Z'),
  });
  conversationId = conversation.cwConversationId;
  // Seven weeks of history before T1: a client who writes twice a week and is answered.
  for (let d = 1; d <= 49; d += 3) {
    const day = new Date(Date.UTC(2025, 4, d, 10));
    await say(day.toISOString(), 'in', 'Could you send the latest build?');
    await say(new Date(day.getTime() + 2 * 3_600_000).toISOString(), 'out', 'Sure, here it is.');
  }
  const issue = await createLinearIssue(tdb.db, projectRef, {
    title: 'Payments screen',
    stateType: 'started',
    stateName: 'In Progress',
    createdAtSource: at('2025-05-05T09:00:00Z'),
    startedAt: at('2025-05-06T09:00:00Z'),
    sourceUpdatedAt: at('2025-05-06T09:00:00Z'),
    dueDate: '2025-05-25',
  });
  issueId = issue.id;
  const [deal] = await tdb.db
    .insert(crmOpportunities)
    .values({
      ...scope,
      source: 'manual',
      title: 'Phase 2',
      stage: 'Proposal',
      status: 'open',
      amountMinor: 2_000_000,
      stageChangedAt: at('2025-05-02T09:00:00Z'),
      createdAt: at('2025-05-02T09:00:00Z'),
    })
    .returning({ id: crmOpportunities.id });
  dealId = deal?.id ?? '';
});

afterAll(async () => {
  await tdb?.close();
});

describe('backfill from history', () => {
  let before: Awaited<ReturnType<typeof snapshots>>;
  let labelsBefore: Awaited<ReturnType<typeof outcomes>>;

  it('when a project has history but no snapshots, then every day from the first fact to today gets one', async () => {
    const r = await run(T1);
    before = await snapshots();
    labelsBefore = await outcomes();
    expect(before[0]?.date).toBe('2025-05-01');
    expect(before.at(-1)?.date).toBe('2025-06-20');
    expect(before).toHaveLength(51);
    expect(r.snapshots).toMatchObject({ backfilled: 50, snapshots: 51, today: 'live' });
    // The overdue issue shows from the day after its due date, not before.
    const signalsOn = (d: string) => before.find((s) => s.date === d)?.signals as Record<string, unknown>;
    expect(signalsOn('2025-05-24')?.overdue_issues).toBeUndefined();
    expect(signalsOn('2025-05-27')?.overdue_issues).toBeDefined();
    // Outcomes: only windows closed before today, 7 days for 2025-05-01 … 2025-06-12, never 30 for June.
    expect(r.snapshots.outcomes).toBe(labelsBefore.length);
    expect(labelsBefore.some((o) => o.horizonDays === 7 && o.windowStart === '2025-06-12')).toBe(true);
    expect(labelsBefore.some((o) => o.windowEnd >= '2025-06-20')).toBe(false);
    await expect.poll(() => events.some((e) => e.type === 'kag.snapshots.built')).toBe(true);
  });

  it("when the refresh scored the project today, then today's snapshot is exactly what it wrote", async () => {
    const [health] = await tdb.db
      .select({ value: kagScores.value, asOf: kagScores.asOf })
      .from(kagScores)
      .where(and(eq(kagScores.projectId, scope.projectId), eq(kagScores.scoreType, 'health')));
    const today = before.at(-1);
    expect(today?.health).toBe(health?.value);
    expect(today?.asOf).toEqual(health?.asOf);
  });

  it('when the pipeline runs again the same day, then the rows are the same (idempotent)', async () => {
    const r = await run(T1);
    expect(r.snapshots).toMatchObject({ backfilled: 0, outcomes: 0 });
    expect(await snapshots()).toEqual(before);
    expect(await outcomes()).toEqual(labelsBefore);
  });

  it('when later data arrives (messages, the issue completed, the deal lost) and history is rebuilt, then no past snapshot or closed label changes', async () => {
    await say('2025-06-25T10:00:00Z', 'in', 'This is unacceptable, we will escalate to our lawyers.');
    await say('2025-07-01T10:00:00Z', 'in', 'Still waiting for an answer.');
    await tdb.db
      .update(linearIssuesRaw)
      .set({
        stateType: 'completed',
        stateName: 'Done',
        completedAt: at('2025-06-28T09:00:00Z'),
        sourceUpdatedAt: at('2025-06-28T09:00:00Z'),
      })
      .where(eq(linearIssuesRaw.id, issueId));
    await createLinearIssue(tdb.db, projectRef, { createdAtSource: at('2025-06-30T09:00:00Z') });
    await tdb.db
      .update(crmOpportunities)
      .set({ status: 'lost', stage: 'Lost', stageChangedAt: at('2025-07-02T09:00:00Z') })
      .where(eq(crmOpportunities.id, dealId));

    const r = await run(T2, true);
    expect(r.snapshots.backfilled).toBe(70);
    const after = await snapshots();
    // Every day before T1's was built from history both times: identical, field by field.
    const past = (rows: typeof before) => rows.filter((s) => s.date < '2025-06-20');
    expect(past(after)).toEqual(past(before));
    // The later data does show on the later days.
    const metricsOn = (d: string) => after.find((s) => s.date === d)?.metrics ?? {};
    expect(metricsOn('2025-07-09').lostDealsTotal).toBe(1);
    expect(metricsOn('2025-06-27').openIssues).toBe(1);
    expect(metricsOn('2025-06-29').openIssues).toBe(0);
    // Labels are never rewritten, and relabelling from scratch gives the same closed labels.
    expect((await outcomes()).filter((o) => o.windowEnd < '2025-06-20')).toEqual(labelsBefore);
    await tdb.db.delete(pastCaseOutcomes).where(eq(pastCaseOutcomes.projectId, scope.projectId));
    await run(T2);
    expect((await outcomes()).filter((o) => o.windowEnd < '2025-06-20')).toEqual(labelsBefore);
  });

  it("when a day stored live is over, then the next build judges it again at the day's end", async () => {
    await tdb.db
      .update(projectSnapshots)
      .set({ asOf: at('2025-07-05T08:00:00Z') })
      .where(
        and(eq(projectSnapshots.projectId, scope.projectId), eq(projectSnapshots.snapshotDate, '2025-07-05')),
      );
    const r = await run(T2);
    expect(r.snapshots.backfilled).toBe(1);
    const day = (await snapshots()).find((s) => s.date === '2025-07-05');
    expect(day?.asOf).toEqual(at('2025-07-05T23:59:59.999Z'));
  });
});

describe('the graph step', () => {
  const graph = async () => ({
    nodes: await tdb.db
      .select({ id: kagNodes.id, type: kagNodes.nodeType, key: kagNodes.nodeKey })
      .from(kagNodes)
      .where(eq(kagNodes.projectId, scope.projectId)),
    edges: await tdb.db
      .select({ id: kagEdges.id, type: kagEdges.edgeType })
      .from(kagEdges)
      .where(eq(kagEdges.projectId, scope.projectId)),
  });

  it('when the pipeline ran, then the project, its conversation, issues and deal are nodes, linked to the project', async () => {
    const g = await graph();
    const types = g.nodes.map((n) => n.type).sort();
    expect(types).toEqual(['conversation', 'deal', 'issue', 'issue', 'project']);
    expect(g.edges.filter((e) => e.type === 'belongs_to')).toHaveLength(4);
  });

  it('when nothing changed, then a rerun writes nothing; when a row disappears, then its node and edges go', async () => {
    const first = await graph();
    const r = await run(T2);
    expect(r.graph).toMatchObject({ nodesWritten: 0, nodesRemoved: 0, edgesAdded: 0, edgesRemoved: 0 });
    expect(await graph()).toEqual(first);
    await tdb.db
      .update(cwConversations)
      .set({ deletedAt: T2 })
      .where(eq(cwConversations.cwConversationId, conversationId));
    const r2 = await run(T2);
    expect(r2.graph).toMatchObject({ nodesRemoved: 1, edgesRemoved: 0 });
    const g = await graph();
    expect(g.nodes.some((n) => n.type === 'conversation')).toBe(false);
    expect(g.edges).toHaveLength(first.edges.length - 1);
  });
});

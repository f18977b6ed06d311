import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@keel/core/clock';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import { createConversation, createMessage, createProject } from '@keel/db/factories';
import { projectHealth } from '@keel/db/queries/connectors-loops';
import { listKagScores } from '@keel/db/queries/kag-signals';
import {
  analyticsCommsSnapshots,
  analyticsDeliverySnapshots,
  analyticsRevenueSnapshots,
} from '@keel/db/schema/analytics';
import { crmOpportunities } from '@keel/db/schema/crm';
import { riskRadarItems } from '@keel/db/schema/legacy';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import type { RevenueDealRow } from '@keel/intelligence/analytics/revenue';
import { refreshAnalytics } from '@keel/intelligence/analytics/refresh';
import { runKagPipeline } from '@keel/intelligence/kag/pipeline';

/**
 * Analytics and the risk radar over a real database, run by the kag pipeline as the demo and
 * the daily job run them: rows per currency for today and the backfilled days, revenue at risk
 * equal to the sum of its drill-down rows, idempotent reruns, and a radar item that opens when
 * its signal fires and closes when it clears.
 */
let tdb: TestDatabase;
let scope: { accountScopeId: string; projectId: string };
let ref: { id: string; accountScopeId: string };
let conversationId: number;
const bus = createMemoryEventBus();
const events: KeelEvent[] = [];

const NOW = new Date('2025-07-10T12:00:00Z'); // a Thursday
const HOUR = 3_600_000;

async function say(at: Date, who: 'client' | 'agent' | 'bot', content: string) {
  await createMessage(tdb.db, ref, {
    cwConversationId: conversationId,
    messageType: who === 'client' ? 'incoming' : 'outgoing',
    senderType: who === 'client' ? 'contact' : who === 'bot' ? 'agent_bot' : 'user',
    content,
    createdAtSource: at,
  });
}

const run = (now: Date) =>
  runKagPipeline(tdb.db, scope, { clock: manualClock(now), bus }, { fullIngest: true });

const revenueRows = () =>
  tdb.db
    .select()
    .from(analyticsRevenueSnapshots)
    .where(eq(analyticsRevenueSnapshots.projectId, scope.projectId))
    .orderBy(asc(analyticsRevenueSnapshots.snapshotDate), asc(analyticsRevenueSnapshots.currency));

const radar = () =>
  tdb.db
    .select()
    .from(riskRadarItems)
    .where(eq(riskRadarItems.projectId, scope.projectId))
    .orderBy(asc(riskRadarItems.dedupeKey));

beforeAll(async () => {
  tdb = await createTestDatabase();
  await bus.subscribe((e) => events.push(e));
  const project = await createProject(tdb.db, {
    name: 'Apollo',
    clientName: 'Acme',
    settings: { timezone: 'Europe/Berlin' },
  });
  ref = { id: project.id, accountScopeId: project.accountScopeId };
  scope = { accountScopeId: project.accountScopeId, projectId: project.id };
  const conversation = await createConversation(tdb.db, ref, {
    status: 'open',
    createdAtSource: new Date('2025-05-01T08:00:00Z'),
  });
  conversationId = conversation.cwConversationId;
  // Ten weeks: the client writes on weekdays, a bot acknowledges, an agent answers 2 hours later.
  for (
    let t = Date.parse('2025-05-01T08:00:00Z');
    t < Date.parse('2025-07-08T00:00:00Z');
    t += 2 * 24 * HOUR
  ) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    await say(new Date(t), 'client', 'Could you send the latest build?');
    await say(new Date(t + 60_000), 'bot', 'Thanks, we got your message.');
    await say(new Date(t + 2 * HOUR), 'agent', 'Sure, here it is.');
  }
  await tdb.db.insert(crmOpportunities).values([
    {
      ...scope,
      source: 'manual',
      title: 'Phase 2',
      stage: 'Proposal',
      status: 'open',
      amountMinor: 2_000_001,
      currency: 'USD',
      probability: 0.5,
      stageChangedAt: new Date('2025-05-02T09:00:00Z'),
      createdAt: new Date('2025-05-02T09:00:00Z'),
    },
    {
      ...scope,
      source: 'manual',
      title: 'Support retainer',
      stage: 'Negotiation',
      status: 'open',
      amountMinor: 777_777,
      currency: 'EUR',
      probability: 0.3,
      stageChangedAt: new Date('2025-05-03T09:00:00Z'),
      createdAt: new Date('2025-05-03T09:00:00Z'),
    },
    {
      ...scope,
      source: 'manual',
      title: 'Phase 1',
      stage: 'Won',
      status: 'won',
      amountMinor: 1_500_000,
      currency: 'USD',
      stageChangedAt: new Date('2025-07-01T09:00:00Z'),
      closedAt: new Date('2025-07-01T09:00:00Z'),
      createdAt: new Date('2025-05-01T09:00:00Z'),
    },
  ]);
});

afterAll(async () => {
  await tdb?.close();
});

describe('analytics snapshots from the pipeline', () => {
  it('when the pipeline runs on a project with history, then today and the past days get rows per currency', async () => {
    const r = await run(NOW);
    expect(r.steps.map((s) => `${s.step}:${s.status}`)).toContain('analytics:done');
    const rows = await revenueRows();
    const today = rows.filter((x) => x.snapshotDate === '2025-07-10');
    expect(today.map((x) => `${x.periodDays}:${x.currency}`).sort()).toEqual([
      '30:EUR',
      '30:USD',
      '7:EUR',
      '7:USD',
    ]);
    const dates = new Set(rows.map((x) => x.snapshotDate));
    // Backfilled from the first fact (2025-05-01) to today: 71 days.
    expect(dates.size).toBe(71);
    const usd30 = today.find((x) => x.periodDays === 30 && x.currency === 'USD');
    expect(usd30).toMatchObject({
      pipelineMinor: 2_000_001,
      weightedPipelineMinor: 1_000_001,
      wonMinor: 1_500_000,
      openDeals: 1,
      wonDeals: 1,
    });
    // The won deal closed 9 days ago: outside the 7-day window.
    expect(today.find((x) => x.periodDays === 7 && x.currency === 'USD')?.wonMinor).toBe(0);
    await expect.poll(() => events.some((e) => e.type === 'analytics.refreshed')).toBe(true);
  });

  it('when revenue at risk is drilled into, then it equals the sum of its per-deal rows in every row and currency', async () => {
    const rows = await revenueRows();
    expect(rows.length).toBeGreaterThan(100);
    let nonZero = 0;
    for (const row of rows) {
      const deals = row.details.deals as RevenueDealRow[];
      expect(deals.every((d) => d.currency === row.currency)).toBe(true);
      expect(row.revenueAtRiskMinor).toBe(deals.reduce((a, d) => a + d.atRiskMinor, 0));
      expect(row.pipelineMinor).toBe(
        deals.filter((d) => d.kind === 'open').reduce((a, d) => a + d.amountMinor, 0),
      );
      for (const d of deals)
        if (d.riskProbability !== null)
          expect(d.atRiskMinor).toBe(Math.round(d.amountMinor * d.riskProbability));
      if (row.revenueAtRiskMinor > 0) nonZero++;
    }
    // Today's figure uses the forecast the pipeline stored today.
    const today = rows.find(
      (x) => x.snapshotDate === '2025-07-10' && x.currency === 'EUR' && x.periodDays === 30,
    );
    const forecast = today?.details.forecast as {
      source: string;
      probability: number;
      dataSufficient: boolean;
    };
    expect(forecast.source).toBe('stored');
    expect(forecast.dataSufficient).toBe(true);
    expect(today?.revenueAtRiskMinor).toBe(Math.round(777_777 * forecast.probability));
    expect(nonZero).toBeGreaterThan(0);
  });

  it('when comms are read, then they count human replies in Berlin business hours with the definition beside them', async () => {
    const [comms] = await tdb.db
      .select()
      .from(analyticsCommsSnapshots)
      .where(
        and(
          eq(analyticsCommsSnapshots.projectId, scope.projectId),
          eq(analyticsCommsSnapshots.snapshotDate, '2025-07-07'),
          eq(analyticsCommsSnapshots.periodDays, 30),
        ),
      );
    // The bot's acknowledgement one minute later never counts: every answer took 2 business hours.
    // One long conversation: its first clock started on 2025-05-01, the later ones are next responses.
    expect(comms?.firstResponseP50Minutes).toBeNull();
    expect(comms?.slaCompliance).toBe(1);
    const details = comms?.details as {
      definition: { businessHours: { timezone: string } };
      excluded: Record<string, number>;
      nextResponseP50Minutes: number;
    };
    expect(details.nextResponseP50Minutes).toBe(120);
    const [firstDay] = await tdb.db
      .select()
      .from(analyticsCommsSnapshots)
      .where(
        and(
          eq(analyticsCommsSnapshots.projectId, scope.projectId),
          eq(analyticsCommsSnapshots.snapshotDate, '2025-05-01'),
          eq(analyticsCommsSnapshots.periodDays, 7),
        ),
      );
    expect(firstDay?.firstResponseP50Minutes).toBe(120);
    expect(details.definition.businessHours.timezone).toBe('Europe/Berlin');
    expect(details.excluded.bot).toBeGreaterThan(0);
    const delivery = await tdb.db
      .select()
      .from(analyticsDeliverySnapshots)
      .where(eq(analyticsDeliverySnapshots.projectId, scope.projectId));
    expect(delivery.length).toBe(71 * 2);
  });

  it('when the pipeline runs again at the same instant, then the same rows are rewritten, not added', async () => {
    const before = await revenueRows();
    await run(NOW);
    const after = await revenueRows();
    expect(after.length).toBe(before.length);
    expect(after.map((x) => x.revenueAtRiskMinor)).toEqual(before.map((x) => x.revenueAtRiskMinor));
  });
});

describe('risk radar and health', () => {
  it('when Loops reads the project health, then it is the score the kag refresh stored', async () => {
    const scores = await listKagScores(tdb.db, scope);
    const health = scores.find((s) => s.scoreType === 'health');
    const loops = await projectHealth(tdb.db, scope);
    expect(loops.score).not.toBeNull();
    expect(loops.score).toBe(health?.value);
  });

  it('when a client waits, then a radar item opens; when an agent answers, then it closes', async () => {
    const waitingSince = new Date('2025-07-14T08:00:00Z'); // Monday 10:00 Berlin
    await say(waitingSince, 'client', 'Hello? We are still waiting for the invoice fix.');
    await run(new Date('2025-07-15T15:00:00Z'));
    const opened = (await radar()).find((i) => i.dedupeKey === 'signal:client_waiting');
    expect(opened).toMatchObject({
      status: 'open',
      riskType: 'client_waiting',
      signalKeys: ['client_waiting'],
    });
    expect(opened?.severity).toBeGreaterThan(0);
    expect(opened?.evidence.length).toBeGreaterThan(0);
    expect(opened?.mitigation).toMatch(/Reply/);
    expect(events.some((e) => e.type === 'risk.refreshed')).toBe(true);

    await say(new Date('2025-07-15T15:30:00Z'), 'agent', 'Fixed and sent, sorry for the wait.');
    await run(new Date('2025-07-15T16:00:00Z'));
    const closed = (await radar()).find((i) => i.dedupeKey === 'signal:client_waiting');
    expect(closed?.status).toBe('closed');
    expect(closed?.id).toBe(opened?.id);
  });
});

describe('analytics on a daily run', () => {
  type Row = { snapshotDate: string } & Record<string, unknown>;
  const strip = (rows: Row[], dates: string[]) =>
    rows
      .filter((r) => dates.includes(r.snapshotDate))
      .map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const rowsOf = async (dates: string[]) => ({
    comms: strip(
      await tdb.db
        .select()
        .from(analyticsCommsSnapshots)
        .where(eq(analyticsCommsSnapshots.projectId, scope.projectId)),
      dates,
    ),
    delivery: strip(
      await tdb.db
        .select()
        .from(analyticsDeliverySnapshots)
        .where(eq(analyticsDeliverySnapshots.projectId, scope.projectId)),
      dates,
    ),
    revenue: strip(
      await tdb.db
        .select()
        .from(analyticsRevenueSnapshots)
        .where(eq(analyticsRevenueSnapshots.projectId, scope.projectId)),
      dates,
    ),
  });

  it('when the next day judges yesterday and today from their windows only, then its rows equal a rebuild from the whole history', async () => {
    const next = new Date(NOW.getTime() + 24 * HOUR);
    const dates = ['2025-07-10', '2025-07-11'];
    const ctx = { clock: manualClock(next), bus };
    // Days before the first message (backfill reaches 90 days back) are missing too: they must not widen the read.
    const daily = await refreshAnalytics(tdb.db, scope, ctx);
    expect(daily.days).toBe(2);
    const short = await rowsOf(dates);
    expect(short.comms.length).toBe(4);
    const rebuilt = await refreshAnalytics(tdb.db, scope, ctx, { rebuild: true });
    expect(rebuilt.days).toBeGreaterThan(60);
    expect(await rowsOf(dates)).toEqual(short);
  });
});

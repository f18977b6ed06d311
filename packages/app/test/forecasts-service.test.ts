import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@keel/core/clock';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import { createProject } from '@keel/db/factories';
import { listLatestForecasts, replaceDayForecasts } from '@keel/db/queries/kag-forecasts';
import { upsertSnapshots } from '@keel/db/queries/kag-snapshots';
import { listSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { refreshRiskForecasts } from '@keel/intelligence/kag/forecast/refresh';
import { computeTrackRecord } from '@keel/intelligence/kag/forecast/track-record-service';
import {
  defaultForecastModel,
  flagRuleLookbackDays,
  flagRuleOf,
} from '@keel/intelligence/kag/forecast/model';
import { readPortfolioFacts } from '@keel/db/queries/portfolio';
import { listRiskForecasts } from '../src/services/forecasts.ts';
import { factsByProject } from '../src/services/portfolio.ts';
import { findSimilarCases } from '@keel/intelligence/kag/similarity/find';
import { rebuildCaseSignatures } from '@keel/intelligence/kag/similarity/rebuild';
import { seedProjectHistory, seedWorkspace } from './forecast-fixtures.ts';

/**
 * Forecasts over a real database: the three horizons from stored snapshots and the stored
 * neighbours; one row per project, horizon and day (a second refresh replaces it); too little
 * history says so; the track record replays the stored days against their labels.
 */
let tdb: TestDatabase;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
const today = new Date('2025-09-01T12:00:00Z');
const bus = createMemoryEventBus();
const events: KeelEvent[] = [];
const ctx = { clock: manualClock(today), bus };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await bus.subscribe((e) => {
    events.push(e);
  });
  ws = await seedWorkspace(tdb.db, today, ['calm', 'wave', 'wave', 'rising', 'red', 'rising', 'calm'], 70);
  for (const p of ws.projects) await rebuildCaseSignatures(tdb.db, p);
}, 120_000);
afterAll(async () => tdb?.close());

describe('refreshRiskForecasts', () => {
  it('when a project has history, then it writes 7/14/30 with drivers and the neighbours the API shows', async () => {
    const p = ws.projects[3] as (typeof ws.projects)[number];
    const r = await refreshRiskForecasts(tdb.db, p, ctx);
    expect(r.forecasts.map((f) => f.horizonDays)).toEqual([7, 14, 30]);
    for (const f of r.forecasts) {
      expect(f.dataSufficient).toBe(true);
      expect(f.probability).toBeGreaterThan(0);
      expect(f.probability).toBeLessThan(1);
      expect(f.drivers.length).toBeGreaterThan(0);
    }
    const similar = await findSimilarCases(tdb.db, p, { k: defaultForecastModel().similarK });
    const h7 = r.forecasts[0];
    expect(h7?.similarCases.map((c) => c.snapshotId)).toEqual(
      similar.items.filter((c) => c.outcomes['7']).map((c) => c.snapshotId),
    );
    const mine = (e: KeelEvent) => e.type === 'kag.forecasts.refreshed' && e.projectId === p.projectId;
    await expect.poll(() => events.some(mine)).toBe(true);
    expect(events.find(mine)?.data).toMatchObject({ dataSufficient: true, modelVersion: r.modelVersion });
  });

  it('when refreshed twice the same day, then one row per horizon is kept and the list shows it', async () => {
    const p = ws.projects[1] as (typeof ws.projects)[number];
    await refreshRiskForecasts(tdb.db, p, ctx);
    await refreshRiskForecasts(tdb.db, p, ctx);
    const rows = await listLatestForecasts(tdb.db, p);
    expect(rows.map((r) => r.horizonDays)).toEqual([7, 14, 30]);
    const all = await tdb.db.query.kagRiskForecasts.findMany({
      where: (f, { eq }) => eq(f.projectId, p.projectId),
    });
    expect(all).toHaveLength(3);
  });

  it('when a project has a week of history, then it says what is missing and gives no drivers', async () => {
    const young = await createProject(tdb.db, { accountScopeId: ws.accountScopeId, name: 'young' });
    const scope = { accountScopeId: ws.accountScopeId, projectId: young.id };
    await seedProjectHistory(tdb.db, scope, today, 5, () => ({ risk: 30 }));
    const r = await refreshRiskForecasts(tdb.db, scope, ctx);
    for (const f of r.forecasts) {
      expect(f.dataSufficient).toBe(false);
      expect(f.drivers).toEqual([]);
      expect(f.insufficiencyReason).toMatch(/^not enough history yet: .*5 days evaluated \(8 needed/);
    }
  });

  it('when a project has no snapshot at all, then the rows say no data was synced', async () => {
    const empty = await createProject(tdb.db, { accountScopeId: ws.accountScopeId, name: 'empty' });
    const r = await refreshRiskForecasts(
      tdb.db,
      { accountScopeId: ws.accountScopeId, projectId: empty.id },
      ctx,
    );
    expect(r.forecasts.every((f) => !f.dataSufficient)).toBe(true);
    expect(r.forecasts[0]?.insufficiencyReason).toMatch(/no messages, issues or deals synced yet/);
  });
});

describe('forecast of a past day', () => {
  it('when later days of other projects change and signatures are rebuilt, then the past forecast does not move', async () => {
    const p = ws.projects[2] as (typeof ws.projects)[number];
    const past = new Date('2025-08-10T12:00:00Z');
    const pastCtx = { clock: manualClock(past), bus };
    const before = await refreshRiskForecasts(tdb.db, p, pastCtx);
    expect(before.similarCases).toBeGreaterThan(0);

    // Everything after that day turns red for another project, and its signatures are rewritten.
    const other = ws.projects[1] as (typeof ws.projects)[number];
    const later = (await listSnapshotHistory(tdb.db, other)).filter((d) => d.date > '2025-08-10');
    await upsertSnapshots(
      tdb.db,
      other,
      later.map((d) => ({
        snapshotDate: d.date,
        health: 10,
        risk: 90,
        scores: { health: 10, risk: 90, components: [], topContributors: [] },
        signals: { escalation_language: { severity: 0.95, count: 3 } },
        metrics: d.metrics,
        configVersion: 'kag-v1.0',
        asOf: d.asOf,
      })),
    );
    await rebuildCaseSignatures(tdb.db, other, { rebuild: true });

    const after = await refreshRiskForecasts(tdb.db, p, pastCtx);
    expect(after.forecasts).toEqual(before.forecasts);
  });
});

describe('track record', () => {
  it('when labelled days exist, then each horizon has 10 bins whose counts add up to the labelled forecasts', async () => {
    const tr = await computeTrackRecord(tdb.db, ws.accountScopeId, today, defaultForecastModel());
    expect(tr.replayedDays).toBeGreaterThan(100);
    expect(tr.horizons.map((h) => h.horizonDays)).toEqual([7, 14, 30]);
    for (const h of tr.horizons) {
      expect(h.bins).toHaveLength(10);
      expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(h.labelled);
      expect(h.brier).not.toBeNull();
    }
    const h30 = tr.horizons[2];
    const h7 = tr.horizons[0];
    // Fewer 30-day windows have closed than 7-day ones.
    expect(h30?.labelled).toBeLessThan(h7?.labelled ?? 0);
  });
});

describe('the at-risk flag', () => {
  /** Stores a 14-day forecast (and the other two, as a refresh does) for each day, oldest first. */
  async function storeDays(scope: { accountScopeId: string; projectId: string }, p14s: number[]) {
    for (const [i, p14] of p14s.entries()) {
      const asOf = new Date(today.getTime() - (p14s.length - 1 - i) * 86_400_000);
      await replaceDayForecasts(
        tdb.db,
        scope,
        asOf.toISOString().slice(0, 10),
        [7, 14, 30].map((horizonDays) => ({
          horizonDays,
          probability: horizonDays === 14 ? p14 : p14 / 2,
          drivers: [],
          similarCases: [],
          dataSufficient: true,
          insufficiencyReason: null,
          modelVersion: defaultForecastModel().version,
          asOf,
        })),
      );
    }
  }

  it("when the last days' 14-day forecasts are stored, then the flag is the model's rule over them, not today's alone", async () => {
    const rule = flagRuleOf(defaultForecastModel());
    // The shipped rule averages several days: a calm day after high ones stays flagged, a
    // first high day after calm ones is not flagged yet.
    expect(rule.meanDays).toBeGreaterThan(1);
    const cases: Array<{ p14s: number[]; flagged: boolean }> = [
      { p14s: [...Array(rule.meanDays - 1).fill(0.95), 0.01], flagged: true },
      { p14s: [...Array(rule.meanDays - 1).fill(0.01), rule.on + 0.02], flagged: false },
      { p14s: Array(rule.meanDays).fill(rule.on + 0.02), flagged: true },
    ];
    for (const [i, c] of cases.entries()) {
      const project = await createProject(tdb.db, { accountScopeId: ws.accountScopeId, name: `flag ${i}` });
      const scope = { accountScopeId: ws.accountScopeId, projectId: project.id };
      await storeDays(scope, c.p14s);
      const { items } = await listRiskForecasts({ db: tdb.db }, scope);
      const h14 = items.find((f) => f.horizonDays === 14);
      expect(h14?.probability).toBeCloseTo(c.p14s.at(-1) ?? 0, 5);
      expect(h14?.atRisk, JSON.stringify(c)).toBe(c.flagged);
      expect(items.filter((f) => f.horizonDays !== 14).every((f) => f.atRisk === null)).toBe(true);
      // The portfolio reads the same days for every project at once and raises the same flag.
      const facts = factsByProject(
        await readPortfolioFacts(tdb.db, ws.accountScopeId, today, flagRuleLookbackDays(rule)),
      ).get(project.id);
      expect(facts?.risk14d).toBeCloseTo(c.p14s.at(-1) ?? 0, 5);
      expect(facts?.atRisk14d, JSON.stringify(c)).toBe(c.flagged);
    }
  });
});

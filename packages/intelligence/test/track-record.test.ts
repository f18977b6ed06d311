import { describe, expect, it } from 'vitest';
import { defaultForecastModel, flagRuleOf } from '../src/kag/forecast/model.ts';
import { brierScore, reliabilityTable } from '../src/kag/forecast/reliability.ts';
import { replayTrackRecord } from '../src/kag/forecast/track-record.ts';
import type { StoredHistoryDay } from '../src/kag/history/from-snapshot.ts';
import { caseSignature } from '../src/kag/similarity/signature.ts';
import { historyDays } from './history-day-builder.ts';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A project's stored days (ending 2025-06-30) with a signature and closed labels for each. */
function project(id: string, risks: number[], eventEvery: number) {
  const days: StoredHistoryDay[] = historyDays(risks).map((d) => ({
    ...d,
    projectId: id,
    snapshotId: `${id}-${d.date}`,
  }));
  const signatures = days.map((d, i) => ({
    snapshotId: d.snapshotId,
    projectId: id,
    snapshotDate: d.date,
    vector: caseSignature(days.slice(Math.max(0, i - 14), i + 1)),
  }));
  const outcomes = days.flatMap((d, i) =>
    [7, 14, 30].map((h) => ({
      snapshotId: d.snapshotId,
      projectId: id,
      horizonDays: h,
      windowEnd: addDays(d.date, h),
      riskEvent: i % eventEvery === 0,
      eventKind: i % eventEvery === 0 ? 'health_below_50' : null,
    })),
  );
  return { days, signatures, outcomes };
}

describe('reliabilityTable and brierScore', () => {
  it('when forecasts fall in bins, then each bin counts them and gives the observed rate', () => {
    const rows = [
      { p: 0.65, y: true },
      { p: 0.61, y: false },
      { p: 0.69, y: true },
      { p: 0.05, y: false },
      { p: 1, y: true },
    ];
    const bins = reliabilityTable(rows);
    expect(bins).toHaveLength(10);
    expect(bins[6]).toMatchObject({ lo: 0.6, hi: 0.7, count: 3, observedRate: 0.6667 });
    expect(bins[9]?.count).toBe(1);
    expect(bins[3]).toMatchObject({ count: 0, observedRate: null, meanProbability: null });
    expect(
      brierScore([
        { p: 1, y: true },
        { p: 0, y: true },
      ]),
    ).toBe(0.5);
    expect(brierScore([])).toBeNull();
  });
});

describe('replayTrackRecord', () => {
  const model = defaultForecastModel();
  const a = project(
    'a',
    Array.from({ length: 60 }, (_, i) => 10 + (i % 30)),
    3,
  );
  const b = project(
    'b',
    Array.from({ length: 60 }, (_, i) => 50 - (i % 20)),
    4,
  );
  const input = {
    projects: [a.days, b.days],
    signatures: [...a.signatures, ...b.signatures],
    outcomes: [...a.outcomes, ...b.outcomes],
  };

  it('when every day is labelled, then sufficient days are replayed and scored per horizon', () => {
    const tr = replayTrackRecord(input, model);
    expect(tr.replayedDays).toBe(120);
    expect(tr.stride).toBe(1);
    for (const h of tr.horizons) {
      // The first 7 days of each project lack the 8 evaluated days the model needs.
      expect(h.labelled).toBe(120 - 2 * 7);
      expect(h.sufficient).toBe(true);
      expect(h.bins.reduce((s, bin) => s + bin.count, 0)).toBe(h.labelled);
    }
  });

  it('when a later label changes, then no earlier day’s forecast moves (nothing from the future)', () => {
    const base = replayTrackRecord({ ...input, outcomes: input.outcomes }, model);
    // Flip the labels of b's last 20 days: they close after every day before 2025-06-10 − 7.
    const flipped = input.outcomes.map((o) =>
      o.projectId === 'b' && o.snapshotId >= 'b-2025-06-11' ? { ...o, riskEvent: !o.riskEvent } : o,
    );
    const early = (tr: typeof base) =>
      replayTrackRecord(
        {
          projects: tr === base ? [a.days.slice(0, 30)] : [a.days.slice(0, 30)],
          signatures: input.signatures,
          outcomes: tr === base ? input.outcomes : flipped,
        },
        model,
      );
    expect(early(base).horizons).toEqual(early({ ...base }).horizons);
  });

  it('when there are too few labelled forecasts, then the horizon says so', () => {
    const tr = replayTrackRecord({ ...input, projects: [a.days.slice(0, 12)] }, model);
    expect(tr.horizons[1]).toMatchObject({
      sufficient: false,
      labelled: 5,
      reason: 'too few labelled forecasts yet: 5 with a closed 14-day window (30 needed)',
    });
  });

  it('when the work is capped, then evenly spaced days are replayed and no alarms are claimed', () => {
    const tr = replayTrackRecord(input, model, { minLabelled: 30, maxPoints: 40, lookbackDays: 61 });
    expect(tr.stride).toBe(3);
    expect(tr.replayedDays).toBe(40);
    expect(tr.alarms).toBeNull();
  });

  it('when every day is replayed, then the 14-day flag is judged as alarms against the events Keel observed', () => {
    // Project c's health falls below 50 on days 10, 30 and 50 (risk 30 → 60 in blocks of ten).
    const c = project(
      'c',
      Array.from({ length: 60 }, (_, i) => (Math.floor(i / 10) % 2 === 0 ? 30 : 60)),
      5,
    );
    const withC = {
      projects: [...input.projects, c.days],
      signatures: [...input.signatures, ...c.signatures],
      outcomes: [...input.outcomes, ...c.outcomes],
    };
    const tr = replayTrackRecord(withC, model);
    const alarms = tr.alarms;
    expect(alarms?.threshold).toBe(model.atRisk14dThreshold);
    expect(alarms?.rule).toEqual(flagRuleOf(model));
    expect(alarms?.events).toBe(3);
    expect(alarms?.warned).toBeLessThanOrEqual(alarms?.events ?? 0);
    expect(alarms?.borneOut).toBeLessThanOrEqual(alarms?.episodes ?? 0);
    // A model that never flags: the same events, none warned, no alarms raised.
    const plain = { persistDays: 1, meanDays: 1 };
    // The model's flag rule decides (the threshold alone is what a model without a rule uses).
    const never = replayTrackRecord(withC, { ...model, flagRule: { on: 1, ...plain } });
    expect(never.alarms).toMatchObject({ episodes: 0, warned: 0, events: alarms?.events });
    // A model that always flags: one alarm per project, every event warned.
    const always = replayTrackRecord(withC, { ...model, flagRule: { on: 0, ...plain } });
    expect(always.alarms).toMatchObject({ episodes: 3, warned: 3, recall: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { computeRiskForecastsFromInputs } from '../src/kag/forecast/compute.ts';
import {
  type SimilarInput,
  daysElevated,
  forecastFeatures,
  peakAge,
  rampAge,
  similarEventRate,
} from '../src/kag/forecast/features.ts';
import {
  AT_RISK_14D_THRESHOLD,
  type ForecastModel,
  defaultForecastModel,
  predictHorizon,
} from '../src/kag/forecast/model.ts';
import { dataSufficiency } from '../src/kag/forecast/sufficiency.ts';
import { historyDays } from './history-day-builder.ts';

const asOf = new Date('2025-06-30T23:59:59.999Z');
const similar = (n: number, events: number, h: 7 | 14 | 30 = 14): SimilarInput[] =>
  Array.from({ length: n }, (_, i) => ({
    snapshotId: `s${i}`,
    projectId: `p${i}`,
    snapshotDate: '2025-05-01',
    distance: i / 10,
    outcomes: { [h]: i < events },
  }));

/** A small hand-made model: p rises with risk only. */
const toy = (): ForecastModel => {
  const base = defaultForecastModel();
  const h = (baseRate: number) => ({
    intercept: -2,
    coefficients: { risk: 4 },
    scale: { risk: { mean: 0, std: 1 } },
    calibration: { a: 1, b: 0 },
    baseRate,
    riskOnly: { a: 1, b: 0 },
  });
  return { ...base, version: 'toy', terms: ['risk'], horizons: { '7': h(0.1), '14': h(0.2), '30': h(0.3) } };
};

describe('forecast features', () => {
  it.each([
    { risks: [10, 30, 40], n: 2 },
    { risks: [30, 10, 40], n: 1 },
    { risks: [30, 30, 10], n: 0 },
    { risks: [], n: 0 },
  ])('when risks are $risks, then daysElevated is $n', ({ risks, n }) => {
    expect(daysElevated(historyDays(risks))).toBe(n);
  });

  it.each([
    { cases: similar(0, 0), prior: 0.2, rate: 0.2 },
    { cases: similar(8, 8), prior: 0.2, rate: (8 + 0.4) / 10 },
    { cases: similar(8, 0), prior: 0.5, rate: 1 / 10 },
    { cases: similar(8, 8, 30), prior: 0.2, rate: 0.2 },
  ])('when $cases.length similar cases, then the shrunk event rate is $rate', ({ cases, prior, rate }) => {
    expect(similarEventRate(cases, 14, prior)).toBeCloseTo(rate, 9);
  });

  it.each([
    { name: 'flat', risks: [10, 10, 10, 12], age: null },
    { name: 'rising for 3 days', risks: [10, 10, 10, 25, 30, 40], age: 3 },
    { name: 'risen a month ago and stayed', risks: [10, 10, 10, 10, 10, ...Array(30).fill(60)], age: 30 },
    { name: 'rose, fell back', risks: [10, 60, 60, 12], age: null },
  ])('when risk is $name, then the ramp age is $age', ({ risks, age }) => {
    expect(rampAge(historyDays(risks))).toBe(age);
  });

  it.each([
    { risks: [10, 20, 30], age: 0 },
    { risks: [10, 50, 30, 20], age: 2 },
  ])('when risks are $risks, then the 30-day peak is $age days old', ({ risks, age }) => {
    expect(peakAge(historyDays(risks))).toBe(age);
  });

  it('when a project rose a week ago, then the 7–14-day ramp bucket is set and the rise is measured from the floor', () => {
    const f = forecastFeatures(
      historyDays([...Array(20).fill(10), 30, 35, 40, 45, 50, 55, 60, 60]),
      [],
      14,
      0.1,
    );
    expect(f.ramp_7_14).toBe(1);
    expect(f.ramp_0_7).toBe(0);
    expect(f.risk_rise_14d).toBeCloseTo(0.5, 9);
    expect(f.peak_age_30d).toBe(0);
  });
});

describe('dataSufficiency', () => {
  const rules = { minHistoryDays: 28, minEvaluatedDays: 8 };
  it.each([
    { days: historyDays(Array(10).fill(5)), ok: true, reason: null },
    { days: historyDays(Array(3).fill(5)), ok: false, reason: /3 days evaluated/ },
    {
      days: historyDays(Array(10).fill(5), { metrics: { historyDays: 12 } as never }),
      ok: false,
      reason: /12 days of synced history \(28 needed\)/,
    },
    {
      days: historyDays(Array(10).fill(5), { metrics: { historyDays: 0 } as never }),
      ok: false,
      reason: /no messages, issues or deals/,
    },
    { days: [], ok: false, reason: /no messages/ },
  ])('when $days.length days, then sufficient=$ok', ({ days, ok, reason }) => {
    const got = dataSufficiency(days, rules);
    expect(got.sufficient).toBe(ok);
    if (reason) expect(got.reason).toMatch(reason);
    else expect(got.reason).toBeNull();
  });
});

describe('computeRiskForecastsFromInputs', () => {
  it('when history suffices, then one row per horizon with the probability the model gives and its drivers', () => {
    const rows = computeRiskForecastsFromInputs(
      { asOf, history: historyDays([10, 10, 10, 10, 10, 10, 10, 10, 50]), similar: similar(4, 1) },
      toy(),
    );
    expect(rows.map((r) => r.horizonDays)).toEqual([7, 14, 30]);
    for (const r of rows) {
      expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 4 * 0.5))), 4);
      expect(r).toMatchObject({ dataSufficient: true, insufficiencyReason: null, modelVersion: 'toy', asOf });
      expect(r.drivers).toEqual([{ term: 'risk', value: 0.5, coefficient: 4, contribution: 2 }]);
    }
    expect(rows[1]?.similarCases).toHaveLength(4);
    expect(rows[1]?.similarCases.filter((c) => c.riskEvent)).toHaveLength(1);
    // Outcomes were given for 14 days only: the other horizons list no cases.
    expect(rows[0]?.similarCases).toEqual([]);
  });

  it('when history is too short, then the row says so, has no drivers and holds the base rate', () => {
    const rows = computeRiskForecastsFromInputs({ asOf, history: historyDays([90, 90]), similar: [] }, toy());
    expect(rows.map((r) => [r.dataSufficient, r.probability, r.drivers.length])).toEqual([
      [false, 0.1, 0],
      [false, 0.2, 0],
      [false, 0.3, 0],
    ]);
    expect(rows[0]?.insufficiencyReason).toMatch(/not enough history yet: 2 days evaluated/);
  });

  it('when risk rises, then no horizon probability falls (the toy model is monotone)', () => {
    const p = (r: number) =>
      computeRiskForecastsFromInputs({ asOf, history: historyDays(Array(9).fill(r)), similar: [] }, toy());
    const low = p(10);
    const high = p(70);
    for (const [i, row] of low.entries()) expect(high[i]?.probability ?? 0).toBeGreaterThan(row.probability);
  });

  it('when the shipped model is used, then probabilities lie in [0, 1] and the threshold is a probability', () => {
    const rows = computeRiskForecastsFromInputs({
      asOf,
      history: historyDays([0, 5, 10, 20, 30, 40, 50, 60, 70]),
      similar: similar(10, 7),
    });
    for (const r of rows) expect(r.probability).toBeGreaterThanOrEqual(0);
    for (const r of rows) expect(r.probability).toBeLessThanOrEqual(1);
    expect(AT_RISK_14D_THRESHOLD).toBeGreaterThan(0);
    expect(AT_RISK_14D_THRESHOLD).toBeLessThan(1);
  });

  it('when a term is standardised, then its contribution is coefficient × (value − mean) / std', () => {
    const m = toy();
    m.horizons['7'].scale = { risk: { mean: 0.2, std: 0.5 } };
    const { terms } = predictHorizon(m, 7, { risk: 0.7 });
    expect(terms[0]?.contribution).toBeCloseTo(4, 9);
  });

  it.each([
    { value: 100, contribution: 16 },
    { value: -100, contribution: -16 },
  ])(
    'when a term is far outside its training spread ($value), then its z is clipped to ±4',
    ({ value, contribution }) => {
      const m = toy();
      m.horizons['7'].scale = { risk: { mean: 0, std: 0.01 } };
      expect(predictHorizon(m, 7, { risk: value }).terms[0]?.contribution).toBe(contribution);
    },
  );
});

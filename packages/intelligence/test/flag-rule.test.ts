import { describe, expect, it } from 'vitest';
import { type FlagRule, flagSeries, flagToday } from '../src/kag/forecast/flag-rule.ts';
import { defaultForecastModel, flagRuleLookbackDays, flagRuleOf } from '../src/kag/forecast/model.ts';

/** Consecutive days from 2026-03-01 with the given P14s. */
const days = (...p14: number[]) =>
  p14.map((p, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, p14: p }));

const plain: FlagRule = { on: 0.3, persistDays: 1, meanDays: 1 };

describe('the flag rule, day by day', () => {
  it.each([
    ['a plain threshold follows today alone', plain, [0.1, 0.35, 0.2, 0.3], [false, true, false, true]],
    [
      'a rolling mean of 3 days weighs a one-day spike as a third once three days are in',
      { on: 0.3, persistDays: 1, meanDays: 3 },
      [0.1, 0.1, 0.6, 0.1, 0.1],
      [false, false, false, false, false],
    ],
    [
      'a rolling mean of 3 days does not flicker off on one calm day',
      { on: 0.3, persistDays: 1, meanDays: 3 },
      [0.4, 0.4, 0.1, 0.4, 0.1],
      [true, true, true, true, false],
    ],
    [
      'persistence raises the flag on the k-th day in a row at the level',
      { on: 0.3, persistDays: 2, meanDays: 1 },
      [0.4, 0.2, 0.4, 0.4, 0.4, 0.1],
      [false, false, false, true, true, false],
    ],
    [
      'hysteresis keeps a raised flag above the lower level and lowers it below',
      { on: 0.3, off: 0.2, persistDays: 1, meanDays: 1 },
      [0.25, 0.35, 0.25, 0.21, 0.19, 0.25],
      [false, true, true, true, false, false],
    ],
  ] as Array<[string, FlagRule, number[], boolean[]]>)('%s', (_name, rule, p14, expected) => {
    expect(flagSeries(days(...p14), rule)).toEqual(expected);
  });

  it('when a day is missing from the calendar, then the rule starts afresh after the gap', () => {
    const rule: FlagRule = { on: 0.3, off: 0.1, persistDays: 1, meanDays: 3 };
    const series = [
      { date: '2026-03-01', p14: 0.9 },
      { date: '2026-03-02', p14: 0.9 },
      // 03-03 has no forecast: the high days before it no longer count.
      { date: '2026-03-04', p14: 0.2 },
    ];
    expect(flagSeries(series, rule)).toEqual([true, true, false]);
  });

  it('flagToday is the last day of the series; no days, no flag', () => {
    const rule: FlagRule = { on: 0.3, persistDays: 1, meanDays: 3 };
    expect(flagToday(days(0.1, 0.7, 0.1), rule)).toBe(true);
    expect(flagToday(days(0.1, 0.1, 0.7), rule)).toBe(true);
    expect(flagToday(days(0.1, 0.1, 0.5), rule)).toBe(false);
    expect(flagToday([], rule)).toBe(false);
  });

  it('the lookback covers what the rule reads: mean and persistence days, a month under hysteresis', () => {
    expect(flagRuleLookbackDays(plain)).toBe(1);
    expect(flagRuleLookbackDays({ on: 0.3, persistDays: 2, meanDays: 3 })).toBe(4);
    expect(flagRuleLookbackDays({ on: 0.3, off: 0.2, persistDays: 1, meanDays: 1 })).toBe(30);
    // Reading only the lookback gives today's flag of the whole series.
    const rule: FlagRule = { on: 0.3, persistDays: 2, meanDays: 3 };
    const all = days(0.1, 0.5, 0.4, 0.2, 0.6, 0.1, 0.35, 0.3);
    expect(flagToday(all.slice(-flagRuleLookbackDays(rule)), rule)).toBe(flagToday(all, rule));
  });

  it('the shipped model names its rule, and a model without one flags on the threshold alone', () => {
    const model = defaultForecastModel();
    expect(flagRuleOf(model).on).toBe(model.atRisk14dThreshold);
    const { flagRule: _drop, ...older } = model;
    expect(flagRuleOf(older)).toEqual({ on: model.atRisk14dThreshold, persistDays: 1, meanDays: 1 });
  });
});

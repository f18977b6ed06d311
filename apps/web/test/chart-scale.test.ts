import { describe, expect, it } from 'vitest';
import {
  dotsPath,
  labelIndices,
  linePath,
  niceScale,
  niceStep,
  toPercent,
  xPercent,
} from '../src/components/charts/scale.ts';

describe('toPercent', () => {
  it.each([
    [0, [0, 100], 0],
    [25, [0, 100], 25],
    [0.5, [0, 1], 50],
    [0, [-10, 10], 50],
    [7, [7, 7], 50],
  ] as const)('when %s sits on %j, then it is at %s %%', (v, domain, expected) => {
    expect(toPercent(v, domain)).toBe(expected);
  });
});

describe('niceStep and niceScale', () => {
  it.each([
    [10, 4, 2.5],
    [100, 4, 25],
    [7, 4, 2],
    [1, 4, 0.25],
    [3000, 4, 1000],
    [0, 4, 1],
  ])('when the span is %s over %s intervals, then the step is %s', (span, count, expected) => {
    expect(niceStep(span, count)).toBe(expected);
  });

  it('when the values are counts of projects, then the ticks are whole numbers from zero', () => {
    expect(niceScale([3, 7, 5], { integers: true })).toEqual({ domain: [0, 8], ticks: [0, 2, 4, 6, 8] });
  });

  it('when a value is negative, then the domain reaches below zero to a round tick', () => {
    expect(niceScale([-7, 12], { integers: true })).toEqual({
      domain: [-10, 15],
      ticks: [-10, -5, 0, 5, 10, 15],
    });
  });

  it('when the steps are fractions, then the ticks carry no floating-point noise', () => {
    expect(niceScale([0.3]).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('when every value is zero (or there is none), then the domain is 0–1, not empty', () => {
    expect(niceScale([0, 0])).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(niceScale([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe('xPercent', () => {
  it.each([
    [0, 4, true, 12.5],
    [3, 4, true, 87.5],
    [0, 5, false, 0],
    [4, 5, false, 100],
    [0, 1, false, 50],
  ])('when category %s of %s (bars: %s), then it sits at %s %%', (i, n, banded, expected) => {
    expect(xPercent(i, n, banded)).toBe(expected);
  });
});

describe('linePath and dotsPath', () => {
  it('when a day has no value, then the line breaks there instead of dropping to zero', () => {
    expect(linePath([50, 100, null, 0, 25], [0, 100])).toBe('M0 50 L25 0 M75 100 L100 75');
  });

  it('when the chart has bars, then the points sit in the middle of their bands', () => {
    expect(linePath([0, 100], [0, 100], true)).toBe('M25 100 L75 0');
  });

  it('when there is no value at all, then the path is empty', () => {
    expect(linePath([null, null], [0, 1])).toBe('');
  });

  it('when dots are drawn, then each value is a zero-length segment and gaps have none', () => {
    expect(dotsPath([1, null, 0.5], [0, 1])).toBe('M0 0h0 M100 50h0');
  });
});

describe('labelIndices', () => {
  it.each([
    [0, 6, []],
    [4, 6, [0, 1, 2, 3]],
    [10, 5, [0, 2, 4, 6, 8]],
    [90, 6, [0, 15, 30, 45, 60, 75]],
    [13, 6, [0, 3, 6, 9, 12]],
  ])('when %s labels have room for %s, then %j are printed', (n, max, expected) => {
    expect(labelIndices(n, max)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatCadence,
  formatDuration,
  formatMoney,
  formatRelative,
  formatTrend,
  formatWait,
  humanize,
  initials,
} from '../src/lib/format.ts';

const now = new Date('2026-03-04T12:00:00Z');

describe('formatRelative', () => {
  it.each([
    ['2026-03-04T11:59:50Z', 'just now'],
    // Written after the page's clock last ticked (15 s), or on a server a little ahead.
    ['2026-03-04T12:00:12Z', 'just now'],
    ['2026-03-04T12:00:30Z', 'in a few seconds'],
    ['2026-03-04T11:57:00Z', '3 minutes ago'],
    ['2026-03-04T14:00:00Z', 'in 2 hours'],
    ['2026-03-03T12:00:00Z', 'yesterday'],
    [null, '—'],
    ['not a date', '—'],
  ])('when the time is %s, then it reads "%s"', (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

describe('formatDuration and formatCadence', () => {
  it.each([
    [340, '340 ms'],
    [1234, '1.2 s'],
    [125_000, '2 min 5 s'],
    [null, '—'],
  ])('when a run took %s ms, then it reads "%s"', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([
    [300, 'every 5 min'],
    [3600, 'hourly'],
    [21_600, 'every 6 h'],
    [86_400, 'daily'],
    [604_800, 'every 7 days'],
  ])('when the cadence is %s s, then it reads "%s"', (s, expected) => {
    expect(formatCadence(s)).toBe(expected);
  });
});

describe('humanize and initials', () => {
  it('when given keys and names, then they read as words', () => {
    expect(humanize('job.chatwoot_sync')).toBe('Chatwoot sync');
    expect(humanize('rag_chunks')).toBe('Rag chunks');
    expect(initials('Demo Manager')).toBe('DM');
    expect(initials('')).toBe('?');
  });
});

describe('formatMoney, formatWait and formatTrend', () => {
  it.each([
    [1_250_000, 'USD', '$12,500'],
    [99, 'EUR', '€1'],
    [5000, 'JPY', '¥5,000'],
    [1234, 'XYZ1', '12 XYZ1'],
  ])('when %s minor units of %s, then it reads "%s"', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it.each([
    [0.25, '15 min'],
    [6.4, '6 h'],
    [47, '47 h'],
    [72, '3 d'],
    [null, '—'],
  ])('when a client waited %s hours, then it reads "%s"', (hours, expected) => {
    expect(formatWait(hours)).toBe(expected);
  });

  it.each([
    [3.5, '▲ 3.5'],
    [-2, '▼ 2'],
    [0, '±0'],
    [null, '—'],
  ])('when health moved %s points, then it reads "%s"', (points, expected) => {
    expect(formatTrend(points)).toBe(expected);
  });
});

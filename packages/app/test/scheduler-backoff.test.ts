import { describe, expect, it } from 'vitest';
import { computeNextRunAt, computeRetryDelayMs, isDead } from '../src/scheduler/backoff.ts';
import { pauseBeforeNextTick } from '../src/scheduler/worker-loop.ts';

const at = (s: string) => new Date(`2026-03-02T${s}Z`);

describe('computeNextRunAt', () => {
  it.each([
    [
      'when the run finished before the next slot, then the next slot follows the due time',
      '09:00:00',
      '09:03:00',
      '09:15:00',
    ],
    [
      'when the run finished after several missed slots, then only the next future slot is used',
      '09:00:00',
      '09:47:00',
      '10:00:00',
    ],
    [
      'when the run finished exactly on a slot, then the slot after it is used',
      '09:00:00',
      '09:15:00',
      '09:30:00',
    ],
    [
      'when a manual run happened before the due time, then the next slot is one cadence after it',
      '09:00:00',
      '08:50:00',
      '09:15:00',
    ],
  ])('%s', (_name, due, now, expected) => {
    expect(computeNextRunAt(at(due), 900, at(now)).toISOString()).toBe(at(expected).toISOString());
  });
});

describe('computeRetryDelayMs', () => {
  const policy = { baseMs: 1000, capMs: 10_000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [3, 0, 2000],
    [4, 1, 8000],
    [5, 1, 10_000],
    [50, 0, 5000],
  ])('when failure %i with random %d, then the delay is %i ms', (failures, random, expected) => {
    expect(computeRetryDelayMs(failures, policy, () => random)).toBe(expected);
  });

  it('when many jobs fail together, then their retries spread between half and all of the ceiling', () => {
    const delays = Array.from({ length: 200 }, (_, i) => computeRetryDelayMs(3, policy, () => i / 199));
    expect(Math.min(...delays)).toBe(2000);
    expect(Math.max(...delays)).toBe(4000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});

describe('isDead', () => {
  it.each([
    [7, 8, false],
    [8, 8, true],
    [9, 8, true],
  ])('when %i failures against a limit of %i, then dead is %s', (failures, max, dead) => {
    expect(isDead(failures, max)).toBe(dead);
  });
});

describe('pauseBeforeNextTick', () => {
  const now = at('09:00:00');
  it.each([
    ['when nothing is scheduled, then the worker sleeps a whole interval', null, 60_000],
    ['when a job fell due during the tick, then the worker ticks after the floor', at('08:59:59'), 1_000],
    ['when the next job is due in 20 s, then the worker sleeps 20 s', at('09:00:20'), 20_000],
    [
      'when the next job is due in an hour, then the worker still ticks after an interval',
      at('10:00:00'),
      60_000,
    ],
  ])('%s', (_name, next, expected) => {
    expect(pauseBeforeNextTick(next, now, 60_000, 1_000)).toBe(expected);
  });
});

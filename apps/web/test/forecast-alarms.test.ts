import { describe, expect, it } from 'vitest';
import { alarmSentence } from '../src/components/forecast/model';

const alarms = (over: Partial<NonNullable<Parameters<typeof alarmSentence>[0]>> = {}) => ({
  threshold: 0.15,
  episodes: 12,
  borneOut: 8,
  precision: 8 / 12,
  events: 13,
  warned: 9,
  recall: 9 / 13,
  medianLeadDays: 6.4,
  ...over,
});

describe('alarmSentence', () => {
  it.each([
    {
      name: 'alarms and events',
      in: alarms(),
      want: 'The at-risk flag was raised 12 times here; 8 were followed by a risk event within 14 days. It flagged 9 of 13 risk events beforehand, a median 6 days ahead.',
    },
    {
      name: 'one alarm, no event to warn of',
      in: alarms({ episodes: 1, borneOut: 0, events: 0, warned: 0, medianLeadDays: null }),
      want: 'The at-risk flag was raised once here; 0 were followed by a risk event within 14 days.',
    },
    {
      name: 'events but no alarm',
      in: alarms({ episodes: 0, borneOut: 0, events: 3, warned: 0, medianLeadDays: null }),
      want: 'The at-risk flag has not been raised here yet. It flagged 0 of 3 risk events beforehand.',
    },
    { name: 'nothing to say', in: alarms({ episodes: 0, borneOut: 0, events: 0, warned: 0 }), want: null },
    { name: 'sampled replay (no alarms)', in: null, want: null },
  ])('$name', ({ in: input, want }) => {
    expect(alarmSentence(input)).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import { alarmSentence, flagRuleSentence } from '../src/components/forecast/model';

const alarms = (over: Partial<NonNullable<Parameters<typeof alarmSentence>[0]>> = {}) => ({
  threshold: 0.15,
  rule: { on: 0.15, persistDays: 1, meanDays: 1 },
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

describe('flagRuleSentence', () => {
  it.each([
    {
      name: "today's chance alone",
      rule: { on: 0.27, persistDays: 1, meanDays: 1 },
      want: 'Keel raises the at-risk flag when the 14-day chance reaches 27 % or more.',
    },
    {
      name: 'a rolling mean',
      rule: { on: 0.24, persistDays: 1, meanDays: 3 },
      want: 'Keel raises the at-risk flag when the 14-day chance averages 24 % or more over 3 days.',
    },
    {
      name: 'persistence and hysteresis',
      rule: { on: 0.3, off: 0.2, persistDays: 2, meanDays: 1 },
      want: 'Keel raises the at-risk flag when the 14-day chance reaches 30 % or more for 2 days in a row and keeps it while the chance stays at 20 % or more.',
    },
  ])('$name', ({ rule, want }) => {
    expect(flagRuleSentence(rule)).toBe(want);
  });

  it('without a rule (an older server), then no sentence', () => {
    expect(flagRuleSentence(undefined)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { type FlagDay, flagEpisodeQuality } from '../src/kag/forecast/flag-episodes.ts';

/** Days from 2025-06-01 on: `F` flagged, `.` not; `+` marks a positive (labelled) day, either way. */
function days(pattern: string, positive: string = ''): FlagDay[] {
  return [...pattern].map((c, i) => ({
    date: new Date(Date.UTC(2025, 5, 1 + i)).toISOString().slice(0, 10),
    flagged: c === 'F',
    positive: positive[i] === '+',
  }));
}
/** An event at noon of 2025-06-(1 + dayOffset). */
const eventOn = (dayOffset: number) => new Date(Date.UTC(2025, 5, 1 + dayOffset, 12)).toISOString();

describe('flagEpisodeQuality', () => {
  it.each([
    {
      name: 'one alarm held for days before its event: one episode, borne out, event warned',
      project: { days: days('..FFFF....', '..++++....'), events: [eventOn(6)] },
      want: { episodes: 1, borneOut: 1, events: 1, warned: 1, medianLeadDays: 3.5 },
    },
    {
      name: 'a flag that flickers off and on counts two alarms',
      project: { days: days('.F.F......', '..........'), events: [] },
      want: { episodes: 2, borneOut: 0, events: 0, warned: 0, medianLeadDays: null },
    },
    {
      name: 'an event with no flag in its window is missed',
      project: { days: days('F.........', '.....++++.'), events: [eventOn(9)] },
      want: { episodes: 1, borneOut: 0, events: 1, warned: 0, medianLeadDays: null },
    },
    {
      name: 'an event before the scored days is left out',
      project: { days: days('..........'), events: ['2025-05-01T00:00:00.000Z'] },
      want: { episodes: 0, borneOut: 0, events: 0, warned: 0, medianLeadDays: null },
    },
    {
      name: 'two events after one alarm are both warned of',
      project: { days: days('FF........', '+++.......'), events: [eventOn(2), eventOn(3)] },
      want: { episodes: 1, borneOut: 1, events: 2, warned: 2, medianLeadDays: 2 },
    },
  ])('$name', ({ project, want }) => {
    const q = flagEpisodeQuality([project], 4);
    expect(q).toMatchObject(want);
  });

  it('a gap in the calendar ends an episode even when both sides are flagged', () => {
    const d = days('FF', '');
    const later: FlagDay = { date: '2025-06-10', flagged: true, positive: false };
    expect(flagEpisodeQuality([{ days: [...d, later], events: [] }], 14).episodes).toBe(2);
  });

  it('pools projects: precision and recall over every alarm and every event', () => {
    const q = flagEpisodeQuality(
      [
        { days: days('..FF......', '..++......'), events: [eventOn(4)] },
        { days: days('FF......F.', '..........'), events: [] },
        { days: days('..........', '......++++'), events: [eventOn(10)] },
      ],
      4,
    );
    expect(q).toMatchObject({ episodes: 3, borneOut: 1, events: 2, warned: 1 });
    expect(q.precision).toBeCloseTo(1 / 3);
    expect(q.recall).toBe(0.5);
  });
});

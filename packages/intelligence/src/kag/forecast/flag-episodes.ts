/**
 * The "at risk" flag judged as its users meet it: not day by day, but as alarms. A flag that
 * turns on and stays on for ten days is one alarm; what a project manager asks of it is whether
 * the alarm was followed by a risk event, and whether each risk event was preceded by an alarm.
 * Customer-success teams backtest a red health flag this way (per flag raised, per churn or
 * escalation), which is why the day-by-day figures are reported beside these, not instead.
 *
 * - An **episode** is a run of consecutive flagged days of one project. It is **borne out** when
 *   a risk event follows one of its days within the horizon, i.e. an event falls in
 *   (first day, last day + horizon] — equivalently, one of its days is labelled positive.
 * - An **event** is **warned of** when the flag was on for at least one day d with
 *   d < event ≤ d + horizon. Events no scored day could have warned of (before the scored
 *   period, or with no labelled day in the window) are left out.
 * - **Lead**: for a warned event, days from the first flagged day of its window to the event.
 * Pure: rows in, figures out.
 */
import { DAY_MS, median } from '../math.ts';

export type FlagDay = {
  /** YYYY-MM-DD (UTC); the day's forecast was made at its end. */
  date: string;
  flagged: boolean;
  /** A risk event within the horizon after the day (the day's label). */
  positive: boolean;
};

export type FlagProject = {
  /** The project's scored days, oldest first. */
  days: readonly FlagDay[];
  /** Instants (ISO) of the project's risk events. */
  events: readonly string[];
};

export type FlagEpisodeQuality = {
  episodes: number;
  borneOut: number;
  /** borneOut / episodes; null without episodes. */
  precision: number | null;
  events: number;
  warned: number;
  /** warned / events; null without events. */
  recall: number | null;
  /** Median lead of warned events, in days; null when none was warned. */
  medianLeadDays: number | null;
};

const endOfDay = (date: string): number => Date.parse(`${date}T23:59:59.999Z`);
const dayIndex = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);

export function flagEpisodeQuality(
  projects: readonly FlagProject[],
  horizonDays: number,
): FlagEpisodeQuality {
  let episodes = 0;
  let borneOut = 0;
  let events = 0;
  let warned = 0;
  const leads: number[] = [];
  for (const p of projects) {
    // Episodes: runs of flagged days with no gap in the calendar.
    let open = false;
    let openTrue = false;
    let previous: number | null = null;
    const close = () => {
      if (!open) return;
      episodes += 1;
      if (openTrue) borneOut += 1;
      open = false;
      openTrue = false;
    };
    for (const d of p.days) {
      const i = dayIndex(d.date);
      if (previous !== null && i !== previous + 1) close();
      previous = i;
      if (!d.flagged) {
        close();
        continue;
      }
      open = true;
      openTrue ||= d.positive;
    }
    close();
    // Events: warned when a flagged day's window holds them.
    for (const e of p.events) {
      const at = Date.parse(e);
      const window = p.days.filter((d) => {
        const end = endOfDay(d.date);
        return end < at && at <= end + horizonDays * DAY_MS;
      });
      if (window.length === 0) continue;
      events += 1;
      const first = window.find((d) => d.flagged);
      if (!first) continue;
      warned += 1;
      leads.push(Math.round(((at - endOfDay(first.date)) / DAY_MS) * 10) / 10);
    }
  }
  return {
    episodes,
    borneOut,
    precision: episodes ? borneOut / episodes : null,
    events,
    warned,
    recall: events ? warned / events : null,
    medianLeadDays: median(leads),
  };
}

/**
 * How the 14-day "at risk" flag follows a project's forecasts from day to day. A plain
 * threshold on today's P14 flickers around its level — on, off, on again — and every flicker
 * is one more alarm a manager reads; so the rule may ask for the level to hold several days
 * (`persistDays`), keep a raised flag while P14 stays above a lower level (`off`, hysteresis),
 * or judge a short rolling mean (`meanDays`). The rule in use lives in the model file
 * (`flagRule`), chosen on the validation seeds by `pnpm bench flag-rules`.
 * Pure: a project's days oldest first in, one flag per day out. A gap in the calendar (a day
 * without a forecast) starts afresh, as a flag cannot be carried across days nobody judged.
 */
import { DAY_MS } from '../math.ts';

export type FlagRule = {
  /** P14 (averaged over `meanDays`) at or above which the flag is raised. */
  on: number;
  /** Once raised, the flag stays while the averaged P14 is at or above this (≤ on); absent: lowered below `on`. */
  off?: number | undefined;
  /** Days in a row at or above `on` before the flag is raised (1 = at once). */
  persistDays: number;
  /** Days the rule averages P14 over (1 = today's alone). */
  meanDays: number;
};

export type FlagRuleDay = { date: string; p14: number };

const dayIndex = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);

export function flagSeries(days: readonly FlagRuleDay[], rule: FlagRule): boolean[] {
  const flags: boolean[] = [];
  let runStart = 0;
  let above = 0;
  let flagged = false;
  for (let i = 0; i < days.length; i += 1) {
    const day = days[i] as FlagRuleDay;
    const previous = days[i - 1];
    if (previous && dayIndex(day.date) !== dayIndex(previous.date) + 1) {
      runStart = i;
      above = 0;
      flagged = false;
    }
    const from = Math.max(runStart, i - rule.meanDays + 1);
    let sum = 0;
    for (let j = from; j <= i; j += 1) sum += (days[j] as FlagRuleDay).p14;
    const value = sum / (i - from + 1);
    above = value >= rule.on ? above + 1 : 0;
    flagged = above >= rule.persistDays || (flagged && rule.off !== undefined && value >= rule.off);
    flags.push(flagged);
  }
  return flags;
}

/** Today's flag from the days up to and including today (the last element). */
export function flagToday(days: readonly FlagRuleDay[], rule: FlagRule): boolean {
  return flagSeries(days, rule).at(-1) ?? false;
}

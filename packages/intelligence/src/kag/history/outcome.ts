import { KAG_CONFIG } from '../config.ts';
import { DAY_MS } from '../math.ts';
import type { DayEvaluation } from './day.ts';

/**
 * What Keel calls a risk event, from data it can observe (no hidden answers): on some day the
 * project *enters* one of these states, having not been in it the day before —
 *   health_below_50  health falls below 50;
 *   escalation       an escalation_language signal of severity ≥ 0.8 appears;
 *   deal_lost        a deal is lost;
 *   went_silent      the client has not written for `no_recent_contact.days` days.
 * Entering, not being: a project that has been red for a month had its event when it turned
 * red, so a chronically red project does not label every later day as "an event followed".
 */
export const RISK_EVENT_KINDS = ['health_below_50', 'escalation', 'deal_lost', 'went_silent'] as const;
export type RiskEventKind = (typeof RISK_EVENT_KINDS)[number];

export const RISK_EVENT_RULES = {
  healthBelow: 50,
  escalationSeverity: 0.8,
  silentDays: KAG_CONFIG.signals.no_recent_contact.days,
} as const;

export type OutcomeDay = Pick<DayEvaluation, 'date' | 'health' | 'signals' | 'metrics'>;

/** The events that start on `day`, given the day before (null when there is none). */
export function riskEventsOn(day: OutcomeDay, previous: OutcomeDay | null): RiskEventKind[] {
  const out: RiskEventKind[] = [];
  const escalated = (d: OutcomeDay) =>
    (d.signals.escalation_language?.severity ?? 0) >= RISK_EVENT_RULES.escalationSeverity;
  const silent = (d: OutcomeDay) =>
    d.metrics.daysSinceClientMessage !== null &&
    d.metrics.daysSinceClientMessage >= RISK_EVENT_RULES.silentDays;
  if (
    day.health < RISK_EVENT_RULES.healthBelow &&
    (!previous || previous.health >= RISK_EVENT_RULES.healthBelow)
  )
    out.push('health_below_50');
  if (escalated(day) && (!previous || !escalated(previous))) out.push('escalation');
  if (previous && day.metrics.lostDealsTotal > previous.metrics.lostDealsTotal) out.push('deal_lost');
  if (silent(day) && previous && !silent(previous)) out.push('went_silent');
  return out;
}

export type CaseOutcome = {
  horizonDays: number;
  windowStart: string;
  windowEnd: string;
  riskEvent: boolean;
  eventKind: RiskEventKind | null;
  /** The day the first event started (end of that day, UTC). */
  eventAt: Date | null;
};

const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * Labels the day `days[index]` for a horizon once its window (the next `horizonDays` days) has
 * closed: null while `today` is inside the window or a day of it is missing, since "nothing
 * happened" cannot be told from "not looked at yet". `days` are consecutive and ascending.
 */
export function labelOutcome(
  days: readonly OutcomeDay[],
  index: number,
  horizonDays: number,
  today: string,
): CaseOutcome | null {
  const start = days[index];
  if (!start) return null;
  const windowEnd = addDays(start.date, horizonDays);
  if (windowEnd >= today) return null;
  let previous: OutcomeDay = start;
  for (let k = 1; k <= horizonDays; k++) {
    const day = days[index + k];
    if (!day || day.date !== addDays(start.date, k)) return null;
    const kinds = riskEventsOn(day, previous);
    const kind = kinds[0];
    if (kind)
      return {
        horizonDays,
        windowStart: start.date,
        windowEnd,
        riskEvent: true,
        eventKind: kind,
        eventAt: new Date(Date.parse(`${day.date}T23:59:59.999Z`)),
      };
    previous = day;
  }
  return {
    horizonDays,
    windowStart: start.date,
    windowEnd,
    riskEvent: false,
    eventKind: null,
    eventAt: null,
  };
}

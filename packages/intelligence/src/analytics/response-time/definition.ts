import { safeTimezone } from '../../kag/business-hours.ts';
import { KAG_CONFIG } from '../../kag/config.ts';

/**
 * What a response time means, returned with every number (GET /analytics/overview, the comms
 * snapshot's `details.definition`) so a figure can be checked by hand. Bump `version` when a
 * rule here changes: stored rows keep the version they were computed with.
 */
export const RESPONSE_TIME_VERSION = 'response-time-v1';

/**
 * The default target is the threshold `client_waiting` fires at (4 business hours): a client
 * whose message misses the SLA is exactly a client the signal calls waiting — one rule.
 */
export const DEFAULT_SLA_TARGET_MINUTES = KAG_CONFIG.signals.client_waiting.minBusinessHours * 60;

export type BusinessHoursDefinition = {
  timezone: string;
  /** 0 = Sunday … 6 = Saturday, in the project's timezone. */
  days: number[];
  startHour: number;
  endHour: number;
  source: 'project' | 'default';
};

export type ResponseTimeDefinition = {
  version: string;
  unit: 'business_minutes';
  counts: string;
  excluded: string[];
  businessHours: BusinessHoursDefinition;
  target: { minutes: number; source: 'project' | 'default' };
  pauseRule: string;
  reopenRule: string;
  firstResponse: string;
  nextResponse: string;
  sla: string;
  percentiles: string;
};

/** Project settings the definition reads (all optional): `timezone`, `businessHours`, `slaTargetMinutes`. */
export type ResponseTimeSettings = {
  timezone?: unknown;
  businessHours?: unknown;
  slaTargetMinutes?: unknown;
};

const isHour = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 24;

function projectHours(v: unknown): Omit<BusinessHoursDefinition, 'timezone' | 'source'> | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const days = Array.isArray(o.days)
    ? o.days.filter((d): d is number => Number.isInteger(d) && d >= 0 && d <= 6)
    : null;
  if (!isHour(o.startHour) || !isHour(o.endHour) || o.endHour <= o.startHour || !days || days.length === 0)
    return null;
  return { days: [...new Set(days)].sort(), startHour: o.startHour, endHour: o.endHour };
}

export function responseTimeDefinition(settings: ResponseTimeSettings = {}): ResponseTimeDefinition {
  const tz = typeof settings.timezone === 'string' ? settings.timezone : null;
  const hours = projectHours(settings.businessHours);
  const d = KAG_CONFIG.businessHours;
  const target =
    typeof settings.slaTargetMinutes === 'number' && settings.slaTargetMinutes > 0
      ? { minutes: settings.slaTargetMinutes, source: 'project' as const }
      : { minutes: DEFAULT_SLA_TARGET_MINUTES, source: 'default' as const };
  return {
    version: RESPONSE_TIME_VERSION,
    unit: 'business_minutes',
    counts:
      'A response is the first public outgoing message sent by a human agent (Chatwoot sender type "user") after a client message.',
    excluded: [
      'agent bot replies (sender type agent_bot) — they do not stop the clock',
      'automation and system messages (outgoing with no sender, or content_attributes.automation_rule_id)',
      'private notes (private = true)',
      'activity and template messages',
    ],
    businessHours: {
      timezone: safeTimezone(tz ?? d.defaultTimezone),
      days: hours?.days ?? [...d.days],
      startHour: hours?.startHour ?? d.startHour,
      endHour: hours?.endHour ?? d.endHour,
      source: hours || tz ? 'project' : 'default',
    },
    target,
    pauseRule:
      'The clock runs only while a client message waits for a human reply; it is paused while the conversation is pending or snoozed (from the status activity until the next client message or reopen). After an agent reply nothing is owed until the client writes again.',
    reopenRule:
      'A conversation reopened after being resolved (a reopen activity, or a client message after resolution) starts a new first-response clock.',
    firstResponse:
      'From the first client message of a conversation (or of a reopened one) to the first human agent reply.',
    nextResponse:
      'From the first client message after a human agent reply to the next human agent reply, within the same open conversation.',
    sla: 'Share of client messages whose own wait (from that message to the next human reply) is within the target. Messages still unanswered count as missed once they have waited longer than the target, and are not counted before that; runs resolved without any reply are not counted.',
    percentiles: 'Nearest rank: the p-th percentile of n values is the ⌈p·n⌉-th smallest.',
  };
}

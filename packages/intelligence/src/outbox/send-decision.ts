import { safeTimezone } from '../kag/business-hours.ts';
import { escalationTerms, sentimentScore } from '../kag/lexicon.ts';

/**
 * Whether an approved outbound message may go out now — the outbox's compliance rules as one
 * pure function (seed: outbox.js). Order matters and is what the screen explains:
 * not approved or opted out → blocked (never sent); frequency cap, quiet hours, a negative or
 * escalating contact → held (retried at `until`).
 */
export type SendDecision =
  | { kind: 'allowed' }
  | { kind: 'held'; reason: HoldReason; detail: string; until: Date }
  | { kind: 'blocked'; reason: BlockReason; detail: string };

export type HoldReason = 'frequency_cap' | 'quiet_hours' | 'negative_sentiment';
export type BlockReason = 'not_approved' | 'opted_out';

export type DecisionMessage = {
  status: string;
  approvedAt: Date | null;
  channel: string;
  contactRef: string;
};

/** The contact's policy for the message's channel; null when none was ever set. */
export type DecisionPolicy = {
  optedOut: boolean;
  optOutReason: string | null;
  maxMessagesPerWindow: number | null;
  windowHours: number | null;
  quietHoursStartMinute: number | null;
  quietHoursEndMinute: number | null;
  timezone: string | null;
} | null;

/** What the contact saw from us (`outbound`, sent) and wrote to us (`incoming`) lately. */
export type RecentMessage = { kind: 'outbound' | 'incoming'; at: Date; text?: string | null };

export type SendConfig = {
  /** Caps applied together; a policy's own window replaces the first. */
  caps: readonly { max: number; windowHours: number }[];
  /** Default quiet hours, minutes after local midnight (start > end crosses midnight). */
  quietHours: { startMinute: number; endMinute: number } | null;
  /** The project's timezone, used when the policy names none. */
  timezone: string;
  /** Incoming messages younger than this are read for the sentiment hold. */
  sentimentWindowHours: number;
  /** The last N incoming messages in the window are averaged. */
  sentimentMessages: number;
  /** Mean lexicon score at or below this holds the send. */
  negativeThreshold: number;
  /** How long a sentiment hold lasts before it is looked at again. */
  sentimentRecheckMinutes: number;
};

export const DEFAULT_SEND_CONFIG: SendConfig = {
  caps: [
    { max: 3, windowHours: 24 },
    { max: 10, windowHours: 24 * 7 },
  ],
  quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 },
  timezone: 'UTC',
  sentimentWindowHours: 72,
  sentimentMessages: 5,
  negativeThreshold: -0.25,
  sentimentRecheckMinutes: 60,
};

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export function sendDecision(
  message: DecisionMessage,
  policy: DecisionPolicy,
  recentMessages: readonly RecentMessage[],
  now: Date,
  config: SendConfig = DEFAULT_SEND_CONFIG,
): SendDecision {
  if (message.approvedAt === null || !['approved', 'sending'].includes(message.status)) {
    return { kind: 'blocked', reason: 'not_approved', detail: 'Nothing is sent without an approval.' };
  }
  if (policy?.optedOut) {
    const why = policy.optOutReason ? `: ${policy.optOutReason}` : '';
    return {
      kind: 'blocked',
      reason: 'opted_out',
      detail: `The contact opted out of ${message.channel}${why}.`,
    };
  }
  const cap = frequencyHold(policy, recentMessages, now, config);
  if (cap) return cap;
  const quiet = quietHoursHold(policy, now, config);
  if (quiet) return quiet;
  return sentimentHold(recentMessages, now, config);
}

function caps(policy: DecisionPolicy, config: SendConfig): { max: number; windowHours: number }[] {
  if (policy?.maxMessagesPerWindow != null && policy.windowHours != null) {
    return [{ max: policy.maxMessagesPerWindow, windowHours: policy.windowHours }, ...config.caps.slice(1)];
  }
  return [...config.caps];
}

function frequencyHold(
  policy: DecisionPolicy,
  recent: readonly RecentMessage[],
  now: Date,
  config: SendConfig,
): SendDecision | null {
  const sent = recent
    .filter((m) => m.kind === 'outbound' && m.at.getTime() <= now.getTime())
    .map((m) => m.at.getTime())
    .sort((a, b) => b - a);
  for (const cap of caps(policy, config)) {
    const since = now.getTime() - cap.windowHours * HOUR_MS;
    const inWindow = sent.filter((t) => t > since);
    if (inWindow.length >= cap.max) {
      // Free again when the oldest message that keeps the count at the cap leaves the window.
      const oldest = inWindow[cap.max - 1] ?? inWindow[inWindow.length - 1] ?? now.getTime();
      return {
        kind: 'held',
        reason: 'frequency_cap',
        detail: `${inWindow.length} messages in the last ${cap.windowHours} h (cap ${cap.max}).`,
        until: new Date(oldest + cap.windowHours * HOUR_MS + 1),
      };
    }
  }
  return null;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight in `timezone`. */
export function localMinute(at: Date, timezone: string): number {
  let f = clocks.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timezone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return get('hour') * 60 + get('minute');
}

function inQuietWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function quietHoursHold(policy: DecisionPolicy, now: Date, config: SendConfig): SendDecision | null {
  const start = policy?.quietHoursStartMinute ?? config.quietHours?.startMinute;
  const end = policy?.quietHoursEndMinute ?? config.quietHours?.endMinute;
  if (start == null || end == null) return null;
  const timezone = safeTimezone(policy?.timezone ?? config.timezone);
  const minute = localMinute(now, timezone);
  if (!inQuietWindow(minute, start, end)) return null;
  // Walk forward minute by minute (DST-safe) to the end of the window; at most a day.
  let t = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let i = 0; i < 24 * 60 + 60; i++) {
    t += MINUTE_MS;
    if (!inQuietWindow(localMinute(new Date(t), timezone), start, end)) break;
  }
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    kind: 'held',
    reason: 'quiet_hours',
    detail: `Quiet hours ${hhmm(start)}–${hhmm(end)} in ${timezone}.`,
    until: new Date(t),
  };
}

function sentimentHold(recent: readonly RecentMessage[], now: Date, config: SendConfig): SendDecision {
  const since = now.getTime() - config.sentimentWindowHours * HOUR_MS;
  const incoming = recent
    .filter(
      (m) => m.kind === 'incoming' && m.text && m.at.getTime() > since && m.at.getTime() <= now.getTime(),
    )
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, config.sentimentMessages);
  if (incoming.length === 0) return { kind: 'allowed' };
  const terms = [...new Set(incoming.flatMap((m) => escalationTerms(m.text ?? '')))];
  const scored = incoming.map((m) => sentimentScore(m.text ?? '')).filter((s) => s.matched > 0);
  const mean = scored.length === 0 ? 0 : scored.reduce((s, x) => s + x.score, 0) / scored.length;
  if (terms.length === 0 && mean > config.negativeThreshold) return { kind: 'allowed' };
  const detail =
    terms.length > 0
      ? `The contact is escalating (${terms.slice(0, 3).join(', ')}); a person should reply first.`
      : `The contact's recent messages are negative (score ${mean.toFixed(2)}); a person should reply first.`;
  return {
    kind: 'held',
    reason: 'negative_sentiment',
    detail,
    until: new Date(now.getTime() + config.sentimentRecheckMinutes * MINUTE_MS),
  };
}

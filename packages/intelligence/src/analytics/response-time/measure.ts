import type { BusinessCalendar } from '../../kag/business-hours.ts';
import { businessMinutesBetween, type OpenAt, openCalendar } from './business-minutes.ts';
import { classifyMessage, type RtEvent, type RtMessage } from './classify.ts';
import type { ResponseTimeDefinition } from './definition.ts';

/**
 * Response clocks per client message, from one conversation's messages. Pure: rows in, results
 * out, `asOf` injected; nothing after `asOf` is read. The rules are written in definition.ts and
 * travel with every number.
 */
export type ClientMessageResult = {
  messageId: string;
  conversationId: string;
  at: Date;
  /** First client message of a (re)opened conversation / of a run after an agent reply. */
  clock: 'first' | 'next' | null;
  /** Business minutes from this message to the reply (or to `asOf`), pauses removed. */
  waitMinutes: number;
  repliedAt: Date | null;
  replyId: string | null;
  /** `met` / `missed` count in the SLA; `pending` (unanswered, still within target) and `resolved_without_reply` do not. */
  sla: 'met' | 'missed' | 'pending' | 'resolved_without_reply';
};

export type ResponseTimeSummary = {
  clientMessages: number;
  firstResponses: number;
  nextResponses: number;
  firstResponseP50Minutes: number | null;
  firstResponseP90Minutes: number | null;
  nextResponseP50Minutes: number | null;
  nextResponseP90Minutes: number | null;
  sla: { met: number; missed: number; pending: number; counted: number; compliance: number | null };
  ignored: Record<string, number>;
};

type Interval = { from: number; to: number };

const calendarOf = (def: ResponseTimeDefinition): BusinessCalendar => ({
  timezone: def.businessHours.timezone,
  days: def.businessHours.days,
  startHour: def.businessHours.startHour,
  endHour: def.businessHours.endHour,
});

/** Business minutes of [from, to] outside the pauses. */
function activeMinutes(from: number, to: number, pauses: readonly Interval[], open: OpenAt): number {
  let total = 0;
  let t = from;
  for (const p of pauses) {
    if (p.to <= t || p.from >= to) continue;
    if (p.from > t) total += businessMinutesBetween(t, p.from, open);
    t = Math.max(t, p.to);
  }
  if (to > t) total += businessMinutesBetween(t, to, open);
  return Math.round(total * 1000) / 1000;
}

/** Walks one conversation's events in time order. */
function measureConversation(
  events: readonly RtEvent[],
  asOf: Date,
  def: ResponseTimeDefinition,
  cal: OpenAt,
): ClientMessageResult[] {
  const end = asOf.getTime();
  const pauses: Interval[] = [];
  let pausedAt: number | null = null;
  let status: 'open' | 'resolved' = 'open';
  let episodeHasClient = false;
  let waiting: Array<{ id: string; at: number; clock: 'first' | 'next' | null }> = [];
  const out: ClientMessageResult[] = [];

  const closePause = (t: number) => {
    if (pausedAt !== null) pauses.push({ from: pausedAt, to: t });
    pausedAt = null;
  };
  const settle = (replyAt: number | null, replyId: string | null, resolved: boolean) => {
    for (const w of waiting) {
      const stop = replyAt ?? end;
      // A pause still running when the clock stops counts up to that instant.
      const open = pausedAt === null ? [] : [{ from: pausedAt, to: stop }];
      const wait = activeMinutes(w.at, stop, [...pauses, ...open], cal);
      const sla: ClientMessageResult['sla'] = resolved
        ? 'resolved_without_reply'
        : replyAt !== null
          ? wait <= def.target.minutes
            ? 'met'
            : 'missed'
          : wait > def.target.minutes
            ? 'missed'
            : 'pending';
      out.push({
        messageId: w.id,
        conversationId: '',
        at: new Date(w.at),
        clock: resolved ? null : w.clock,
        waitMinutes: wait,
        repliedAt: replyAt === null ? null : new Date(replyAt),
        replyId,
        sla,
      });
    }
    waiting = [];
  };

  for (const e of events) {
    const t = e.at.getTime();
    if (t > end) break;
    if (e.kind === 'ignored') continue;
    if (e.kind === 'status') {
      if (e.status === 'resolved') {
        settle(null, null, true);
        closePause(t);
        status = 'resolved';
      } else if (e.status === 'open') {
        closePause(t);
        if (status === 'resolved') episodeHasClient = false;
        status = 'open';
      } else if (pausedAt === null) {
        pausedAt = t;
      }
      continue;
    }
    if (e.kind === 'client') {
      // A client writing ends a pending/snoozed pause and reopens a resolved conversation.
      closePause(t);
      if (status === 'resolved') {
        status = 'open';
        episodeHasClient = false;
      }
      const clock = waiting.length > 0 ? null : episodeHasClient ? 'next' : 'first';
      waiting.push({ id: e.id, at: t, clock });
      episodeHasClient = true;
      continue;
    }
    // A human reply stops every waiting client message's clock.
    settle(t, e.id, false);
  }
  settle(null, null, false);
  return out;
}

/** Nearest rank percentile (⌈p·n⌉-th smallest); null for no values. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1;
  return s[idx] ?? null;
}

export function measureResponseTimes(
  messages: readonly RtMessage[],
  asOf: Date,
  def: ResponseTimeDefinition,
): { results: ClientMessageResult[]; ignored: Record<string, number> } {
  const cal = openCalendar(calendarOf(def));
  const byConversation = new Map<string, RtEvent[]>();
  const ignored: Record<string, number> = {};
  const sorted = [...messages]
    .filter((m) => m.at.getTime() <= asOf.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  for (const m of sorted) {
    const e = classifyMessage(m);
    if (e.kind === 'ignored') ignored[e.reason] = (ignored[e.reason] ?? 0) + 1;
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(e);
    byConversation.set(m.conversationId, list);
  }
  const results: ClientMessageResult[] = [];
  for (const [conversationId, events] of byConversation)
    for (const r of measureConversation(events, asOf, def, cal)) results.push({ ...r, conversationId });
  results.sort((a, b) => a.at.getTime() - b.at.getTime() || a.messageId.localeCompare(b.messageId));
  return { results, ignored };
}

/**
 * Summary over the client messages sent in (from, asOf]. First/next response times use clocks
 * that got a human reply by `asOf`; the SLA counts met and missed messages only.
 */
export function summarizeResponseTimes(
  measured: { results: readonly ClientMessageResult[]; ignored: Record<string, number> },
  from: Date,
): ResponseTimeSummary {
  const inWindow = measured.results.filter((r) => r.at.getTime() > from.getTime());
  const answered = (clock: 'first' | 'next') =>
    inWindow.filter((r) => r.clock === clock && r.repliedAt !== null).map((r) => r.waitMinutes);
  const first = answered('first');
  const next = answered('next');
  const met = inWindow.filter((r) => r.sla === 'met').length;
  const missed = inWindow.filter((r) => r.sla === 'missed').length;
  const pending = inWindow.filter((r) => r.sla === 'pending').length;
  return {
    clientMessages: inWindow.length,
    firstResponses: first.length,
    nextResponses: next.length,
    firstResponseP50Minutes: nearestRank(first, 0.5),
    firstResponseP90Minutes: nearestRank(first, 0.9),
    nextResponseP50Minutes: nearestRank(next, 0.5),
    nextResponseP90Minutes: nearestRank(next, 0.9),
    sla: {
      met,
      missed,
      pending,
      counted: met + missed,
      compliance: met + missed > 0 ? met / (met + missed) : null,
    },
    ignored: measured.ignored,
  };
}

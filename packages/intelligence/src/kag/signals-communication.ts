import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { type BusinessCalendar, businessHoursBetween } from './business-hours.ts';
import { KAG_CONFIG } from './config.ts';
import { escalationTerms, sentimentScore } from './lexicon.ts';
import { DAY_MS, formatHours, median, ramp, round } from './math.ts';
import { type DetectorInput, makeSignal, plural } from './signal-base.ts';
import type { DetectedSignal, MessageFact } from './types.ts';

/** Client-facing communication: waiting clients, slower replies, tone, escalation, silence. */
const calendarOf = (input: DetectorInput): BusinessCalendar => {
  const bh = (input.config ?? KAG_CONFIG).businessHours;
  return { timezone: input.facts.timezone, startHour: bh.startHour, endHour: bh.endHour, days: bh.days };
};

const messageRef = (m: MessageFact): EvidenceRef => ({
  table: 'kag_events',
  id: m.eventId,
  label: `${m.contactName ?? 'Client'} in ${m.conversationLabel}: ${m.text.slice(0, 80)}`,
  occurredAt: m.at.toISOString(),
});

function byConversation(messages: readonly MessageFact[]): Map<string, MessageFact[]> {
  const map = new Map<string, MessageFact[]>();
  for (const m of [...messages].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const list = map.get(m.conversationRef) ?? [];
    list.push(m);
    map.set(m.conversationRef, list);
  }
  return map;
}

export function detectClientWaiting(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.client_waiting;
  const cal = calendarOf(input);
  const waitingStatus = new Map(input.facts.conversations.map((c) => [c.ref, c.status]));
  const out: DetectedSignal[] = [];
  for (const [ref, list] of byConversation(input.facts.messages)) {
    const status = waitingStatus.get(ref);
    if (status !== 'open' && status !== 'pending') continue;
    // The oldest client message after the last human reply starts the wait.
    let lastAgent = -1;
    list.forEach((m, i) => {
      if (m.actor === 'agent') lastAgent = i;
    });
    const unanswered = list.slice(lastAgent + 1).filter((m) => m.actor === 'client');
    const first = unanswered[0];
    if (!first) continue;
    const hours = businessHoursBetween(first.at, input.now, cal, cfg.saturateHours);
    if (hours <= cfg.minBusinessHours) continue;
    const who = first.contactName ?? 'The client';
    out.push(
      makeSignal('client_waiting', input.now, {
        subjectKey: `conversation:${ref}`,
        subjectLabel: `${first.conversationLabel}`,
        severity: 0.3 + 0.7 * ramp(hours, cfg.minBusinessHours, cfg.saturateHours),
        value: round(hours, 1),
        title: `${who} is waiting for a reply`,
        sentence: `${who} has waited ${formatHours(hours)} business hours for a reply in conversation ${first.conversationLabel}.`,
        evidence: unanswered.map(messageRef),
        details: {
          contact: who,
          conversation: first.conversationLabel,
          hours: round(hours, 1),
          snippet: first.text.slice(0, 120),
        },
      }),
    );
  }
  return out;
}

/** First response per client turn, in business hours, human agents only. */
export function firstResponses(
  messages: readonly MessageFact[],
  cal: BusinessCalendar,
): Array<{ at: Date; hours: number; eventId: string }> {
  const out: Array<{ at: Date; hours: number; eventId: string }> = [];
  for (const list of byConversation(messages).values()) {
    let turnStart: MessageFact | null = null;
    for (const m of list) {
      if (m.actor === 'client' && !turnStart) turnStart = m;
      else if (m.actor === 'agent' && turnStart) {
        out.push({
          at: turnStart.at,
          hours: businessHoursBetween(turnStart.at, m.at, cal),
          eventId: m.eventId,
        });
        turnStart = null;
      }
    }
  }
  return out;
}

export function detectResponseTimeDegradation(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.response_time_degradation;
  const now = input.now.getTime();
  const recentFrom = now - cfg.recentDays * DAY_MS;
  const baselineFrom = recentFrom - cfg.baselineDays * DAY_MS;
  const all = firstResponses(input.facts.messages, calendarOf(input));
  // The baseline is the 28 days before the recent week, so a bad week does not dilute its own yardstick.
  const recent = all.filter((r) => r.at.getTime() >= recentFrom && r.at.getTime() <= now);
  const baseline = all.filter((r) => r.at.getTime() >= baselineFrom && r.at.getTime() < recentFrom);
  if (recent.length < cfg.minRecentSamples || baseline.length < cfg.minBaselineSamples) return [];
  const m7 = median(recent.map((r) => r.hours)) ?? 0;
  const m28 = median(baseline.map((r) => r.hours)) ?? 0;
  // A baseline under six minutes makes any ratio meaningless noise.
  const ratio = m7 / Math.max(m28, 0.1);
  if (ratio <= cfg.ratio) return [];
  return [
    makeSignal('response_time_degradation', input.now, {
      subjectLabel: input.facts.projectName,
      severity: 0.3 + 0.7 * ramp(ratio, cfg.ratio, 4),
      value: round(ratio, 2),
      title: 'Replies are getting slower',
      sentence: `Median first response in the last ${cfg.recentDays} days is ${formatHours(m7)} business hours, ${ratio.toFixed(1)}× the previous ${cfg.baselineDays} days (${formatHours(m28)} h).`,
      evidence: [...recent]
        .sort((a, b) => b.hours - a.hours)
        .map((r) => ({
          table: 'kag_events',
          id: r.eventId,
          label: `first response after ${formatHours(r.hours)} business hours`,
          occurredAt: r.at.toISOString(),
          weight: round(r.hours, 1),
        })),
      details: { recentMedian: round(m7, 1), baselineMedian: round(m28, 1), ratio: round(ratio, 2) },
    }),
  ];
}

const clientMessages = (input: DetectorInput, fromDaysAgo: number, toDaysAgo = 0) => {
  const now = input.now.getTime();
  return input.facts.messages.filter(
    (m) =>
      m.actor === 'client' &&
      m.at.getTime() >= now - fromDaysAgo * DAY_MS &&
      m.at.getTime() <= now - toDaysAgo * DAY_MS,
  );
};

export function detectNegativeSentiment(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.negative_sentiment;
  const scored = (list: MessageFact[]) => list.map((m) => ({ m, score: sentimentScore(m.text).score }));
  const recent = scored(clientMessages(input, cfg.recentDays));
  if (recent.length < cfg.minMessages) return [];
  const negative = recent.filter((r) => r.score < cfg.negativeBelow);
  const share = negative.length / recent.length;
  if (share <= cfg.share) return [];
  const before = scored(clientMessages(input, cfg.recentDays * 5, cfg.recentDays));
  const beforeShare =
    before.length === 0 ? 0 : before.filter((r) => r.score < cfg.negativeBelow).length / before.length;
  const rise = share - beforeShare;
  return [
    makeSignal('negative_sentiment', input.now, {
      subjectLabel: input.facts.clientName ?? input.facts.projectName,
      severity: 0.3 + 0.5 * ramp(share, cfg.share, 0.75) + 0.2 * ramp(rise, 0, 0.4),
      value: round(share, 3),
      title: 'Client messages turned negative',
      sentence: `${Math.round(share * 100)} % of client messages in the last ${cfg.recentDays} days read negative (${negative.length} of ${recent.length}; ${Math.round(beforeShare * 100)} % in the four weeks before).`,
      evidence: [...negative]
        .sort((a, b) => a.score - b.score)
        .map((r) => ({ ...messageRef(r.m), weight: round(r.score, 2) })),
      details: { share: round(share, 2), negative: negative.length, total: recent.length },
    }),
  ];
}

export function detectEscalationLanguage(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.escalation_language;
  const hits = new Map<string, Array<{ m: MessageFact; terms: string[] }>>();
  for (const m of clientMessages(input, cfg.lookbackDays)) {
    const terms = escalationTerms(m.text);
    if (terms.length === 0) continue;
    hits.set(m.conversationRef, [...(hits.get(m.conversationRef) ?? []), { m, terms }]);
  }
  const out: DetectedSignal[] = [];
  for (const [ref, list] of hits) {
    const newest = list.reduce((a, b) => (b.m.at > a.m.at ? b : a));
    const ageDays = (input.now.getTime() - newest.m.at.getTime()) / DAY_MS;
    const terms = [...new Set(list.flatMap((h) => h.terms))];
    const who = newest.m.contactName ?? 'The client';
    out.push(
      makeSignal('escalation_language', input.now, {
        subjectKey: `conversation:${ref}`,
        subjectLabel: newest.m.conversationLabel,
        severity: 0.5 + 0.3 * ramp(list.length, 1, 4) + 0.2 * (1 - ramp(ageDays, 0, cfg.lookbackDays)),
        value: list.length,
        title: `${who} used escalation language`,
        sentence: `${who} wrote ${plural(list.length, 'message')} with escalation terms (${terms.map((t) => `“${t}”`).join(', ')}) in conversation ${newest.m.conversationLabel} in the last ${cfg.lookbackDays} days.`,
        evidence: [...list].sort((a, b) => b.m.at.getTime() - a.m.at.getTime()).map((h) => messageRef(h.m)),
        details: {
          contact: who,
          conversation: newest.m.conversationLabel,
          terms: terms.join(', '),
          snippet: newest.m.text.slice(0, 120),
        },
      }),
    );
  }
  return out;
}

export function detectEngagementDrop(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.engagement_drop;
  const recent = clientMessages(input, cfg.recentDays);
  const baseline = clientMessages(input, cfg.recentDays + cfg.baselineWeeks * 7, cfg.recentDays);
  const weekly = baseline.length / cfg.baselineWeeks;
  // Too little history to call anything a drop.
  if (weekly < cfg.minWeeklyBaseline) return [];
  const expected = weekly * (cfg.recentDays / 7);
  const ratio = recent.length / expected;
  if (ratio >= cfg.ratio) return [];
  const who = input.facts.clientName ?? input.facts.projectName;
  const last = [...input.facts.messages]
    .filter((m) => m.actor === 'client')
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return [
    makeSignal('engagement_drop', input.now, {
      subjectLabel: who,
      severity: 0.3 + 0.7 * ramp(1 - ratio, 1 - cfg.ratio, 1),
      value: round(ratio, 3),
      title: `${who} has gone quiet`,
      sentence: `${who} sent ${plural(recent.length, 'message')} in the last ${cfg.recentDays} days, ${Math.round(ratio * 100)} % of the usual ${expected.toFixed(1)} (${cfg.baselineWeeks}-week average).`,
      evidence: (recent.length > 0 ? recent : last ? [last] : []).map(messageRef),
      details: { client: who, recent: recent.length, expected: round(expected, 1) },
    }),
  ];
}

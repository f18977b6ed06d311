import { KAG_CONFIG } from '../kag/config.ts';
import { sentimentScore } from '../kag/lexicon.ts';
import { DAY_MS, round } from '../kag/math.ts';
import type { MessageFact } from '../kag/types.ts';
import { classifyMessage, type RtMessage } from './response-time/classify.ts';
import type { ResponseTimeDefinition } from './response-time/definition.ts';
import { type ClientMessageResult, summarizeResponseTimes } from './response-time/measure.ts';

/**
 * Communication for one project-day (pure). Volumes and sentiment come from the kag message
 * facts (public client and outgoing messages — the same the signals read); response times and
 * SLA from `measureResponseTimes` over the mirror rows, with the definition carried along.
 */
export type CommsSnapshot = {
  inboundMessages: number;
  outboundMessages: number;
  conversationsOpened: number;
  conversationsResolved: number;
  firstResponseP50Minutes: number | null;
  firstResponseP90Minutes: number | null;
  slaCompliance: number | null;
  negativeShare: number | null;
  details: {
    definition: ResponseTimeDefinition;
    nextResponseP50Minutes: number | null;
    nextResponseP90Minutes: number | null;
    firstResponses: number;
    nextResponses: number;
    clientMessages: number;
    sla: { met: number; missed: number; pending: number; counted: number; targetMinutes: number };
    excluded: Record<string, number>;
    negative: { negative: number; scored: number; threshold: number };
  };
};

export function computeCommsSnapshot(input: {
  messages: readonly MessageFact[];
  raw: readonly RtMessage[];
  measured: { results: readonly ClientMessageResult[]; ignored: Record<string, number> };
  definition: ResponseTimeDefinition;
  at: Date;
  periodDays: number;
}): CommsSnapshot {
  const t = input.at.getTime();
  const from = t - input.periodDays * DAY_MS;
  const inside = (d: Date) => d.getTime() > from && d.getTime() <= t;
  const recent = input.messages.filter((m) => inside(m.at));
  const client = recent.filter((m) => m.actor === 'client');
  const threshold = KAG_CONFIG.signals.negative_sentiment.negativeBelow;
  const negative = client.filter((m) => sentimentScore(m.text).score < threshold).length;
  // Excluded messages of the window only (bots, notes, automations), so the definition's counts match.
  const excluded: Record<string, number> = {};
  const firstSeen = new Map<string, number>();
  let resolved = 0;
  for (const m of input.raw) {
    const at = m.at.getTime();
    if (at <= t) firstSeen.set(m.conversationId, Math.min(firstSeen.get(m.conversationId) ?? at, at));
    if (!inside(m.at)) continue;
    const e = classifyMessage(m);
    if (e.kind === 'ignored') excluded[e.reason] = (excluded[e.reason] ?? 0) + 1;
    if (e.kind === 'status' && e.status === 'resolved') resolved++;
  }
  const summary = summarizeResponseTimes(
    { results: input.measured.results, ignored: excluded },
    new Date(from),
  );
  return {
    inboundMessages: client.length,
    outboundMessages: recent.filter((m) => m.direction === 'out').length,
    conversationsOpened: [...firstSeen.values()].filter((v) => v > from).length,
    conversationsResolved: resolved,
    firstResponseP50Minutes: summary.firstResponseP50Minutes,
    firstResponseP90Minutes: summary.firstResponseP90Minutes,
    slaCompliance: summary.sla.compliance === null ? null : round(summary.sla.compliance, 4),
    negativeShare: client.length > 0 ? round(negative / client.length, 4) : null,
    details: {
      definition: input.definition,
      nextResponseP50Minutes: summary.nextResponseP50Minutes,
      nextResponseP90Minutes: summary.nextResponseP90Minutes,
      firstResponses: summary.firstResponses,
      nextResponses: summary.nextResponses,
      clientMessages: summary.clientMessages,
      sla: {
        met: summary.sla.met,
        missed: summary.sla.missed,
        pending: summary.sla.pending,
        counted: summary.sla.counted,
        targetMinutes: input.definition.target.minutes,
      },
      excluded,
      negative: { negative, scored: client.length, threshold },
    },
  };
}

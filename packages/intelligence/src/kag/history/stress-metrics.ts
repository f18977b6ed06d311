import { KAG_CONFIG } from '../config.ts';
import { sentimentScore } from '../lexicon.ts';
import { DAY_MS, round } from '../math.ts';
import { isBug } from '../signals-delivery.ts';
import type { MessageFact, ProjectFacts } from '../types.ts';

/**
 * Short-window measures of how strained a client relationship is right now, for the forecast.
 * The signals judge a week against four (a rule a person can read); a forecast that must see a
 * ramp in its first days needs the raw measures over the last 3 and 7 days instead:
 *
 * - reply delay: per client turn (the first client message after an agent's reply) that started
 *   in the window, the wall-clock hours until an agent answered — or, still unanswered, the hours
 *   it has waited so far (so a wait that is growing counts today, not when it ends); the mean of
 *   ln(1 + hours), which a few very long waits cannot dominate;
 * - negative share: client messages whose sentiment reads negative, of all client messages;
 * - chases: a client writing again before any agent answered;
 * - bug share: of the issues opened in the last 14 days, how many are bugs.
 *
 * Wall-clock, not business hours: a client waiting overnight is still waiting. Null where the
 * window holds too little to measure. Pure: facts and an instant in.
 */
export type StressMetrics = {
  replyLogHours3d: number | null;
  replyLogHours7d: number | null;
  replyTurns7d: number;
  negativeShare7d: number | null;
  clientMessages3d: number;
  chases7d: number;
  issuesOpened14d: number;
  bugShare14d: number | null;
};

/** Sentiment below this reads negative (the negative_sentiment signal's own cut). */
const NEGATIVE_BELOW = KAG_CONFIG.signals.negative_sentiment.negativeBelow;
const HOUR_MS = 3_600_000;

type Turn = { start: number; delayHours: number };

function turnsSince(
  messages: readonly MessageFact[],
  from: number,
  at: number,
): { turns: Turn[]; chases: number } {
  const byConversation = new Map<string, MessageFact[]>();
  for (const m of messages) {
    const t = m.at.getTime();
    if (t <= from || t > at || m.actor === 'bot') continue;
    const list = byConversation.get(m.conversationRef) ?? [];
    list.push(m);
    byConversation.set(m.conversationRef, list);
  }
  const turns: Turn[] = [];
  let chases = 0;
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    let start: number | null = null;
    for (const m of list) {
      if (m.actor === 'client') {
        if (start === null) start = m.at.getTime();
        else chases += 1;
      } else if (start !== null) {
        turns.push({ start, delayHours: (m.at.getTime() - start) / HOUR_MS });
        start = null;
      }
    }
    if (start !== null) turns.push({ start, delayHours: (at - start) / HOUR_MS });
  }
  return { turns, chases };
}

const meanLog = (turns: readonly Turn[]): number | null =>
  turns.length === 0
    ? null
    : round(turns.reduce((a, t) => a + Math.log1p(t.delayHours), 0) / turns.length, 3);

export function stressMetrics(facts: Pick<ProjectFacts, 'messages' | 'issues'>, at: Date): StressMetrics {
  const t = at.getTime();
  const messages = facts.messages;
  const opened = facts.issues.filter(
    (i) => i.createdAt.getTime() > t - 14 * DAY_MS && i.createdAt.getTime() <= t,
  );
  const { turns, chases } = turnsSince(messages, t - 7 * DAY_MS, t);
  const client7 = messages.filter(
    (m) => m.actor === 'client' && m.at.getTime() > t - 7 * DAY_MS && m.at.getTime() <= t,
  );
  const negative = client7.filter((m) => sentimentScore(m.text).score < NEGATIVE_BELOW).length;
  return {
    replyLogHours3d: meanLog(turns.filter((x) => x.start > t - 3 * DAY_MS)),
    replyLogHours7d: meanLog(turns),
    replyTurns7d: turns.length,
    negativeShare7d: client7.length === 0 ? null : round(negative / client7.length, 3),
    clientMessages3d: client7.filter((m) => m.at.getTime() > t - 3 * DAY_MS).length,
    chases7d: chases,
    issuesOpened14d: opened.length,
    bugShare14d: opened.length === 0 ? null : round(opened.filter(isBug).length / opened.length, 3),
  };
}

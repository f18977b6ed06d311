import { DAY_MS } from '../math.ts';
import type { ConversationFact, IssueFact, ProjectFacts } from '../types.ts';

/**
 * The project's facts as they stood at `at`, rebuilt from rows synced later. Used by the
 * backfill, the replay and the forecast benchmark, so past days are judged with nothing from
 * their future: whatever happened after `at` is removed or rolled back.
 *
 * What stored rows cannot tell exactly, and the causal rule used instead (docs/intelligence.md):
 * - a conversation's status on a past day: open while it had a message in the last
 *   `conversationIdleDays` before `at`, resolved otherwise (today's status would peek ahead);
 * - an issue's state: rebuilt from its started / completed / canceled times; its last update
 *   is the latest of those times not after `at` when the stored one is later;
 * - a deal closed after `at` is open again, at the stage it has now.
 * Labels, priorities, due dates and amounts are today's values: the mirrors keep no history of
 * them, so their later edits can still show through (small, and written down).
 */
export const AS_OF_RULES = { conversationIdleDays: 14 } as const;

const before = (d: Date | null, at: Date): Date | null => (d && d.getTime() <= at.getTime() ? d : null);

function issueAsOf(i: IssueFact, at: Date): IssueFact {
  const startedAt = before(i.startedAt, at);
  const completedAt = before(i.completedAt, at);
  const canceledAt = before(i.canceledAt, at);
  const closedLater = (i.completedAt && !completedAt) || (i.canceledAt && !canceledAt);
  const stateType = completedAt
    ? 'completed'
    : canceledAt
      ? 'canceled'
      : startedAt
        ? 'started'
        : i.stateType === 'backlog' || i.stateType === 'triage'
          ? i.stateType
          : 'unstarted';
  const known = [i.createdAt, startedAt, completedAt, canceledAt].filter((d): d is Date => d !== null);
  const updatedAt =
    i.updatedAt.getTime() <= at.getTime()
      ? i.updatedAt
      : new Date(Math.max(...known.map((d) => d.getTime())));
  // A state name only describes the state it belongs to: "Blocked" today says nothing of a day
  // on which the issue was not yet started or already done.
  const stateName = stateType === i.stateType && !closedLater ? i.stateName : null;
  return { ...i, startedAt, completedAt, canceledAt, stateType, stateName, updatedAt };
}

function conversationsAsOf(facts: ProjectFacts, at: Date): ConversationFact[] {
  const idleFrom = at.getTime() - AS_OF_RULES.conversationIdleDays * DAY_MS;
  const lastMessage = new Map<string, number>();
  for (const m of facts.messages) {
    const t = m.at.getTime();
    if (t > at.getTime()) continue;
    if ((lastMessage.get(m.conversationRef) ?? -1) < t) lastMessage.set(m.conversationRef, t);
  }
  return facts.conversations.flatMap((c) => {
    const last = lastMessage.get(c.ref);
    if (last === undefined) return [];
    return [{ ...c, status: last >= idleFrom ? ('open' as const) : ('resolved' as const) }];
  });
}

export function factsAsOf(facts: ProjectFacts, at: Date): ProjectFacts {
  const t = at.getTime();
  return {
    ...facts,
    messages: facts.messages.filter((m) => m.at.getTime() <= t),
    conversations: conversationsAsOf(facts, at),
    issues: facts.issues.filter((i) => i.createdAt.getTime() <= t).map((i) => issueAsOf(i, at)),
    cycles: facts.cycles
      .filter((c) => c.startsAt.getTime() <= t)
      .map((c) => ({ ...c, completedAt: before(c.completedAt, at) })),
    deals: facts.deals
      .filter((d) => d.createdAt.getTime() <= t)
      .map((d) => {
        const changedLater = d.stageChangedAt !== null && d.stageChangedAt.getTime() > t;
        if (!changedLater) return d;
        return { ...d, status: 'open' as const, stageChangedAt: d.createdAt };
      }),
    activities: facts.activities.filter((a) => a.at.getTime() <= t),
  };
}

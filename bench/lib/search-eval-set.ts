import { messageContent } from '@keel/sandbox/emulators/chatwoot-views';
import { INTENT } from '@keel/sandbox/generate/intents';
import { BUG_SUBJECTS, BUG_SUBJECTS_RU } from '@keel/sandbox/generate/names';
import type { Dataset } from '@keel/sandbox/model';

/**
 * The search evaluation set, derived from a generated portfolio: questions a project manager
 * would ask ("when did the client complain about the invoice export?") whose answers are known
 * client messages. The relevant conversations are every conversation of the project holding a
 * client message with the same intent about the same feature or bug; questions with more than
 * `maxRelevant` of them are dropped as too vague to score.
 */

export type EvalQuestion = {
  id: string;
  lang: 'en' | 'ru';
  projectIndex: number;
  question: string;
  relevantConversationIds: string[];
  answerMessageIds: string[];
};

type Template = { en: (anchor: string) => string; ru: (anchor: string) => string; anchor: 'feature' | 'bug' };

const TEMPLATES: Partial<Record<number, Template>> = {
  [INTENT.request]: {
    anchor: 'feature',
    en: (f) => `When did the client ask us to change the ${f}?`,
    ru: (f) => `Когда клиент просил доработать ${f}?`,
  },
  [INTENT.complaint]: {
    anchor: 'feature',
    en: (f) => `When did the client complain about the ${f}?`,
    ru: (f) => `Когда клиент жаловался на ${f}?`,
  },
  [INTENT.escalation]: {
    anchor: 'feature',
    en: (f) => `When did the client threaten to cancel the contract over the ${f}?`,
    ru: (f) => `Когда клиент грозился расторгнуть договор из-за ${f}?`,
  },
  [INTENT.newNeed]: {
    anchor: 'feature',
    en: (f) => `When did the client bring up a new project for the ${f}?`,
    ru: (f) => `Когда клиент предлагал новый проект: ${f}?`,
  },
  [INTENT.bugReport]: {
    anchor: 'bug',
    en: (b) => `Where did the client report the bug "${b}"?`,
    ru: (b) => `Где клиент сообщил об ошибке «${b}»?`,
  },
};

export function buildEvalSet(
  ds: Dataset,
  options: { maxRelevant?: number; perLanguage?: number } = {},
): EvalQuestion[] {
  const maxRelevant = options.maxRelevant ?? 2;
  const groups = new Map<string, { q: Omit<EvalQuestion, 'id'>; conversations: Set<string> }>();
  for (const conv of ds.conversations) {
    const project = ds.projects[conv.projectIndex];
    const lang = project ? (ds.clients[project.clientIndex]?.lang ?? 'en') : 'en';
    if (!project) continue;
    for (const row of conv.messages) {
      const m = ds.messages.get(row);
      const template = TEMPLATES[m.intent];
      if (!template || m.messageType !== 0 || m.private) continue;
      const text = messageContent(ds, row);
      const anchors =
        template.anchor === 'bug' ? (lang === 'ru' ? BUG_SUBJECTS_RU : BUG_SUBJECTS) : project.features;
      const anchor = anchors.find((a) => text.includes(a));
      if (!anchor) continue;
      const key = `${conv.projectIndex}|${m.intent}|${anchor}`;
      const group = groups.get(key) ?? {
        q: {
          lang,
          projectIndex: conv.projectIndex,
          question: template[lang](anchor),
          relevantConversationIds: [],
          answerMessageIds: [],
        },
        conversations: new Set<string>(),
      };
      group.conversations.add(String(conv.id));
      group.q.answerMessageIds.push(String(m.id));
      groups.set(key, group);
    }
  }
  const all = [...groups.entries()]
    .filter(([, g]) => g.conversations.size <= maxRelevant)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ ...g.q, id: key, relevantConversationIds: [...g.conversations] }));
  const cap = options.perLanguage ?? Number.POSITIVE_INFINITY;
  return (['en', 'ru'] as const).flatMap((lang) =>
    spread(
      all.filter((q) => q.lang === lang),
      cap,
    ),
  );
}

/** Takes `n` items evenly across the list, so every project is represented. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]).filter(
    (x): x is T => x !== undefined,
  );
}

export type RankingScore = { hit: boolean; reciprocalRank: number; rank: number | null };

/** Conversation-level scoring: chunks of one conversation count once, at their best position. */
export function scoreRanking(
  conversationIds: readonly string[],
  relevant: readonly string[],
  k = 10,
): RankingScore {
  const distinct = [...new Set(conversationIds)];
  const index = distinct.findIndex((id) => relevant.includes(id));
  const rank = index === -1 ? null : index + 1;
  return { hit: rank !== null && rank <= k, reciprocalRank: rank === null ? 0 : 1 / rank, rank };
}

export type EvalSummary = { questions: number; recallAt10: number; mrr: number };

export function summarize(scores: readonly RankingScore[]): EvalSummary {
  const n = scores.length;
  if (n === 0) return { questions: 0, recallAt10: 0, mrr: 0 };
  return {
    questions: n,
    recallAt10: scores.filter((s) => s.hit).length / n,
    mrr: scores.reduce((a, s) => a + s.reciprocalRank, 0) / n,
  };
}

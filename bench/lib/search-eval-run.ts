import { systemClock } from '@keel/core/clock';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import type { Database } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import type { EmbeddingProvider } from '@keel/rag/embedding-provider';
import { runEmbeddings } from '@keel/rag/embeddings';
import { searchChunks } from '@keel/rag/search';
import type { Dataset } from '@keel/sandbox/model';
import { loadSandboxConversations } from './search-corpus.ts';
import {
  buildEvalSet,
  type EvalSummary,
  type RankingScore,
  scoreRanking,
  summarize,
} from './search-eval-set.ts';

export type EvalModeFigures = { all: EvalSummary; en: EvalSummary; ru: EvalSummary };
export type EvalFigures = {
  chunks: number;
  questions: { en: number; ru: number };
  modes: Partial<Record<'text' | 'vector' | 'hybrid', EvalModeFigures>>;
};

/** Loads a portfolio, chunks and embeds it, then scores every evaluation question in each mode. */
export async function runSearchEval(
  db: Database,
  ds: Dataset,
  provider: EmbeddingProvider,
  modes: readonly ('text' | 'vector' | 'hybrid')[],
): Promise<EvalFigures> {
  const accountScopeId = (await createWorkspace(db)).id;
  const projectIds = new Map<number, string>();
  for (const [i] of ds.projects.entries())
    projectIds.set(i, (await createProject(db, { accountScopeId })).id);
  const corpus = await loadSandboxConversations(db, ds, { accountScopeId, projectIds });
  let chunks = 0;
  for (const [projectId, ids] of corpus.conversationIds) {
    chunks += (await refreshConversationChunks(db, { accountScopeId, projectId }, ids)).chunksWritten;
  }
  const bus = createMemoryEventBus();
  const env = parseEnv({ EMBEDDING_DIM: String(provider.dim) });
  await runEmbeddings(
    db,
    { accountScopeId, projectId: null },
    { logger: silentLogger, bus, env, clock: systemClock, provider },
  );
  await bus.close();

  const questions = buildEvalSet(ds);
  const figures: EvalFigures = {
    chunks,
    questions: {
      en: questions.filter((q) => q.lang === 'en').length,
      ru: questions.filter((q) => q.lang === 'ru').length,
    },
    modes: {},
  };
  for (const mode of modes) {
    const scores: { lang: 'en' | 'ru'; score: RankingScore }[] = [];
    for (const q of questions) {
      const projectId = projectIds.get(q.projectIndex) ?? '';
      const r = await searchChunks(
        db,
        { accountScopeId, projectId },
        q.question,
        10,
        {},
        {
          provider,
          mode: mode === 'hybrid' ? 'hybrid' : mode,
        },
      );
      scores.push({
        lang: q.lang,
        score: scoreRanking(
          r.results.map((h) => h.conversationId),
          q.relevantConversationIds,
        ),
      });
    }
    figures.modes[mode] = {
      all: summarize(scores.map((s) => s.score)),
      en: summarize(scores.filter((s) => s.lang === 'en').map((s) => s.score)),
      ru: summarize(scores.filter((s) => s.lang === 'ru').map((s) => s.score)),
    };
  }
  return figures;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@keel/core/clock';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { createProject, createWorkspace } from '@keel/db/factories';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { loadSandboxConversations } from '../../../bench/lib/search-corpus.ts';
import { buildEvalSet, type EvalQuestion, scoreRanking } from '../../../bench/lib/search-eval-set.ts';
import { refreshConversationChunks } from '../src/chunk-store.ts';
import { runEmbeddings } from '../src/embeddings.ts';
import { createLocalProvider } from '../src/local-embedder.ts';
import { searchChunks } from '../src/search.ts';

/**
 * The evaluation set of the tiny generated portfolio (English and Russian clients), searched in
 * whichever database this pass runs on: hybrid on PGlite with pgvector, text-only on PostgreSQL
 * without it. Every question must find one of its known conversations in the top 10.
 */
const provider = createLocalProvider({ dim: 64 });
const ds = generatePortfolio({ seed: 7, size: 'tiny' });
const questions = buildEvalSet(ds);
let t: TestDatabase;
let accountScopeId: string;
const projectIds = new Map<number, string>();
const bus = createMemoryEventBus();

beforeAll(async () => {
  t = await createTestDatabase();
  accountScopeId = (await createWorkspace(t.db)).id;
  for (const [i] of ds.projects.entries())
    projectIds.set(i, (await createProject(t.db, { accountScopeId })).id);
  const corpus = await loadSandboxConversations(t.db, ds, { accountScopeId, projectIds });
  for (const [projectId, ids] of corpus.conversationIds) {
    await refreshConversationChunks(t.db, { accountScopeId, projectId }, ids);
  }
  const env = parseEnv({ NODE_ENV: 'test', EMBEDDING_DIM: '64' });
  await runEmbeddings(
    t.db,
    { accountScopeId, projectId: null },
    { logger: silentLogger, bus, env, clock: systemClock, provider },
  );
});

afterAll(async () => {
  await bus.close();
  await t?.close();
});

async function ask(q: EvalQuestion, mode: 'auto' | 'text' | 'vector' = 'auto') {
  const projectId = projectIds.get(q.projectIndex) ?? '';
  const r = await searchChunks(t.db, { accountScopeId, projectId }, q.question, 10, {}, { provider, mode });
  return {
    r,
    score: scoreRanking(
      r.results.map((h) => h.conversationId),
      q.relevantConversationIds,
    ),
  };
}

describe('search evaluation set', () => {
  it('when the set is built, then it holds English and Russian questions', () => {
    expect(questions.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(5);
    expect(questions.filter((q) => q.lang === 'ru').length).toBeGreaterThanOrEqual(5);
  });

  it('when each question is searched in its project, then a known conversation is in the top 10', async () => {
    const vector = t.kind === 'pglite';
    const misses: string[] = [];
    for (const q of questions) {
      const { r, score } = await ask(q);
      expect(r.mode).toBe(vector ? 'hybrid' : 'text-only');
      if (!score.hit) misses.push(`${q.question} → ${r.results.map((h) => h.conversationId).join(',')}`);
    }
    expect(misses).toEqual([]);
  });

  it('when a hit is returned, then it carries highlights, score parts and links to its messages', async () => {
    const q = questions.find((x) => x.lang === 'ru') ?? questions[0];
    if (!q) throw new Error('empty evaluation set');
    const { r } = await ask(q);
    const top = r.results[0];
    expect(top?.highlight).toContain('<mark>');
    expect(top?.messageIds.length).toBeGreaterThan(0);
    expect(top?.score.fused).toBeGreaterThan(0);
    expect(top?.score.textRank).not.toBeNull();
  });
});

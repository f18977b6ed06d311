/**
 * Benchmark: search. `pnpm bench search [--chunks 100000] [--dim 256] [--queries 200] [--skip-eval] [--skip-scale]`
 *
 * 1. Evaluation set (demo portfolio, English + Russian questions with known answers):
 *    recall@10 and MRR of text-only, vector-only and hybrid search.
 * 2. Scale (bench-100 portfolio cut into 100k chunks, PGlite + pgvector, local embedder):
 *    p50/p95/p99 latency of hybrid search (and text-only as the baseline), and recall@10 of the
 *    HNSW index against exact search, with and without a project filter.
 * Targets (quality.md): p95 < 50 ms; recall@10 >= 0.95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDatabase, queryRows } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { vectorLiteral } from '@keel/db/queries/rag-embeddings';
import { vectorCandidates } from '@keel/db/queries/rag-search';
import { createLocalProvider, embedLocally, LOCAL_MODEL } from '@keel/rag/local-embedder';
import { searchChunks } from '@keel/rag/search';
import { generatePortfolio } from '@keel/sandbox/generate/portfolio';
import { runSearchEval } from './lib/search-eval-run.ts';
import { buildEvalSet } from './lib/search-eval-set.ts';
import { buildScaleCorpus } from './lib/search-scale.ts';

const { values: args } = parseArgs({
  options: {
    chunks: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '256' },
    queries: { type: 'string', default: '200' },
    'skip-eval': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
  },
});
const dim = Number(args.dim);
const provider = createLocalProvider({ dim });
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function latency(values: number[]) {
  return {
    n: values.length,
    p50_ms: round(percentile(values, 50), 1),
    p95_ms: round(percentile(values, 95), 1),
    p99_ms: round(percentile(values, 99), 1),
  };
}

async function evalSection() {
  const handle = await createDatabase({});
  await migrateDatabase(handle);
  const ds = generatePortfolio({ seed: 7, size: 'demo' });
  const figures = await runSearchEval(handle.db, ds, provider, ['text', 'vector', 'hybrid']);
  await handle.close();
  return figures;
}

async function scaleSection() {
  const dir = mkdtempSync(join(tmpdir(), 'keel-bench-search-'));
  const handle = await createDatabase({ dataDir: dir });
  try {
    await migrateDatabase(handle);
    const ds = generatePortfolio({ seed: 1, size: 'bench-100' });
    const topUp = generatePortfolio({ seed: 2, size: 'bench-100' });
    const corpus = await buildScaleCorpus(handle.db, [ds, topUp], { chunks: Number(args.chunks), dim });
    const db = handle.db;
    const questions = buildEvalSet(ds, { maxRelevant: 1_000 });
    const step = Math.max(1, Math.floor(questions.length / Number(args.queries)));
    const sample = questions.filter((_, i) => i % step === 0).slice(0, Number(args.queries));
    const scopeOf = (projectIndex: number) => ({
      accountScopeId: corpus.accountScopeId,
      projectId: corpus.projectIds.get(projectIndex) ?? corpus.bigProjectId,
    });

    // The first pass reads cold pages from disk; it is reported apart, then the steady state is measured.
    const cold: number[] = [];
    for (const q of sample) {
      const t0 = performance.now();
      await searchChunks(db, scopeOf(q.projectIndex), q.question, 10, {}, { provider, mode: 'hybrid' });
      cold.push(performance.now() - t0);
    }
    const timings = {
      hybrid: [] as number[],
      hybridBig: [] as number[],
      hybridSmall: [] as number[],
      text: [] as number[],
    };
    for (const q of sample) {
      const scope = scopeOf(q.projectIndex);
      let t0 = performance.now();
      await searchChunks(db, scope, q.question, 10, {}, { provider, mode: 'hybrid' });
      const ms = performance.now() - t0;
      timings.hybrid.push(ms);
      (scope.projectId === corpus.bigProjectId ? timings.hybridBig : timings.hybridSmall).push(ms);
      t0 = performance.now();
      await searchChunks(db, scope, q.question, 10, {}, { provider, mode: 'text' });
      timings.text.push(performance.now() - t0);
    }

    // HNSW against exact: the same query vectors, index scan versus a full distance sort.
    const recallFiltered: number[] = [];
    const recallGlobal: number[] = [];
    const annMs: number[] = [];
    const big = { accountScopeId: corpus.accountScopeId, projectId: corpus.bigProjectId };
    for (const q of sample.slice(0, 100)) {
      const vector = embedLocally(q.question, dim);
      const target = { model: LOCAL_MODEL, dim, vector };
      const t0 = performance.now();
      const ann = await vectorCandidates(db, big, {}, target, 10, { efSearch: 100 });
      annMs.push(performance.now() - t0);
      const exact = await vectorCandidates(db, big, {}, target, 10, { exact: true });
      recallFiltered.push(
        overlap(
          ann.map((a) => a.id),
          exact.map((e) => e.id),
        ),
      );
      recallGlobal.push(await globalRecall(db, vector));
    }
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      db,
      sql`explain select id from rag_chunks where account_scope_id = ${big.accountScopeId} and project_id = ${big.projectId}
          and embedding_status = 'ready' and embedding_model = ${LOCAL_MODEL} and embedding_dim = ${dim}
          order by embedding <=> ${vectorLiteral(embedLocally('mobile app', dim))}::vector limit 10`,
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return {
      chunks: corpus.chunks,
      dim,
      load_s: round(corpus.loadMs / 1000, 1),
      hnsw_build_s: round(corpus.indexMs / 1000, 1),
      queries: sample.length,
      hybrid_cold_first_pass: latency(cold),
      hybrid: latency(timings.hybrid),
      hybrid_big_project: latency(timings.hybridBig),
      hybrid_small_projects: latency(timings.hybridSmall),
      text_only: latency(timings.text),
      ann_only_big_project: latency(annMs),
      hnsw_recall_at_10_big_project_filter: round(mean(recallFiltered)),
      hnsw_recall_at_10_unfiltered: round(mean(recallGlobal)),
      plan_uses_hnsw: plan.some((r) => String(r['QUERY PLAN']).includes('hnsw_idx')),
      targets: { p95_ms: 50, recall_at_10: 0.95 },
    };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function overlap(a: string[], b: string[]): number {
  if (b.length === 0) return 1;
  const set = new Set(b);
  return a.filter((id) => set.has(id)).length / b.length;
}

/** Unfiltered top-10 over all 100k chunks: HNSW (index) versus exact (index scans off). */
async function globalRecall(db: Parameters<typeof queryRows>[0], vector: number[]): Promise<number> {
  const literal = vectorLiteral(vector);
  const query = sql`select id from rag_chunks order by embedding <=> ${literal}::vector limit 10`;
  const ann = await db.transaction(async (tx) => {
    await tx.execute(sql`set local hnsw.ef_search = 100`);
    return queryRows<{ id: string }>(tx as unknown as typeof db, query);
  });
  const exact = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    return queryRows<{ id: string }>(tx as unknown as typeof db, query);
  });
  return overlap(
    ann.map((r) => r.id),
    exact.map((r) => r.id),
  );
}

const out: Record<string, unknown> = { benchmark: 'search', date: new Date().toISOString().slice(0, 10) };
if (!args['skip-eval']) {
  out.evaluation = await evalSection();
  console.log(JSON.stringify(out, null, 2));
}
if (!args['skip-scale']) {
  out.scale = await scaleSection();
  console.log(JSON.stringify(out, null, 2));
}

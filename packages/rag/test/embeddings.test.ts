import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@keel/core/clock';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { createConversation, createMessage, createProject } from '@keel/db/factories';
import { cwMessages } from '@keel/db/schema/chatwoot';
import { ragChunks } from '@keel/db/schema/rag';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { refreshConversationChunks } from '../src/chunk-store.ts';
import type { EmbeddingProvider } from '../src/embedding-provider.ts';
import { runEmbeddings } from '../src/embeddings.ts';
import { createLocalProvider } from '../src/local-embedder.ts';
import { createOpenAiProvider } from '../src/openai-provider.ts';
import { readVectorColumn } from '../src/vector-setup.ts';

const DIM = 32;
const chunkOptions = { maxTokens: 200, minMessages: 2, anchorEvery: 3, maxUnitTokens: 60, overlapTokens: 30 };

let t: TestDatabase;
let sb: Sandbox;
let vector: boolean;
const bus = createMemoryEventBus();
const env = parseEnv({ NODE_ENV: 'test', EMBEDDING_DIM: String(DIM), EMBEDDING_PROVIDER: 'local' });

/** Counts provider calls and inputs, so "embeds nothing" is observed, not assumed. */
function counting(inner: EmbeddingProvider, overrides: Partial<EmbeddingProvider> = {}) {
  const calls: number[] = [];
  const provider: EmbeddingProvider = {
    ...inner,
    ...overrides,
    async embedBatch(inputs, signal) {
      calls.push(inputs.length);
      return inner.embedBatch(inputs, signal);
    },
  };
  return { provider, calls, inputs: () => calls.reduce((a, b) => a + b, 0) };
}

let seeded = 0;

/** Message ids are fixed per call, so chunk boundaries (anchored on ids) are the same every run. */
async function seedConversation(project: { id: string; accountScopeId: string }, n: number) {
  seeded += 1;
  const conv = await createConversation(t.db, project, { cwConversationId: 500_000 + seeded });
  for (let i = 0; i < n; i++) {
    await createMessage(t.db, project, {
      cwConversationId: conv.cwConversationId,
      cwMessageId: seeded * 1000 + i,
      content: `Message ${i}: the client asks about the invoice export and the login page.`,
      createdAtSource: new Date(Date.UTC(2025, 5, 1, 9, i)),
      messageType: i % 2 === 0 ? 'incoming' : 'outgoing',
    });
  }
  const scope = { accountScopeId: project.accountScopeId, projectId: project.id };
  await refreshConversationChunks(t.db, scope, [String(conv.cwConversationId)], chunkOptions);
  return { conv, scope };
}

const ctx = (provider: EmbeddingProvider) => ({
  logger: silentLogger,
  bus,
  env,
  clock: systemClock,
  provider,
  retry: { retries: 1, sleep: async () => undefined },
});

beforeAll(async () => {
  t = await createTestDatabase();
  const caps = await t.db.query.dbCapabilities.findFirst();
  vector = caps?.enabled === true;
  sb = await startSandbox({ size: 'tiny', only: ['openai'] });
});

afterAll(async () => {
  await sb?.close();
  await bus.close();
  await t?.close();
});

describe('runEmbeddings', () => {
  it('when pgvector is missing, then the run skips without calling the provider (search is text-only)', async () => {
    if (vector) return;
    const project = await createProject(t.db);
    const { scope } = await seedConversation(project, 4);
    const c = counting(createLocalProvider({ dim: DIM }));
    const r = await runEmbeddings(t.db, scope, ctx(c.provider));
    expect(r).toMatchObject({ mode: 'text-only', embedded: 0 });
    expect(c.calls).toEqual([]);
  });

  it('when a run repeats, then the second embeds nothing; an edited message re-embeds only its chunk', async () => {
    if (!vector) return;
    const project = await createProject(t.db);
    const { conv, scope } = await seedConversation(project, 12);
    const events: KeelEvent[] = [];
    const off = await bus.subscribe((e) => events.push(e));
    const first = counting(createLocalProvider({ dim: DIM, maxInputs: 2 }));
    const r1 = await runEmbeddings(t.db, scope, ctx(first.provider));
    const chunks = await t.db.select().from(ragChunks).where(eq(ragChunks.projectId, project.id));
    expect(r1).toMatchObject({ mode: 'hybrid', embedded: chunks.length, failed: 0, remaining: 0 });
    expect(first.inputs()).toBe(chunks.length);
    expect(Math.max(...first.calls)).toBe(2);
    expect(chunks.every((c) => c.embeddingStatus === 'ready' && c.embeddingDim === DIM)).toBe(true);

    const second = counting(createLocalProvider({ dim: DIM }));
    expect(await runEmbeddings(t.db, scope, ctx(second.provider))).toMatchObject({
      embedded: 0,
      remaining: 0,
    });
    expect(second.calls).toEqual([]);

    // A message that only one chunk holds (not carried over as another chunk's overlap).
    const holders = new Map<string, number>();
    for (const c of chunks) for (const m of c.messageIds) holders.set(m, (holders.get(m) ?? 0) + 1);
    const target = Number([...holders].find(([, n]) => n === 1)?.[0]);
    await t.db
      .update(cwMessages)
      .set({ content: 'Edited: the client now wants the mobile app first.' })
      .where(and(eq(cwMessages.accountScopeId, project.accountScopeId), eq(cwMessages.cwMessageId, target)));
    await refreshConversationChunks(t.db, scope, [String(conv.cwConversationId)], chunkOptions);
    const third = counting(createLocalProvider({ dim: DIM }));
    expect(await runEmbeddings(t.db, scope, ctx(third.provider))).toMatchObject({ embedded: 1 });
    expect(third.inputs()).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    await off();
    expect(events.some((e) => e.type === 'embeddings.progress' && e.projectId === project.id)).toBe(true);
  });

  it('when the provider goes down mid-run, then done batches stay, the error is recorded and the next run resumes', async () => {
    if (!vector) return;
    const project = await createProject(t.db);
    const { scope } = await seedConversation(project, 24);
    sb.faults.configure({ rate: 0 });
    const remote = createOpenAiProvider({
      baseURL: sb.urls.openai,
      apiKey: sb.tokens.openai,
      model: 'text-embedding-3-small',
      dim: DIM,
      maxInputs: 2,
    });
    let calls = 0;
    const flaky: EmbeddingProvider = {
      ...remote,
      async embedBatch(inputs, signal) {
        calls += 1;
        // The outage starts after the first request succeeds.
        if (calls === 2) sb.faults.configure({ rate: 1, kinds: ['server_error'] });
        return remote.embedBatch(inputs, signal);
      },
    };
    const error = await runEmbeddings(t.db, scope, ctx(flaky)).catch((e) => e);
    expect(error).toMatchObject({ code: 'upstream_error' });
    const rows = await t.db.select().from(ragChunks).where(eq(ragChunks.projectId, project.id));
    expect(rows.filter((r) => r.embeddingStatus === 'ready')).toHaveLength(2);
    const failed = rows.filter((r) => r.embeddingStatus === 'failed');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(failed).toHaveLength(2);
    for (const f of failed) expect(f.embeddingError).toMatch(/answered 5\d\d/);

    sb.faults.configure({ rate: 0 });
    const resumed = await runEmbeddings(t.db, scope, ctx(remote));
    expect(resumed).toMatchObject({ embedded: rows.length - 2, remaining: 0, failed: 0 });
  });

  it('when the model changes, then every chunk is embedded again; when the dimension changes, the column is rebuilt', async () => {
    if (!vector) return;
    const project = await createProject(t.db);
    const { scope } = await seedConversation(project, 6);
    await runEmbeddings(t.db, scope, ctx(createLocalProvider({ dim: DIM })));
    const n = (await t.db.select().from(ragChunks).where(eq(ragChunks.projectId, project.id))).length;
    const other = counting(createLocalProvider({ dim: DIM }), { model: 'another-model' });
    expect(await runEmbeddings(t.db, scope, ctx(other.provider))).toMatchObject({
      embedded: n,
      model: 'another-model',
    });

    const smaller = await runEmbeddings(t.db, scope, ctx(createLocalProvider({ dim: 16 })));
    expect(smaller).toMatchObject({ dim: 16, embedded: n });
    expect(await readVectorColumn(t.db)).toMatchObject({ dim: 16, indexed: true });
    // Back to the file's dimension for any test that follows.
    await runEmbeddings(t.db, scope, ctx(createLocalProvider({ dim: DIM })));
  });
});

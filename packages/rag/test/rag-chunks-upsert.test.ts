import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '@keel/db/factories';
import { type RagChunkWrite, upsertRagChunks } from '@keel/db/queries/rag-chunks';
import { ragChunks } from '@keel/db/schema/rag';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';

let t: TestDatabase;
let project: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  t = await createTestDatabase();
  project = await createProject(t.db);
});

afterAll(async () => {
  await t?.close();
});

function chunk(conversation: string, over: Partial<RagChunkWrite> = {}): RagChunkWrite {
  return {
    accountScopeId: project.accountScopeId,
    projectId: project.id,
    conversationExternalId: conversation,
    contactExternalId: '7',
    messageIds: ['1', '2'],
    firstMessageAt: new Date('2026-06-01T09:00:00Z'),
    lastMessageAt: new Date('2026-06-01T09:05:00Z'),
    chunkIndex: 0,
    text: 'Anna: is the invoice export fixed?\nMax: yes, deployed this morning.',
    contentHash: 'hash-a',
    tokenEstimate: 18,
    ...over,
  };
}

async function markEmbedded(conversation: string) {
  await t.db
    .update(ragChunks)
    .set({
      embeddingStatus: 'ready',
      embeddingModel: 'm',
      embeddingDim: 8,
      embeddedAt: new Date(),
      embeddingAttempts: 1,
    })
    .where(eq(ragChunks.conversationExternalId, conversation));
}

async function row(conversation: string) {
  const [r] = await t.db.select().from(ragChunks).where(eq(ragChunks.conversationExternalId, conversation));
  return r;
}

describe('upsertRagChunks', () => {
  it('when the same chunk is written again, then nothing is counted and the row is untouched', async () => {
    expect(await upsertRagChunks(t.db, [chunk('100')])).toBe(1);
    const before = await row('100');
    expect(await upsertRagChunks(t.db, [chunk('100')])).toBe(0);
    expect((await row('100'))?.updatedAt).toEqual(before?.updatedAt);
    expect(before).toMatchObject({ source: 'chatwoot', embeddingStatus: 'pending', messageIds: ['1', '2'] });
  });

  it('when only the contact moves, then the chunk keeps its embedding', async () => {
    await upsertRagChunks(t.db, [chunk('101')]);
    await markEmbedded('101');
    expect(await upsertRagChunks(t.db, [chunk('101', { contactExternalId: '8' })])).toBe(1);
    expect(await row('101')).toMatchObject({
      contactExternalId: '8',
      embeddingStatus: 'ready',
      embeddingModel: 'm',
      embeddingDim: 8,
      embeddingAttempts: 1,
    });
  });

  it('when the text changes, then the chunk goes back to the embedding backlog', async () => {
    await upsertRagChunks(t.db, [chunk('102')]);
    await markEmbedded('102');
    const text = 'Anna: the export is still broken for March.';
    expect(await upsertRagChunks(t.db, [chunk('102', { text, contentHash: 'hash-b' })])).toBe(1);
    expect(await row('102')).toMatchObject({
      text,
      contentHash: 'hash-b',
      embeddingStatus: 'pending',
      embeddingModel: null,
      embeddingDim: null,
      embeddedAt: null,
      embeddingAttempts: 0,
    });
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation, createMessage, createProject } from '@keel/db/factories';
import { cwConversations, cwMessages } from '@keel/db/schema/chatwoot';
import { ragChunks } from '@keel/db/schema/rag';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { refreshConversationChunks } from '../src/chunk-store.ts';

const options = { maxTokens: 200, minMessages: 2, anchorEvery: 3, maxUnitTokens: 60, overlapTokens: 30 };

let t: TestDatabase;
let project: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  t = await createTestDatabase();
  project = await createProject(t.db);
});

afterAll(async () => {
  await t?.close();
});

async function addMessages(cwConversationId: number, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    await createMessage(t.db, project, {
      cwConversationId,
      content: `Message ${i}: the client asks about the invoice export and the login page.`,
      createdAtSource: new Date(Date.UTC(2025, 5, 1, 9, i)),
      messageType: i % 2 === 0 ? 'incoming' : 'outgoing',
      senderName: i % 2 === 0 ? 'Anna' : 'Max',
    });
  }
}

async function chunkRows(conversationExternalId: string) {
  return t.db
    .select({
      id: ragChunks.id,
      chunkIndex: ragChunks.chunkIndex,
      updatedAt: ragChunks.updatedAt,
      hash: ragChunks.contentHash,
    })
    .from(ragChunks)
    .where(eq(ragChunks.conversationExternalId, conversationExternalId))
    .orderBy(ragChunks.chunkIndex);
}

describe('refreshConversationChunks', () => {
  it('when a conversation is chunked twice, then the second run writes nothing', async () => {
    const conv = await createConversation(t.db, project);
    await addMessages(conv.cwConversationId, 0, 8);
    const scope = { accountScopeId: project.accountScopeId, projectId: project.id };
    const first = await refreshConversationChunks(t.db, scope, [String(conv.cwConversationId)], options);
    expect(first.chunksWritten).toBeGreaterThan(1);
    const second = await refreshConversationChunks(t.db, scope, [String(conv.cwConversationId)], options);
    expect(second).toMatchObject({ chunksWritten: 0, chunksDeleted: 0 });
  });

  it('when messages are appended, then only the tail is rewritten and earlier rows are untouched', async () => {
    const conv = await createConversation(t.db, project);
    const id = String(conv.cwConversationId);
    await addMessages(conv.cwConversationId, 0, 8);
    const scope = { accountScopeId: project.accountScopeId, projectId: null };
    await refreshConversationChunks(t.db, scope, [id], options);
    const before = await chunkRows(id);
    // Eight more messages overflow the token cap, so at least one new chunk must appear.
    await addMessages(conv.cwConversationId, 8, 8);
    const r = await refreshConversationChunks(t.db, scope, [id], options);
    const after = await chunkRows(id);
    expect(after.length).toBeGreaterThan(before.length);
    // The new chunks, plus the old last chunk when the new messages still fitted in it.
    expect(r.chunksWritten).toBeGreaterThanOrEqual(after.length - before.length);
    expect(r.chunksWritten).toBeLessThanOrEqual(after.length - before.length + 1);
    for (const row of before.slice(0, -1)) {
      const same = after.find((a) => a.chunkIndex === row.chunkIndex);
      expect(same).toEqual(row);
    }
  });

  it('when a conversation is unbound from its project, then its chunks are removed', async () => {
    const conv = await createConversation(t.db, project);
    const id = String(conv.cwConversationId);
    await addMessages(conv.cwConversationId, 0, 3);
    const scope = { accountScopeId: project.accountScopeId, projectId: project.id };
    await refreshConversationChunks(t.db, scope, [id], options);
    expect((await chunkRows(id)).length).toBeGreaterThan(0);
    await t.db.update(cwConversations).set({ projectId: null }).where(eq(cwConversations.id, conv.id));
    await t.db
      .update(cwMessages)
      .set({ projectId: null })
      .where(
        and(
          eq(cwMessages.accountScopeId, project.accountScopeId),
          eq(cwMessages.cwConversationId, conv.cwConversationId),
        ),
      );
    const r = await refreshConversationChunks(t.db, scope, [id], options);
    expect(r.chunksDeleted).toBeGreaterThan(0);
    expect(await chunkRows(id)).toEqual([]);
  });

  it('when messages are deleted, then chunks past the new end are dropped', async () => {
    const conv = await createConversation(t.db, project);
    const id = String(conv.cwConversationId);
    await addMessages(conv.cwConversationId, 0, 10);
    const scope = { accountScopeId: project.accountScopeId, projectId: project.id };
    await refreshConversationChunks(t.db, scope, [id], options);
    const before = await chunkRows(id);
    await t.db
      .update(cwMessages)
      .set({ deletedAt: new Date() })
      .where(
        and(
          eq(cwMessages.cwConversationId, conv.cwConversationId),
          eq(cwMessages.accountScopeId, project.accountScopeId),
        ),
      );
    await createMessage(t.db, project, {
      cwConversationId: conv.cwConversationId,
      content: 'Only this one is left.',
    });
    const r = await refreshConversationChunks(t.db, scope, [id], options);
    expect(r.chunksDeleted).toBe(before.length - 1);
    expect(await chunkRows(id)).toHaveLength(1);
  });

  it('when another project scope refreshes the conversation, then nothing is touched', async () => {
    const conv = await createConversation(t.db, project);
    await addMessages(conv.cwConversationId, 0, 3);
    const other = await createProject(t.db, { accountScopeId: project.accountScopeId });
    const r = await refreshConversationChunks(
      t.db,
      { accountScopeId: project.accountScopeId, projectId: other.id },
      [String(conv.cwConversationId)],
      options,
    );
    expect(r).toEqual({ chunksWritten: 0, chunksDeleted: 0, conversations: 0 });
  });
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/client.ts';
import {
  addProjectMember,
  createAttioDeal,
  createContact,
  createLinearIssue,
  createMessage,
  createProject,
  createRecommendation,
  createScore,
  createSignal,
  createUser,
} from '../src/factories.ts';
import { cwMessages } from '../src/schema/chatwoot.ts';
import { kagEvents, kagSignals } from '../src/schema/kag-core.ts';
import { openRecommendationWhere, recommendationsV2 } from '../src/schema/kag-v2.ts';
import { projects } from '../src/schema/platform.ts';
import { ragChunks } from '../src/schema/rag.ts';
import { createTestDatabase, type TestDatabase } from '../src/test-db.ts';

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('schema constraints', () => {
  it('when every factory runs, then each returns its inserted row', async () => {
    const { db } = handle;
    const project = await createProject(db);
    const user = await createUser(db);
    const member = await addProjectMember(db, { projectId: project.id, userId: user.id });
    const rows = [
      await createContact(db, project),
      await createMessage(db, project),
      await createLinearIssue(db, project, { dueDate: '2026-03-01' }),
      await createAttioDeal(db, project),
      await createSignal(db, project),
      await createScore(db, project),
      await createRecommendation(db, project),
    ];
    expect(member.role).toBe('pm');
    for (const row of rows) expect(row.projectId).toBe(project.id);
  });

  it('when a message is synced twice, then the upsert key keeps one row', async () => {
    const { db } = handle;
    const project = await createProject(db);
    const first = await createMessage(db, project, { content: 'v1' });
    await db
      .insert(cwMessages)
      .values({ ...first, id: undefined, content: 'v2' })
      .onConflictDoUpdate({
        target: [cwMessages.accountScopeId, cwMessages.cwMessageId],
        set: { content: sql`excluded.content` },
      });
    const rows = await db.select().from(cwMessages).where(eq(cwMessages.cwMessageId, first.cwMessageId));
    expect(rows.map((r) => r.content)).toEqual(['v2']);
  });

  it('when a recommendation is open, then a second open one for the same subject is refused, a closed one is not', async () => {
    const { db } = handle;
    const project = await createProject(db);
    const open = await createRecommendation(db, project, { subjectKey: 'conversation:1' });
    await expect(createRecommendation(db, project, { subjectKey: 'conversation:1' })).rejects.toThrow();
    // A refresh upserts onto the open row through the partial index.
    await db
      .insert(recommendationsV2)
      .values({ ...open, id: undefined, priority: 0.9 })
      .onConflictDoUpdate({
        target: [
          recommendationsV2.projectId,
          recommendationsV2.type,
          recommendationsV2.subjectKey,
          recommendationsV2.accountScopeId,
        ],
        targetWhere: openRecommendationWhere,
        set: { priority: sql`excluded.priority` },
      });
    await db.update(recommendationsV2).set({ status: 'done' }).where(eq(recommendationsV2.id, open.id));
    const again = await createRecommendation(db, project, { subjectKey: 'conversation:1' });
    const rows = await db
      .select()
      .from(recommendationsV2)
      .where(
        and(eq(recommendationsV2.projectId, project.id), eq(recommendationsV2.subjectKey, 'conversation:1')),
      );
    expect(rows.map((r) => [r.status, r.priority]).sort()).toEqual([
      ['done', 0.9],
      ['new', again.priority],
    ]);
  });

  it('when an event is ingested twice, then kag_events keeps one row', async () => {
    const { db } = handle;
    const project = await createProject(db);
    const event = {
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      kind: 'message_in' as const,
      source: 'chatwoot' as const,
      sourceRef: '9001',
      occurredAt: new Date(),
    };
    await db.insert(kagEvents).values(event).onConflictDoNothing();
    await db.insert(kagEvents).values(event).onConflictDoNothing();
    const rows = await db.select().from(kagEvents).where(eq(kagEvents.projectId, project.id));
    expect(rows).toHaveLength(1);
  });

  it('when a severity is outside 0..1, then the insert is refused', async () => {
    const project = await createProject(handle.db);
    await expect(createSignal(handle.db, project, { severity: 1.5 })).rejects.toThrow();
  });

  it('when chunk text is English or Russian, then full-text search finds it by stem', async () => {
    const { db } = handle;
    const project = await createProject(db);
    await db.insert(ragChunks).values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      conversationExternalId: '42',
      chunkIndex: 0,
      text: 'The invoices were delayed again. Клиенты недовольны сроками.',
      contentHash: 'h',
      tokenEstimate: 12,
    });
    const hits = async (config: string, query: string) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from rag_chunks where project_id = ${project.id}
            and search_tsv @@ websearch_to_tsquery(${config}::regconfig, ${query})`,
      );
    expect((await hits('english', 'invoice delay'))[0]?.n).toBe(1);
    expect((await hits('russian', 'недовольный клиент'))[0]?.n).toBe(1);
  });

  it('when a project is deleted, then its derived rows go and its synced rows stay unbound', async () => {
    const { db } = handle;
    const project = await createProject(db);
    const message = await createMessage(db, project);
    await createSignal(db, project);
    await db.delete(projects).where(eq(projects.id, project.id));
    const [kept] = await db.select().from(cwMessages).where(eq(cwMessages.id, message.id));
    expect(kept?.projectId).toBeNull();
    const signals = await db.select().from(kagSignals).where(eq(kagSignals.projectId, project.id));
    expect(signals).toHaveLength(0);
  });
});

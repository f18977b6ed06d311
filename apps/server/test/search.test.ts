import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation, createMessage } from '@keel/db/factories';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/** POST /search and POST /jobs/embeddings/run over HTTP, on whichever database this pass uses. */
let t: TestApp;
let owner: Session;
let projectA: { id: string };
let conversationA: number;
let conversationB: number;

type SearchBody = {
  data: {
    mode: string;
    vector: { available: boolean; reason: string | null };
    results: { conversationId: string; messageIds: string[]; highlight: string; text: string }[];
  };
};

async function search(s: Session, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/search', headers: authed(s), payload });
  return { status: res.statusCode, body: res.json() as SearchBody };
}

beforeAll(async () => {
  t = await createTestApp({ env: { EMBEDDING_PROVIDER: 'local', EMBEDDING_DIM: '64' } });
  const u = await seedUser(t, { role: 'owner', workspace: 'ws-search' });
  owner = await login(t, u.email, u.password);
  projectA = await createAndSelectProject(t, owner, 'Search A');
  const scope = { id: projectA.id, accountScopeId: owner.accountScopeId };
  const a = await createConversation(t.deps.db, scope);
  const b = await createConversation(t.deps.db, scope);
  conversationA = a.cwConversationId;
  conversationB = b.cwConversationId;
  const at = (d: number) => new Date(Date.UTC(2025, 4, d, 10));
  await createMessage(t.deps.db, scope, {
    cwConversationId: a.cwConversationId,
    content: 'Could you add the mobile app to the next sprint? We need it before the launch.',
    createdAtSource: at(2),
  });
  await createMessage(t.deps.db, scope, {
    cwConversationId: a.cwConversationId,
    messageType: 'outgoing',
    content: 'Noted, we will plan the mobile app this week.',
    createdAtSource: at(3),
  });
  await createMessage(t.deps.db, scope, {
    cwConversationId: b.cwConversationId,
    content: 'Выгрузка счетов снова сломалась, пользователи жалуются.',
    createdAtSource: at(20),
  });
  const run = await t.app.inject({
    method: 'POST',
    url: '/jobs/embeddings/run',
    headers: authed(owner),
    payload: { rechunk: true },
  });
  if (run.statusCode !== 200) throw new Error(`embeddings run failed: ${run.body}`);
});

afterAll(async () => {
  await t?.close();
});

describe('POST /jobs/embeddings/run', () => {
  it('when run again, then nothing is re-chunked or re-embedded', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/jobs/embeddings/run',
      headers: authed(owner),
      payload: { rechunk: true },
    });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({ chunksWritten: 0, embedded: 0, failed: 0, remaining: 0 });
    expect(data.mode).toBe(t.db.kind === 'pglite' ? 'hybrid' : 'text-only');
  });
});

describe('POST /search', () => {
  it('when the question matches a message, then its conversation comes first with highlights and message links', async () => {
    const { status, body } = await search(owner, { query: 'when will the mobile app be planned?' });
    expect(status).toBe(200);
    expect(body.data.mode).toBe(t.db.kind === 'pglite' ? 'hybrid' : 'text-only');
    const top = body.data.results[0];
    expect(top?.conversationId).toBe(String(conversationA));
    expect(top?.highlight).toContain('<mark>');
    expect(top?.messageIds).toHaveLength(2);
  });

  it('when the question is Russian, then the Russian stem matches another word form', async () => {
    const { body } = await search(owner, { query: 'жалобы на выгрузку счетов' });
    expect(body.data.results[0]?.conversationId).toBe(String(conversationB));
  });

  it('when /health is read, then its search mode matches what search ran', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    const { body } = await search(owner, { query: 'mobile app' });
    expect(health.json().data.search.mode).toBe(body.data.mode);
  });

  it('when filters exclude the conversation or its time, then it is not returned', async () => {
    const byConversation = await search(owner, {
      query: 'mobile app',
      conversationId: String(conversationB),
    });
    expect(byConversation.body.data.results.map((r) => r.conversationId)).not.toContain(
      String(conversationA),
    );
    const byTime = await search(owner, { query: 'mobile app', from: '2025-05-10T00:00:00Z' });
    expect(byTime.body.data.results.map((r) => r.conversationId)).not.toContain(String(conversationA));
    const inTime = await search(owner, {
      query: 'mobile app',
      from: '2025-05-01T00:00:00Z',
      to: '2025-05-02T12:00:00Z',
    });
    expect(inTime.body.data.results[0]?.conversationId).toBe(String(conversationA));
  });

  it('when another project is active, then the first project text is not found', async () => {
    const s = await login(
      t,
      (await seedUser(t, { role: 'owner', workspace: 'ws-search' })).email,
      'correct horse battery',
    );
    await createAndSelectProject(t, s, 'Search B');
    const { status, body } = await search(s, { query: 'mobile app sprint launch' });
    expect(status).toBe(200);
    expect(body.data.results).toEqual([]);
  });

  it('when another workspace searches, then nothing of this workspace is found', async () => {
    const other = await seedUser(t, { role: 'owner', workspace: 'ws-elsewhere' });
    const s = await login(t, other.email, other.password);
    await createAndSelectProject(t, s, 'Elsewhere');
    const { body } = await search(s, { query: 'mobile app' });
    expect(body.data.results).toEqual([]);
  });

  it('when the query is empty, then 400 explains it', async () => {
    const { status } = await search(owner, { query: '   ' });
    expect(status).toBe(400);
  });

  it('when vector-only search is asked for without pgvector, then 409 says why', async () => {
    const { status, body } = await search(owner, { query: 'mobile app', mode: 'vector' });
    if (t.db.kind === 'pglite') {
      expect(status).toBe(200);
      expect(body.data.mode).toBe('vector-only');
    } else {
      expect(status).toBe(409);
    }
  });
});

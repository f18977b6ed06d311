import { upsertConnectorError } from '@keel/db/queries/connectors-state';
import {
  createContact,
  createConversation,
  createMessage,
  createProject,
  type ProjectScopeRef,
} from '@keel/db/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/** The data endpoints' enriched rows and the concrete output schemas OpenAPI publishes for them. */
let t: TestApp;
let s: Session;
let project: ProjectScopeRef;
const ids = { contact: 0, talked: 0, silent: 0, orphan: 0 };

type Conversation = {
  id: number;
  contactId: number | null;
  status: string;
  contact: { id: number; name: string | null; email: string | null; companyName: string | null } | null;
  lastMessage: { content: string | null; createdAt: string; messageType: string } | null;
  messagesCount: number;
};

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: authed(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 12, minutes));

beforeAll(async () => {
  t = await createTestApp();
  const owner = await seedUser(t, { role: 'owner' });
  s = await login(t, owner.email, owner.password);
  const created = await createAndSelectProject(t, s, 'Data project');
  project = { id: created.id, accountScopeId: s.accountScopeId };
  const db = t.deps.db;

  const contact = await createContact(db, project, {
    name: 'Ada Lovelace',
    email: 'ada@analytical.test',
    companyName: 'Analytical Engines',
  });
  ids.contact = contact.cwContactId;
  const talked = await createConversation(db, project, {
    cwContactId: contact.cwContactId,
    lastActivityAt: at(30),
    createdAtSource: at(0),
  });
  ids.talked = talked.cwConversationId;
  const conv = { cwConversationId: talked.cwConversationId, cwContactId: contact.cwContactId };
  await createMessage(db, project, { ...conv, content: 'Hello, the export fails', createdAtSource: at(1) });
  await createMessage(db, project, {
    ...conv,
    messageType: 'outgoing',
    senderType: 'user',
    content: 'Fixed in the next release',
    createdAtSource: at(2),
  });
  // Newer, but an activity line is not what anyone said: counted, not previewed.
  await createMessage(db, project, {
    ...conv,
    messageType: 'activity',
    senderType: null,
    content: 'Conversation was marked resolved',
    createdAtSource: at(3),
  });
  await createMessage(db, project, { ...conv, content: 'deleted', createdAtSource: at(4), deletedAt: at(5) });

  // Another workspace may reuse a Chatwoot conversation id; its messages are not ours.
  const other = await createProject(db);
  await createMessage(
    db,
    { id: other.id, accountScopeId: other.accountScopeId },
    {
      cwConversationId: talked.cwConversationId,
      content: 'from another workspace',
      createdAtSource: at(9),
    },
  );

  ids.silent = (
    await createConversation(db, project, {
      status: 'pending',
      lastActivityAt: at(20),
      createdAtSource: at(0),
    })
  ).cwConversationId;
  ids.orphan = (
    await createConversation(db, project, {
      cwContactId: 987_654_321,
      lastActivityAt: at(10),
      createdAtSource: at(0),
    })
  ).cwConversationId;

  await upsertConnectorError(
    db,
    { accountScopeId: project.accountScopeId, projectId: project.id },
    {
      connector: 'chatwoot',
      operation: 'messages.page',
      sourceRef: String(talked.cwConversationId),
      dedupeKey: `messages:${talked.cwConversationId}`,
      errorKind: 'http',
      errorMessage: 'Chatwoot answered 502',
      httpStatus: 502,
      payload: {},
      nextRetryAt: at(40),
      now: at(35),
    },
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('data endpoints', () => {
  it('when conversations are listed, then each row carries its contact, last message and message count', async () => {
    const page = await get('/conversations?limit=10');
    const rows = page.items as Conversation[];
    expect(rows.map((r) => r.id)).toEqual([ids.talked, ids.silent, ids.orphan]);
    expect(rows[0]).toMatchObject({
      contactId: ids.contact,
      contact: {
        id: ids.contact,
        name: 'Ada Lovelace',
        email: 'ada@analytical.test',
        companyName: 'Analytical Engines',
      },
      lastMessage: {
        content: 'Fixed in the next release',
        messageType: 'outgoing',
        createdAt: at(2).toISOString(),
      },
      messagesCount: 3,
    });
    expect(rows[1]).toMatchObject({ contact: null, lastMessage: null, messagesCount: 0 });
    expect(rows[2]).toMatchObject({ contactId: 987_654_321, contact: null, lastMessage: null });
  });

  it('when conversations are paged and filtered, then the cursor and filters still apply to enriched rows', async () => {
    const first = await get('/conversations?limit=2');
    expect((first.items as Conversation[]).map((r) => r.id)).toEqual([ids.talked, ids.silent]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get(`/conversations?limit=2&cursor=${first.nextCursor}`);
    expect((second.items as Conversation[]).map((r) => r.id)).toEqual([ids.orphan]);
    expect(second.nextCursor).toBeNull();

    const byContact = (await get(`/conversations?contactId=${ids.contact}`)).items as Conversation[];
    expect(byContact.map((r) => r.id)).toEqual([ids.talked]);
    expect(byContact[0]?.messagesCount).toBe(3);
    const pending = (await get('/conversations?status=pending')).items as Conversation[];
    expect(pending.map((r) => r.id)).toEqual([ids.silent]);
  });

  it('when contacts, messages and connector errors are read, then the rows pass their declared schemas', async () => {
    const contacts = (await get('/contacts')).items;
    expect(contacts[0]).toMatchObject({ id: ids.contact, companyName: 'Analytical Engines' });
    const messages = (await get(`/messages?conversationId=${ids.talked}`)).items;
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatchObject({ messageType: 'activity', private: false, hasAttachments: false });
    const errors = (await get('/connectors/errors')).errors;
    expect(errors).toEqual([
      expect.objectContaining({
        connector: 'chatwoot',
        unit: `messages:${ids.talked}`,
        httpStatus: 502,
        status: 'pending',
        attempts: 1,
        nextRetryAt: at(40).toISOString(),
        resolvedAt: null,
      }),
    ]);
    const state = (await get('/connectors/state')).connectors;
    expect(state.map((c: { connector: string }) => c.connector)).toEqual([
      'chatwoot',
      'linear',
      'attio',
      'loops',
    ]);
    expect(state[0]).toMatchObject({ status: 'idle', openErrors: 1, counts: {} });
    expect((await get('/connectors/reconciliation')).report).toBeNull();
  });

  it('when /openapi.json is read, then these routes publish concrete output properties', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };
    const data = (path: string, method = 'get'): Schema => {
      const op = doc.paths[path]?.[method];
      const ok = Object.entries(op?.responses ?? {}).find(([code]) => code.startsWith('2'))?.[1] as
        | { content: { 'application/json': { schema: Schema } } }
        | undefined;
      return ok?.content['application/json'].schema.properties?.data ?? {};
    };
    const itemKeys = (schema: Schema | undefined) => Object.keys(schema?.items?.properties ?? {});
    const nonNull = (schema: Schema | undefined) => schema?.anyOf?.find((x) => x.properties) ?? schema;

    const conversations = data('/conversations').properties?.items;
    expect(itemKeys(conversations)).toEqual(
      expect.arrayContaining(['id', 'status', 'contact', 'lastMessage', 'messagesCount']),
    );
    const conversationProps = conversations?.items?.properties ?? {};
    expect(Object.keys(nonNull(conversationProps.contact)?.properties ?? {})).toEqual([
      'id',
      'name',
      'email',
      'companyName',
    ]);
    expect(Object.keys(nonNull(conversationProps.lastMessage)?.properties ?? {})).toEqual([
      'content',
      'createdAt',
      'messageType',
    ]);
    expect(itemKeys(data('/contacts').properties?.items)).toContain('companyName');
    expect(itemKeys(data('/messages').properties?.items)).toContain('messageType');
    expect(itemKeys(data('/connectors/state').properties?.connectors)).toContain('openErrors');
    expect(itemKeys(data('/connectors/errors').properties?.errors)).toContain('errorMessage');
    expect(itemKeys(data('/connectors/credentials').properties?.credentials)).toContain('baseUrl');
    expect(
      Object.keys(nonNull(data('/connectors/reconciliation').properties?.report)?.properties ?? {}),
    ).toEqual(['at', 'differences', 'connectors']);
    expect(
      Object.keys(data('/connectors/reconciliation/run', 'post').properties?.report?.properties ?? {}),
    ).toContain('connectors');
    expect(Object.keys(data('/loops/sync', 'post').properties ?? {})).toContain('pushed');
    expect(Object.keys(data('/jobs/chatwoot/sync', 'post').properties ?? {})).toContain('resources');
  });
});

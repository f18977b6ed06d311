import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { cwContacts, cwConversations, cwMessages } from './schema/chatwoot.ts';
import { attioOpportunitiesRaw } from './schema/attio.ts';
import { kagScores, kagSignals } from './schema/kag-core.ts';
import { recommendationsV2 } from './schema/kag-v2.ts';
import { linearIssuesRaw } from './schema/linear.ts';
import {
  accountScopes,
  projectMembers,
  projects,
  type Role,
  users,
  workspaceMembers,
} from './schema/platform.ts';

/**
 * Test and demo factories: each inserts one row with random unique fields and returns it.
 * Overrides win over every default. Project-scoped factories take the project row, so the
 * workspace id always matches the project's.
 */

/** What a project-scoped factory needs from a project row. */
export type ProjectScopeRef = { id: string; accountScopeId: string };

/** Argon2id-shaped placeholder: tests that never log in need no real hash (and no 50 ms of hashing). */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXlzYWx0ZHVtbXk$ZHVtbXloYXNoZHVtbXloYXNoZHVtbXloYXNo';

/** Vendor integer ids: random start so parallel test files on one server never collide. */
let numericSeq = Math.floor(Math.random() * 1_000_000_000);
const nextNumericId = () => {
  numericSeq += 1;
  return numericSeq;
};
const shortId = () => randomUUID().slice(0, 8);

function single<T>(rows: T[], table: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`insert into ${table} returned no row`);
  return row;
}

export async function createWorkspace(
  db: Database,
  overrides: Partial<typeof accountScopes.$inferInsert> = {},
): Promise<typeof accountScopes.$inferSelect> {
  const suffix = shortId();
  const rows = await db
    .insert(accountScopes)
    .values({ slug: `ws-${suffix}`, name: `Workspace ${suffix}`, ...overrides })
    .returning();
  return single(rows, 'account_scopes');
}

/** `passwordHash`: pass a precomputed hash when the test logs in; the default matches no password. */
export async function createUser(
  db: Database,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<typeof users.$inferSelect> {
  const suffix = shortId();
  const rows = await db
    .insert(users)
    .values({
      email: `user-${suffix}@example.test`,
      name: `User ${suffix}`,
      passwordHash: DUMMY_PASSWORD_HASH,
      ...overrides,
    })
    .returning();
  return single(rows, 'users');
}

export async function addWorkspaceMember(
  db: Database,
  input: { accountScopeId: string; userId: string; role?: Role },
): Promise<typeof workspaceMembers.$inferSelect> {
  const rows = await db
    .insert(workspaceMembers)
    .values({ accountScopeId: input.accountScopeId, userId: input.userId, role: input.role ?? 'pm' })
    .returning();
  return single(rows, 'workspace_members');
}

/** Creates a workspace too unless `accountScopeId` is given. */
export async function createProject(
  db: Database,
  overrides: Partial<typeof projects.$inferInsert> = {},
): Promise<typeof projects.$inferSelect> {
  const accountScopeId = overrides.accountScopeId ?? (await createWorkspace(db)).id;
  const suffix = shortId();
  const rows = await db
    .insert(projects)
    .values({
      name: `Project ${suffix}`,
      slug: `project-${suffix}`,
      clientName: `Client ${suffix}`,
      ...overrides,
      accountScopeId,
    })
    .returning();
  return single(rows, 'projects');
}

export async function addProjectMember(
  db: Database,
  input: { projectId: string; userId: string; role?: Role },
): Promise<typeof projectMembers.$inferSelect> {
  const accountScopeId = sql<string>`(select account_scope_id from projects where id = ${input.projectId}::uuid)`;
  const rows = await db
    .insert(projectMembers)
    .values({ accountScopeId, projectId: input.projectId, userId: input.userId, role: input.role ?? 'pm' })
    .returning();
  return single(rows, 'project_members');
}

export async function createContact(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof cwContacts.$inferInsert> = {},
): Promise<typeof cwContacts.$inferSelect> {
  const cwContactId = overrides.cwContactId ?? nextNumericId();
  const rows = await db
    .insert(cwContacts)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      cwContactId,
      name: `Contact ${cwContactId}`,
      email: `contact-${cwContactId}@client.test`,
      createdAtSource: new Date(),
      raw: { id: cwContactId },
      ...overrides,
    })
    .returning();
  return single(rows, 'cw_contacts');
}

export async function createConversation(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof cwConversations.$inferInsert> = {},
): Promise<typeof cwConversations.$inferSelect> {
  const cwConversationId = overrides.cwConversationId ?? nextNumericId();
  const now = new Date();
  const rows = await db
    .insert(cwConversations)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      cwConversationId,
      cwInboxId: 1,
      status: 'open',
      lastActivityAt: now,
      createdAtSource: now,
      sourceUpdatedAt: now,
      raw: { id: cwConversationId },
      ...overrides,
    })
    .returning();
  return single(rows, 'cw_conversations');
}

/** Creates a conversation too unless `cwConversationId` is given. */
export async function createMessage(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof cwMessages.$inferInsert> = {},
): Promise<typeof cwMessages.$inferSelect> {
  const conversation =
    overrides.cwConversationId === undefined ? await createConversation(db, project) : undefined;
  const cwConversationId = overrides.cwConversationId ?? conversation?.cwConversationId ?? nextNumericId();
  const cwMessageId = overrides.cwMessageId ?? nextNumericId();
  const rows = await db
    .insert(cwMessages)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      cwMessageId,
      cwConversationId,
      cwContactId: conversation?.cwContactId ?? null,
      messageType: 'incoming',
      senderType: 'contact',
      content: `Message ${cwMessageId}`,
      createdAtSource: new Date(),
      raw: { id: cwMessageId, conversation_id: cwConversationId },
      ...overrides,
    })
    .returning();
  return single(rows, 'cw_messages');
}

export async function createLinearIssue(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof linearIssuesRaw.$inferInsert> = {},
): Promise<typeof linearIssuesRaw.$inferSelect> {
  const number = nextNumericId() % 100_000;
  const now = new Date();
  const rows = await db
    .insert(linearIssuesRaw)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      linearIssueId: randomUUID(),
      identifier: `ENG-${number}`,
      number,
      title: `Issue ${number}`,
      priority: 3,
      stateType: 'unstarted',
      stateName: 'Todo',
      createdAtSource: now,
      sourceUpdatedAt: now,
      raw: { identifier: `ENG-${number}` },
      ...overrides,
    })
    .returning();
  return single(rows, 'linear_issues_raw');
}

export async function createAttioDeal(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof attioOpportunitiesRaw.$inferInsert> = {},
): Promise<typeof attioOpportunitiesRaw.$inferSelect> {
  const attioRecordId = overrides.attioRecordId ?? randomUUID();
  const rows = await db
    .insert(attioOpportunitiesRaw)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      attioRecordId,
      name: `Deal ${attioRecordId.slice(0, 8)}`,
      stage: 'In Progress',
      status: 'open',
      amountMinor: 1_000_000,
      currency: 'USD',
      createdAtSource: new Date(),
      raw: { id: { record_id: attioRecordId } },
      ...overrides,
    })
    .returning();
  return single(rows, 'attio_opportunities_raw');
}

export async function createSignal(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof kagSignals.$inferInsert> = {},
): Promise<typeof kagSignals.$inferSelect> {
  const now = new Date();
  const rows = await db
    .insert(kagSignals)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      key: 'client_waiting',
      category: 'communication',
      subjectKey: `conversation:${nextNumericId()}`,
      severity: 0.5,
      title: 'Client waiting',
      sentence: 'A client message has had no reply for 6 business hours.',
      firstDetectedAt: now,
      configVersion: 'test',
      asOf: now,
      ...overrides,
    })
    .returning();
  return single(rows, 'kag_signals');
}

export async function createScore(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof kagScores.$inferInsert> = {},
): Promise<typeof kagScores.$inferSelect> {
  const rows = await db
    .insert(kagScores)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      scoreType: 'health',
      value: 72,
      configVersion: 'test',
      asOf: new Date(),
      ...overrides,
    })
    .returning();
  return single(rows, 'kag_scores');
}

export async function createRecommendation(
  db: Database,
  project: ProjectScopeRef,
  overrides: Partial<typeof recommendationsV2.$inferInsert> = {},
): Promise<typeof recommendationsV2.$inferSelect> {
  const rows = await db
    .insert(recommendationsV2)
    .values({
      accountScopeId: project.accountScopeId,
      projectId: project.id,
      type: 'reply_to_client',
      subjectKey: `conversation:${nextNumericId()}`,
      title: 'Reply to the client',
      body: 'The client has waited 6 business hours.',
      priority: 0.56,
      severity: 0.8,
      confidence: 0.7,
      configVersion: 'test',
      asOf: new Date(),
      ...overrides,
    })
    .returning();
  return single(rows, 'recommendations_v2');
}

import {
  addProjectMember,
  createLinearIssue,
  createProject,
  createRecommendation,
  createSignal,
} from '@keel/db/factories';
import { kagEvents } from '@keel/db/schema/kag-core';
import { login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * Two projects of one workspace with kag signals citing a client message and a Linear issue,
 * and an open recommendation v2 suggesting a reply: what the legacy and evidence tests project
 * and index. The other project cites its own message with the same word.
 */
export type LegacyFixture = {
  owner: Session;
  pm: Session;
  viewer: Session;
  project: { id: string; accountScopeId: string };
  other: { id: string; accountScopeId: string };
  eventId: string;
  otherEventId: string;
  issueId: string;
  waitingSignalId: string;
  recommendationId: string;
};

export async function seedLegacyFixture(t: TestApp, workspace: string, at: Date): Promise<LegacyFixture> {
  const db = t.deps.db;
  const o = await seedUser(t, { role: 'owner', workspace });
  const p = await seedUser(t, { role: 'pm', workspace });
  const v = await seedUser(t, { role: 'viewer', workspace });
  const project = await createProject(db, {
    accountScopeId: o.workspace.id,
    name: 'Borealis',
    clientName: 'Acme',
  });
  const other = await createProject(db, {
    accountScopeId: o.workspace.id,
    name: 'Cygnus',
    clientName: 'Beta',
  });
  for (const pr of [project, other]) {
    await addProjectMember(db, { projectId: pr.id, userId: p.user.id, role: 'pm' });
    await addProjectMember(db, { projectId: pr.id, userId: v.user.id, role: 'viewer' });
  }
  const scope = { accountScopeId: o.workspace.id, projectId: project.id };
  const [event] = await db
    .insert(kagEvents)
    .values({
      ...scope,
      kind: 'message_in',
      source: 'chatwoot',
      sourceRef: '9001',
      occurredAt: new Date(at.getTime() - 6 * 3_600_000),
      actor: 'client',
      payload: { conversationId: 42, conversationLabel: '#42', text: 'Where is the invoice for the pilot?' },
    })
    .returning({ id: kagEvents.id });
  const [otherEvent] = await db
    .insert(kagEvents)
    .values({
      accountScopeId: o.workspace.id,
      projectId: other.id,
      kind: 'message_in',
      source: 'chatwoot',
      sourceRef: '9002',
      occurredAt: new Date(at.getTime() - 3_600_000),
      actor: 'client',
      payload: { conversationId: 43, text: 'The invoice of Cygnus is wrong.' },
    })
    .returning({ id: kagEvents.id });
  if (!event || !otherEvent) throw new Error('fixture events not written');
  const issue = await createLinearIssue(db, project, { identifier: 'ENG-7', title: 'Checkout times out' });
  const waiting = await createSignal(db, project, {
    key: 'client_waiting',
    subjectKey: 'conversation:42',
    severity: 0.6,
    evidence: [{ table: 'kag_events', id: event.id, label: 'Ann: Where is the invoice?' }],
    asOf: at,
  });
  await createSignal(db, project, {
    key: 'overdue_issues',
    category: 'delivery',
    subjectKey: '',
    severity: 0.4,
    title: 'Overdue issues',
    sentence: 'One issue is past its due date.',
    evidence: [{ table: 'linear_issues_raw', id: issue.id, label: 'ENG-7' }],
    asOf: at,
  });
  await createSignal(db, other, {
    key: 'client_waiting',
    subjectKey: 'conversation:43',
    evidence: [{ table: 'kag_events', id: otherEvent.id }],
    asOf: at,
  });
  const rec = await createRecommendation(db, project, {
    type: 'reply_to_client',
    subjectKey: 'conversation:42',
    title: 'Reply to Acme about the invoice',
    body: 'Ann asked 6 hours ago.',
    signalKeys: ['client_waiting'],
    evidence: [{ table: 'kag_events', id: event.id }],
    suggestedAction: { type: 'send_message', draft: { text: 'Hi Ann, the invoice is on its way.' } },
    asOf: at,
  });
  return {
    owner: await login(t, o.email, o.password),
    pm: await login(t, p.email, p.password),
    viewer: await login(t, v.email, v.password),
    project: { id: project.id, accountScopeId: o.workspace.id },
    other: { id: other.id, accountScopeId: o.workspace.id },
    eventId: event.id,
    otherEventId: otherEvent.id,
    issueId: issue.id,
    waitingSignalId: waiting.id,
    recommendationId: rec.id,
  };
}

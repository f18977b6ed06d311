import { manualClock } from '@keel/core/clock';
import {
  addProjectMember,
  createContact,
  createConversation,
  createLinearIssue,
  createProject,
} from '@keel/db/factories';
import { attioPeopleRaw } from '@keel/db/schema/attio';
import { kagEdges, kagNodes } from '@keel/db/schema/kag-core';
import { auditEvents } from '@keel/db/schema/platform';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * The identity graph over HTTP: a preview fills the review queue without linking anything,
 * viewers read and cannot act, applying twice gives one link (and one `same_person` edge in the
 * graph), undo removes the link and the edge and returns the suggestion to the queue.
 */
const now = new Date('2026-03-02T12:00:00Z');
let t: TestApp;
let pm: Session;
let viewer: Session;
let project: Awaited<ReturnType<typeof createProject>>;
let contactId = 0;
const personRef = '5b0f7c5e-3a64-4c1a-9d59-2f0d6f1a0001';

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };
const as = (s: Session) => ({ ...authed(s), 'x-project-id': project.id });

async function call<T>(s: Session, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers: as(s) } : { method, url, headers: as(s), payload },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

type Side = { kind: string; ref: string; label: string | null };
type Suggestion = {
  id: string;
  left: Side;
  right: Side;
  confidence: number;
  status: string;
  matchedFields: Array<{ field: string; left: string; right: string }>;
};
type Link = { id: string; suggestionId: string; personKey: string; left: Side; right: Side };

async function sameEdges() {
  const nodes = await t.deps.db
    .select({ id: kagNodes.id, key: kagNodes.nodeKey })
    .from(kagNodes)
    .where(eq(kagNodes.projectId, project.id));
  const key = new Map(nodes.map((n) => [n.id, n.key]));
  const edges = await t.deps.db
    .select()
    .from(kagEdges)
    .where(and(eq(kagEdges.projectId, project.id), eq(kagEdges.edgeType, 'same_person')));
  return edges.map((e) => `${key.get(e.fromNodeId)}→${key.get(e.toNodeId)}`);
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'id-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'id-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'id-ws' });
  project = await createProject(t.deps.db, {
    accountScopeId: o.workspace.id,
    name: 'Vektor',
    clientName: 'Vektor',
  });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: p.user.id, role: 'pm' });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: v.user.id, role: 'viewer' });
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
  // The same human, written differently in each system: Cyrillic vs Latin, a private mailbox vs
  // the work one, the phone in national vs international format.
  const contact = await createContact(t.deps.db, project, {
    name: 'Иван Петров',
    email: 'ivan.petrov1990@gmail.com',
    phoneNumber: '+7 (916) 123-45-67',
  });
  contactId = contact.cwContactId;
  await createConversation(t.deps.db, project, { cwContactId: contact.cwContactId });
  await t.deps.db.insert(attioPeopleRaw).values({
    accountScopeId: o.workspace.id,
    projectId: project.id,
    attioRecordId: personRef,
    fullName: 'Ivan Petrov',
    primaryEmail: 'ivan.petrov@vektor.ru',
    emails: ['ivan.petrov@vektor.ru'],
    phoneNumbers: ['+79161234567'],
    raw: {},
  });
  // Someone else entirely: no suggestion.
  await createLinearIssue(t.deps.db, project, {
    assigneeId: 'user-anna',
    assigneeName: 'Anna Reed',
    assigneeEmail: 'anna@brightside.dev',
  });
});

afterAll(async () => {
  await t?.close();
});

describe('identity endpoints', () => {
  let suggestion: Suggestion;

  it('when a pm previews, then the pair waits in the queue with both values of each field, and nothing is linked', async () => {
    expect((await call(viewer, 'POST', '/identity/suggestions/preview', {})).status).toBe(403);
    const preview = await call<{ inserted: number; proposed: number }>(
      pm,
      'POST',
      '/identity/suggestions/preview',
      {},
    );
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data).toMatchObject({ inserted: 1, proposed: 1 });
    // A second preview finds the same pair: no new row.
    const again = await call<{ inserted: number; proposed: number }>(
      pm,
      'POST',
      '/identity/suggestions/preview',
      {},
    );
    expect(again.body.data).toMatchObject({ inserted: 0, proposed: 1 });

    const listed = await call<{ items: Suggestion[] }>(viewer, 'GET', '/identity/suggestions');
    expect(listed.status).toBe(200);
    expect(listed.body.data.items).toHaveLength(1);
    suggestion = listed.body.data.items[0] as Suggestion;
    expect(suggestion).toMatchObject({
      status: 'proposed',
      confidence: 0.94,
      left: { kind: 'attio_person', ref: personRef, label: 'Ivan Petrov' },
      right: { kind: 'cw_contact', ref: String(contactId), label: 'Иван Петров' },
      matchedFields: [
        { field: 'phone', left: '+79161234567', right: '+7 (916) 123-45-67' },
        { field: 'name', left: 'Ivan Petrov', right: 'Иван Петров' },
      ],
    });
    expect((await call<{ items: Link[] }>(viewer, 'GET', '/identity/links')).body.data.items).toEqual([]);
  });

  it('when a pm applies twice, then there is one link and one same_person edge; a viewer cannot apply', async () => {
    expect((await call(viewer, 'POST', '/identity/suggestions/apply', { ids: [suggestion.id] })).status).toBe(
      403,
    );
    const first = await call<{ applied: number; items: Link[] }>(pm, 'POST', '/identity/suggestions/apply', {
      ids: [suggestion.id],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.applied).toBe(1);
    const second = await call<{ applied: number; items: Link[] }>(pm, 'POST', '/identity/suggestions/apply', {
      ids: [suggestion.id],
    });
    expect(second.body.data.applied).toBe(0);
    expect(second.body.data.items[0]?.id).toBe(first.body.data.items[0]?.id);

    const links = await call<{ items: Link[] }>(viewer, 'GET', '/identity/links');
    expect(links.body.data.items).toHaveLength(1);
    expect(links.body.data.items[0]).toMatchObject({
      suggestionId: suggestion.id,
      personKey: `attio:person:${personRef}`,
      right: { label: 'Иван Петров' },
    });
    expect(await sameEdges()).toEqual([`attio:person:${personRef}→chatwoot:contact:${contactId}`]);
    const queue = await call<{ items: Suggestion[] }>(viewer, 'GET', '/identity/suggestions');
    expect(queue.body.data.items).toEqual([]);
    const applied = await call<{ items: Suggestion[] }>(
      viewer,
      'GET',
      '/identity/suggestions?status=applied',
    );
    expect(applied.body.data.items.map((s) => s.id)).toEqual([suggestion.id]);
    // A dismissal of an applied pair is refused with the way out.
    const dismiss = await call(pm, 'POST', '/identity/suggestions/dismiss', { ids: [suggestion.id] });
    expect(dismiss.status).toBe(409);
    expect(dismiss.body.message).toMatch(/undo/);
  });

  it('when a pm undoes the link, then the edge goes and the suggestion is back in the queue; undo again is a 404', async () => {
    const [link] = (await call<{ items: Link[] }>(pm, 'GET', '/identity/links')).body.data.items;
    expect((await call(viewer, 'POST', `/identity/links/${link?.id}/undo`, {})).status).toBe(403);
    const undone = await call<{ suggestion: Suggestion }>(pm, 'POST', `/identity/links/${link?.id}/undo`, {});
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.data.suggestion.status).toBe('proposed');
    expect((await call<{ items: Link[] }>(pm, 'GET', '/identity/links')).body.data.items).toEqual([]);
    expect(await sameEdges()).toEqual([]);
    const queue = await call<{ items: Suggestion[] }>(viewer, 'GET', '/identity/suggestions');
    expect(queue.body.data.items.map((s) => s.id)).toEqual([suggestion.id]);
    expect((await call(pm, 'POST', `/identity/links/${link?.id}/undo`, {})).status).toBe(404);
  });

  it('when a pm rejects, then the suggestion leaves the queue and a new preview does not bring it back', async () => {
    const dismissed = await call<{ dismissed: number }>(pm, 'POST', '/identity/suggestions/dismiss', {
      ids: [suggestion.id],
    });
    expect(dismissed.body.data.dismissed).toBe(1);
    await call(pm, 'POST', '/identity/suggestions/preview', {});
    expect((await call<{ items: Suggestion[] }>(pm, 'GET', '/identity/suggestions')).body.data.items).toEqual(
      [],
    );
    const all = await call<{ items: Suggestion[] }>(pm, 'GET', '/identity/suggestions?status=dismissed');
    expect(all.body.data.items.map((s) => s.id)).toEqual([suggestion.id]);
  });

  it('when ids are bad, then 4xx with the field named, and nothing is written', async () => {
    const notUuid = await call(pm, 'POST', '/identity/suggestions/apply', { ids: ['nope'] });
    expect(notUuid.status).toBe(400);
    const empty = await call(pm, 'POST', '/identity/suggestions/apply', { ids: [] });
    expect(empty.status).toBe(400);
    const unknown = await call(pm, 'POST', '/identity/suggestions/apply', {
      ids: [suggestion.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/00000000-0000-4000-8000-000000000000/);
    expect((await call<{ items: Link[] }>(pm, 'GET', '/identity/links')).body.data.items).toEqual([]);
    expect((await call(pm, 'POST', '/identity/links/not-a-uuid/undo', {})).status).toBe(400);
    expect((await call(pm, 'GET', '/identity/suggestions?cursor=garbage')).status).toBe(400);
  });

  it('records every decision in the audit log', async () => {
    const rows = await t.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.projectId, project.id), like(auditEvents.action, 'identity.%')));
    const actions = rows.map((r) => r.action);
    for (const a of ['identity.preview', 'identity.apply', 'identity.undo', 'identity.dismiss'])
      expect(actions).toContain(a);
    expect(actions.filter((a) => a === 'identity.apply')).toHaveLength(1);
  });
});

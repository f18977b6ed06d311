import { applyContinuityActions } from '@keel/app/services/continuity';
import { ownerActing } from '@keel/app/identity';
import type { VendorActions } from '@keel/connectors/actions/vendor-actions';
import { addProjectMember } from '@keel/db/factories';
import { outboundMessages } from '@keel/db/schema/outbound';
import { auditEvents } from '@keel/db/schema/platform';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSandbox, startDemoSandbox } from '../src/demo-sandbox.ts';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * Continuity over HTTP against the sandbox's Attio, Chatwoot and Linear emulators: a pm
 * previews the actions of a trigger and applies them; apply called three times, and three
 * times at once, creates each action once in the emulators (and one outbox draft, never sent).
 */
let t: TestApp;
let demo: DemoSandbox;
let pm: Session;
let viewer: Session;
let projectId = '';
let accountScopeId = '';
let ownerUser = { id: '', email: 'o@example.test', name: 'Owner' };

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };
type Action = {
  id: string;
  actionType: string;
  status: string;
  idempotencyKey: string;
  externalId: string | null;
  externalUrl: string | null;
  error: string | null;
};
type Plan = { trigger: string; items: Action[] };

async function call<T>(s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const headers = { ...authed(s), 'x-project-id': projectId };
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers } : { method, url, headers, payload: payload as object },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

const tasksWith = (key: string) =>
  demo.sandbox.dataset.tasks.filter((x) => x.content.includes(`keel-key:${key}`));
const issuesWith = (key: string) =>
  demo.sandbox.dataset.issues.filter((i) => i.description?.includes(`keel-key:${key}`));
const draftsWith = (key: string) =>
  t.deps.db.select().from(outboundMessages).where(eq(outboundMessages.idempotencyKey, key));

beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  const o = await seedUser(t, { role: 'owner', workspace: 'continuity-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'continuity-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'continuity-ws' });
  accountScopeId = o.workspace.id;
  ownerUser = { id: o.user.id, email: o.email, name: 'Owner' };
  demo = await startDemoSandbox(t.deps, { accountScopeId, ownerUserId: o.user.id });
  await demo.initialSync;
  projectId = demo.projects[0]?.projectId ?? '';
  for (const x of demo.projects) {
    await addProjectMember(t.deps.db, { projectId: x.projectId, userId: p.user.id, role: 'pm' });
    await addProjectMember(t.deps.db, { projectId: x.projectId, userId: v.user.id, role: 'viewer' });
  }
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
}, 300_000);

afterAll(async () => {
  await demo?.close();
  await t?.close();
});

describe('continuity', () => {
  it('when a pm previews a project end, then three actions are planned and nothing reaches a vendor', async () => {
    const tasksBefore = demo.sandbox.dataset.tasks.length;
    const res = await call<Plan>(pm, 'POST', '/continuity/preview', { trigger: 'project_ended' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.items.map((a) => [a.actionType, a.status])).toEqual([
      ['attio_task', 'previewed'],
      ['chatwoot_checkin', 'previewed'],
      ['linear_handover', 'previewed'],
    ]);
    expect(demo.sandbox.dataset.tasks.length).toBe(tasksBefore);
    for (const a of res.body.data.items) expect(issuesWith(a.idempotencyKey)).toHaveLength(0);
    const again = await call<Plan>(pm, 'POST', '/continuity/preview', { trigger: 'project_ended' });
    expect(again.body.data.items.map((a) => a.id)).toEqual(res.body.data.items.map((a) => a.id));
  });

  it('when apply is called three times, then each action exists once in the emulators, with its id', async () => {
    const results: Plan[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call<Plan>(pm, 'POST', '/continuity/apply', { trigger: 'project_ended' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      results.push(res.body.data);
    }
    const [first, , last] = results;
    expect(first?.items.map((a) => [a.actionType, a.status, a.error])).toEqual([
      ['attio_task', 'applied', null],
      ['chatwoot_checkin', 'applied', null],
      ['linear_handover', 'applied', null],
    ]);
    expect(last?.items.map((a) => a.externalId)).toEqual(first?.items.map((a) => a.externalId));
    const [task, checkin, issue] = first?.items ?? [];
    expect(tasksWith(task?.idempotencyKey ?? '')).toHaveLength(1);
    expect(tasksWith(task?.idempotencyKey ?? '')[0]?.id).toBe(task?.externalId);
    expect(issuesWith(issue?.idempotencyKey ?? '')).toHaveLength(1);
    expect(issue?.externalUrl).toMatch(/^https?:/);
    const drafts = await draftsWith(checkin?.idempotencyKey ?? '');
    // Drafted in the outbox, waiting for approval: never sent from here.
    expect(drafts.map((d) => [d.id, d.status])).toEqual([[checkin?.externalId, 'draft']]);
    const listed = await call<{ items: Action[] }>(
      viewer,
      'GET',
      '/continuity/actions?trigger=project_ended',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data.items.map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
    const audit = await t.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.projectId, projectId), like(auditEvents.action, 'continuity.%')));
    expect(audit.filter((a) => a.action === 'continuity.applied')).toHaveLength(3);
  }, 60_000);

  it('when apply is called three times at once, then each action is still created once', async () => {
    const body = { trigger: 'manager_changed', newManager: 'Boris Ivanov' };
    const all = await Promise.all([1, 2, 3].map(() => call<Plan>(pm, 'POST', '/continuity/apply', body)));
    for (const r of all) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const keys = all[0]?.body.data.items.map((a) => a.idempotencyKey) ?? [];
    expect(keys).toHaveLength(3);
    expect(tasksWith(keys[0] ?? '')).toHaveLength(1);
    expect(await draftsWith(keys[1] ?? '')).toHaveLength(1);
    expect(issuesWith(keys[2] ?? '')).toHaveLength(1);
    // Whoever lost a claim reports the row as it was; a later apply sees every one applied.
    const after = await call<Plan>(pm, 'POST', '/continuity/apply', body);
    expect(after.body.data.items.map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
  }, 60_000);

  it('when a vendor fails, then the action keeps its error and the next apply creates it once', async () => {
    const actor = {
      deps: t.deps,
      requestId: 'test',
      ip: '127.0.0.1',
      auth: ownerActing(ownerUser, accountScopeId),
    };
    const broken: VendorActions = {
      ...t.deps.vendorActions,
      attioTasks: async () => {
        throw new Error('attio: 503 service unavailable');
      },
    };
    const request = { trigger: 'manager_changed' as const, newManager: 'Carla Diaz' };
    const scope = { accountScopeId, projectId };
    const failed = await applyContinuityActions(
      { ...actor, deps: { ...t.deps, vendorActions: broken } },
      scope,
      request,
    );
    expect(failed.items.map((a) => [a.actionType, a.status])).toEqual([
      ['attio_task', 'failed'],
      ['chatwoot_checkin', 'applied'],
      ['linear_handover', 'applied'],
    ]);
    expect(failed.items[0]?.error).toBe('attio: 503 service unavailable');
    const retried = await call<Plan>(pm, 'POST', '/continuity/apply', request);
    expect(retried.body.data.items.map((a) => [a.status, a.error])).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
    ]);
    expect(tasksWith(retried.body.data.items[0]?.idempotencyKey ?? '')).toHaveLength(1);
    expect(retried.body.data.items[2]?.externalId).toBe(failed.items[2]?.externalId);
  }, 60_000);

  it('when any demo project is previewed, then its Attio task finds the client’s company, also through the project’s own deals', async () => {
    const first = projectId;
    try {
      for (const x of demo.projects) {
        projectId = x.projectId;
        const res = await call<Plan>(pm, 'POST', '/continuity/preview', { trigger: 'project_ended' });
        expect(res.status).toBe(200);
        const task = res.body.data.items.find((a) => a.actionType === 'attio_task');
        // The first project's was applied above; a preview never touches an applied action.
        expect([x.name, task?.status === 'skipped', task?.error]).toEqual([x.name, false, null]);
      }
    } finally {
      projectId = first;
    }
  });

  it('when a viewer tries, then 403; bad input is a 400 with an actionable message', async () => {
    expect((await call(viewer, 'POST', '/continuity/preview', { trigger: 'project_ended' })).status).toBe(
      403,
    );
    expect((await call(viewer, 'POST', '/continuity/apply', { trigger: 'project_ended' })).status).toBe(403);
    const noManager = await call(pm, 'POST', '/continuity/preview', { trigger: 'manager_changed' });
    expect(noManager.status).toBe(400);
    expect(noManager.body.message).toMatch(/newManager/);
    expect((await call(pm, 'POST', '/continuity/apply', { trigger: 'paused' })).status).toBe(400);
    expect((await call(pm, 'POST', '/continuity/apply', {})).status).toBe(400);
    expect((await call(viewer, 'GET', '/continuity/actions?trigger=nope')).status).toBe(400);
  });
});

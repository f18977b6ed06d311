import { manualClock } from '@keel/core/clock';
import { addProjectMember, createProject, createRecommendation } from '@keel/db/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * The outbox, offers and recommendation actions over HTTP: viewers read, pms act, owners approve
 * discounts, a second person approves an offer's send, and nothing is sent without approval.
 */
const now = new Date('2026-03-02T12:00:00Z');
let t: TestApp;
let owner: Session;
let pm: Session;
let viewer: Session;
let project: Awaited<ReturnType<typeof createProject>>;

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };
const as = (s: Session) => ({ ...authed(s), 'x-project-id': project.id });

async function call<T>(s: Session, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers: as(s) } : { method, url, headers: as(s), payload },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  const o = await seedUser(t, { role: 'owner', workspace: 'out-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'out-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'out-ws' });
  project = await createProject(t.deps.db, {
    accountScopeId: o.workspace.id,
    name: 'Apollo',
    clientName: 'Acme',
  });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: p.user.id, role: 'pm' });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: v.user.id, role: 'viewer' });
  owner = await login(t, o.email, o.password);
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
});

afterAll(async () => {
  await t?.close();
});

type Message = { id: string; status: string; attemptLog?: unknown[] };

describe('outbound endpoints', () => {
  it('when a pm drafts, a viewer cannot act, and a draft cannot be sent before it is approved', async () => {
    const draft = { contactRef: '42', recipient: '1001', body: 'Hello, the release is on Friday.' };
    expect((await call(viewer, 'POST', '/outbound/draft', draft)).status).toBe(403);
    const created = await call<Message>(pm, 'POST', '/outbound/draft', draft);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.data.id;
    const send = await call(pm, 'POST', `/outbound/${id}/send`);
    expect(send.status).toBe(409);
    expect(send.body.message).toMatch(/approval/);
    expect((await call(viewer, 'POST', `/outbound/${id}/approve`)).status).toBe(403);
    const listed = await call<{ items: Message[] }>(viewer, 'GET', '/outbound?status=draft');
    expect(listed.status).toBe(200);
    expect(listed.body.data.items.map((m) => m.id)).toContain(id);
    const approved = await call<Message>(pm, 'POST', `/outbound/${id}/approve`);
    expect(approved.body.data.status).toBe('approved');
    expect((await call(pm, 'POST', `/outbound/${id}/approve`)).status).toBe(409);
    // Chatwoot is not connected here: the send fails with the reason and is retried later.
    const processed = await call<{ failed: number; retrying: number; outcomes: Array<{ detail: string }> }>(
      pm,
      'POST',
      '/outbound/process',
      {},
    );
    expect(processed.status).toBe(200);
    expect(processed.body.data.outcomes[0]?.detail).toMatch(/not connected/);
  });

  it('when a pm opts a contact out, then the reply is blocked with the reason', async () => {
    const optOut = await call(pm, 'POST', '/outbound/opt-out', {
      contactRef: '77',
      channel: 'all',
      reason: 'asked',
    });
    expect(optOut.status).toBe(200);
    const created = await call<Message>(pm, 'POST', '/outbound/draft', {
      contactRef: '77',
      recipient: '9',
      body: 'Hi',
    });
    await call(owner, 'POST', `/outbound/${created.body.data.id}/approve`);
    const sent = await call<{ status: string; reason: string }>(
      pm,
      'POST',
      `/outbound/${created.body.data.id}/send`,
    );
    expect(sent.body.data).toMatchObject({ status: 'blocked', reason: 'opted_out' });
  });
});

type Offer = { id: string; status: string; outboundId: string; outboundStatus: string };

describe('offers', () => {
  it('when a discount is above the threshold, then only an owner approves it and someone other than the creator approves the send', async () => {
    const created = await call<Offer>(pm, 'POST', '/offers', {
      title: 'Phase 2',
      amountMinor: 1_200_000,
      currency: 'EUR',
      discountPct: 20,
      contactRef: '42',
      conversationId: '1001',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const offer = created.body.data;
    expect(offer).toMatchObject({ status: 'discount_pending', outboundStatus: 'draft' });
    // The offer's message cannot be approved around the offer.
    expect((await call(owner, 'POST', `/outbound/${offer.outboundId}/approve`)).status).toBe(409);
    expect((await call(pm, 'POST', `/offers/${offer.id}/approve-send`)).status).toBe(409);
    expect((await call(pm, 'POST', `/offers/${offer.id}/approve-discount`)).status).toBe(403);
    expect((await call(viewer, 'POST', `/offers/${offer.id}/approve-discount`)).status).toBe(403);
    const discounted = await call<Offer>(owner, 'POST', `/offers/${offer.id}/approve-discount`);
    expect(discounted.body.data.status).toBe('draft');
    expect((await call(pm, 'POST', `/offers/${offer.id}/approve-send`)).status).toBe(403);
    const approved = await call<Offer>(owner, 'POST', `/offers/${offer.id}/approve-send`);
    expect(approved.body.data).toMatchObject({ status: 'approved', outboundStatus: 'approved' });
    const list = await call<{ items: Offer[] }>(viewer, 'GET', '/offers');
    expect(list.body.data.items.map((o) => o.id)).toContain(offer.id);
  });
});

type Run = {
  id: string;
  status: string;
  idempotencyKey: string;
  externalId: string | null;
  lastError: string | null;
};

describe('recommendation actions', () => {
  it('when a pm runs an action twice with the same key, then one run; a viewer reads but cannot act', async () => {
    const rec = await createRecommendation(
      t.deps.db,
      { id: project.id, accountScopeId: project.accountScopeId },
      {
        suggestedAction: {
          type: 'send_message',
          draft: { conversationId: '1001', contactRef: '42', body: 'We are looking into it.' },
        },
      },
    );
    const url = `/kag/v2/recommendations/${rec.id}/actions`;
    expect((await call(viewer, 'POST', url, {})).status).toBe(403);
    const first = await call<Run>(pm, 'POST', url, { idempotencyKey: 'click-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.status).toBe('succeeded');
    const again = await call<Run>(pm, 'POST', url, { idempotencyKey: 'click-1' });
    expect(again.body.data.id).toBe(first.body.data.id);
    const runs = await call<{ items: Run[] }>(viewer, 'GET', url);
    expect(runs.body.data.items).toHaveLength(1);
    // The message waits in the outbox as a draft: never sent straight out.
    const drafts = await call<{ items: Message[] }>(pm, 'GET', '/outbound?status=draft');
    expect(drafts.body.data.items.map((m) => m.id)).toContain(first.body.data.externalId);
  });

  it('when a task action fails (Linear not connected), then the run says why and a retry reuses the key', async () => {
    const rec = await createRecommendation(
      t.deps.db,
      { id: project.id, accountScopeId: project.accountScopeId },
      {
        suggestedAction: { type: 'create_or_update_task', draft: { title: 'Unblock ENG-12' } },
      },
    );
    const run = await call<Run>(pm, 'POST', `/kag/v2/recommendations/${rec.id}/actions`, {});
    expect(run.body.data).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/Linear/) });
    const retried = await call<Run>(pm, 'POST', `/kag/v2/recommendations/actions/${run.body.data.id}/retry`);
    expect(retried.body.data).toMatchObject({
      id: run.body.data.id,
      idempotencyKey: run.body.data.idempotencyKey,
    });
    expect(
      (await call(viewer, 'POST', `/kag/v2/recommendations/actions/${run.body.data.id}/retry`)).status,
    ).toBe(403);
    const notes = await call<{ items: Array<{ kind: string; status: string }> }>(pm, 'GET', '/notifications');
    expect(notes.status).toBe(200);
    expect(notes.body.data.items.some((n) => n.kind === 'action' && n.status === 'failed')).toBe(true);
  });
});

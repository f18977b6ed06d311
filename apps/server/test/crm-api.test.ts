import { sql } from 'drizzle-orm';
import { addProjectMember, createProject } from '@keel/db/factories';
import { queryRows } from '@keel/db/client';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * CRM over HTTP against the sandbox Attio (real HTTP): a stage moved in Keel is in Attio at once
 * and in the mirror after the next sync with no duplicate; a retried create makes one Attio
 * record; viewers read only; an unknown stage is a 400 naming the stages there are. Without
 * Attio, the same endpoints keep Keel's own rows.
 */
let t: TestApp;
let sb: Sandbox;
let owner: Session;
let pm: Session;
let viewer: Session;
let project: { id: string };
let manualOwner: Session;
let manualProject: { id: string };

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string; details?: unknown };
type Deal = {
  id: string;
  title: string;
  stage: string;
  status: string;
  externalRef: string | null;
  source: string;
  closedAt: string | null;
  stageChangedAt: string | null;
};

async function call<T>(
  s: Session,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  projectId = project.id,
) {
  const headers = { ...authed(s), 'x-project-id': projectId };
  const res = await t.app.inject(
    payload === undefined
      ? { method, url, headers }
      : { method, url, headers, payload: payload as Record<string, unknown> },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

async function sync() {
  const res = await call<{ status: string }>(owner, 'POST', '/jobs/attio/sync', {});
  expect(res.status).toBe(200);
}

const mirrorRows = (ref: string) =>
  queryRows<{ id: string; stage: string; status: string }>(
    t.deps.db,
    sql`select id, stage, status from crm_opportunities where external_ref = ${ref} and deleted_at is null`,
  );

beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  sb = await startSandbox({ size: 'tiny', seed: 17, only: ['attio'] });
  const o = await seedUser(t, { role: 'owner', workspace: 'crm-ws' });
  const p = await seedUser(t, { role: 'pm', workspace: 'crm-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'crm-ws' });
  project = await createProject(t.deps.db, {
    accountScopeId: o.workspace.id,
    name: 'CRM',
    clientName: 'Acme',
  });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: p.user.id, role: 'pm' });
  await addProjectMember(t.deps.db, { projectId: project.id, userId: v.user.id, role: 'viewer' });
  owner = await login(t, o.email, o.password);
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
  expect(
    (
      await call(owner, 'PUT', '/connectors/attio/credentials', {
        token: sb.tokens.attio,
        baseUrl: sb.urls.attio,
      })
    ).status,
  ).toBe(200);
  // The company with the most deals, so there are deals to move.
  const counts = sb.dataset.clients.map(
    (_, ci) => sb.dataset.deals.filter((d) => d.clientIndex === ci).length,
  );
  const client = sb.dataset.clients[counts.indexOf(Math.max(...counts))];
  expect(
    (
      await call(owner, 'POST', '/connectors/sources', {
        sourceKind: 'attio_company',
        externalId: client?.attioCompanyId,
      })
    ).status,
  ).toBe(200);
  await sync();

  const m = await seedUser(t, { role: 'owner', workspace: 'crm-manual-ws' });
  manualProject = await createProject(t.deps.db, { accountScopeId: m.workspace.id, name: 'No Attio' });
  manualOwner = await login(t, m.email, m.password);
}, 120_000);

afterAll(async () => {
  await sb?.close();
  await t?.close();
});

describe('CRM with Attio connected', () => {
  it('when a pm moves a deal to Won in Keel, then Attio has it at once and the mirror has one row for it after the next sync', async () => {
    const list = await call<{ items: Deal[] }>(viewer, 'GET', '/crm/opportunities?limit=200');
    expect(list.status).toBe(200);
    const deal = list.body.data.items.find((d) => d.status === 'open' && d.source === 'attio');
    expect(deal).toBeDefined();
    if (!deal?.externalRef) throw new Error('no open Attio deal in the mirror');

    const moved = await call<Deal>(pm, 'POST', `/crm/opportunities/${deal.id}/stage`, { stage: 'won' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data).toMatchObject({
      id: deal.id,
      stage: 'Won 🎉',
      status: 'won',
      externalRef: deal.externalRef,
    });
    expect(moved.body.data.closedAt).not.toBeNull();
    // In Attio now, through its own API.
    expect(sb.dataset.deals.find((d) => d.id === deal.externalRef)?.stage).toBe('Won 🎉');

    await sync();
    const rows = await mirrorRows(deal.externalRef);
    expect(rows).toEqual([{ id: deal.id, stage: 'Won 🎉', status: 'won' }]);

    const audit = await queryRows<{ action: string }>(
      t.deps.db,
      sql`select action from audit_events where entity_id = ${deal.id}`,
    );
    expect(audit.map((a) => a.action)).toContain('crm.opportunity.stage');
  });

  it('when a create is retried with the same key, then Attio holds one record and the mirror one row, also after a sync', async () => {
    const before = sb.dataset.deals.length;
    const body = {
      title: 'Retainer 2027',
      amountMinor: 1_250_000,
      currency: 'EUR',
      stage: 'Lead',
      idempotencyKey: 'form-4f1c2a9e',
    };
    const first = await call<Deal>(pm, 'POST', '/crm/opportunities', body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await call<Deal>(pm, 'POST', '/crm/opportunities', body);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(sb.dataset.deals.length).toBe(before + 1);
    expect(first.body.data).toMatchObject({ source: 'attio', stage: 'Lead', status: 'open' });

    await sync();
    const ref = first.body.data.externalRef ?? '';
    expect(await mirrorRows(ref)).toHaveLength(1);
    const listed = await call<{ items: Deal[] }>(viewer, 'GET', '/crm/opportunities?limit=200');
    expect(listed.body.data.items.filter((d) => d.title === 'Retainer 2027')).toHaveLength(1);
  });

  it('when an account is created twice with no key, then Attio has one company and the mirror one account', async () => {
    const before = sb.dataset.clients.length;
    const a = await call<{ id: string; source: string; externalRef: string }>(pm, 'POST', '/crm/accounts', {
      name: 'Northwind',
      domain: 'northwind.example',
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await call<{ id: string }>(pm, 'POST', '/crm/accounts', {
      name: 'Northwind',
      domain: 'northwind.example',
    });
    expect(b.body.data.id).toBe(a.body.data.id);
    expect(sb.dataset.clients.length).toBe(before + 1);
    await sync();
    const rows = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from crm_accounts where external_ref = ${a.body.data.externalRef}`,
    );
    expect(rows[0]?.n).toBe(1);
    const accounts = await call<{ items: Array<{ name: string }> }>(viewer, 'GET', '/crm/accounts');
    expect(accounts.body.data.items.map((x) => x.name)).toContain('Northwind');
  });

  it('when a viewer tries to create or move, then it is 403; reading the overview is allowed', async () => {
    const list = await call<{ items: Deal[] }>(viewer, 'GET', '/crm/opportunities');
    const id = list.body.data.items[0]?.id;
    expect((await call(viewer, 'POST', `/crm/opportunities/${id}/stage`, { stage: 'Lead' })).status).toBe(
      403,
    );
    expect(
      (await call(viewer, 'POST', '/crm/opportunities', { title: 'x', amountMinor: 1, currency: 'USD' }))
        .status,
    ).toBe(403);
    expect((await call(viewer, 'POST', '/crm/accounts', { name: 'x' })).status).toBe(403);
    const overview = await call<{ won: Array<{ currency: string; count: number }>; stages: string[] }>(
      viewer,
      'GET',
      '/crm/overview',
    );
    expect(overview.status).toBe(200);
    expect(overview.body.data.won.reduce((n, m) => n + m.count, 0)).toBeGreaterThan(0);
  });

  it('when the stage is not one Attio knows, then it is a 400 naming the stages, and neither Attio nor Keel changed', async () => {
    const list = await call<{ items: Deal[] }>(viewer, 'GET', '/crm/opportunities?limit=200');
    const deal = list.body.data.items.find((d) => d.source === 'attio');
    if (!deal?.externalRef) throw new Error('no Attio deal');
    const attioStage = sb.dataset.deals.find((d) => d.id === deal.externalRef)?.stage;
    const res = await call(pm, 'POST', `/crm/opportunities/${deal.id}/stage`, { stage: 'Negotiation' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      '"Negotiation" is not a deal stage in this CRM; use one of: Lead, In Progress, Won 🎉, Lost.',
    );
    expect(sb.dataset.deals.find((d) => d.id === deal.externalRef)?.stage).toBe(attioStage);
    expect((await mirrorRows(deal.externalRef))[0]?.stage).toBe(deal.stage);
  });
});

describe('CRM without Attio', () => {
  it('when a deal is created and won, then it is a Keel row that closes, and the overview counts it', async () => {
    const created = await call<Deal>(
      manualOwner,
      'POST',
      '/crm/opportunities',
      { title: 'Pilot', amountMinor: 500_00, currency: 'usd' },
      manualProject.id,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.data).toMatchObject({
      source: 'manual',
      externalRef: null,
      stage: 'Lead',
      currency: 'USD',
    });
    const won = await call<Deal>(
      manualOwner,
      'POST',
      `/crm/opportunities/${created.body.data.id}/stage`,
      { stage: 'Won 🎉' },
      manualProject.id,
    );
    expect(won.body.data).toMatchObject({ status: 'won', stage: 'Won 🎉' });
    expect(won.body.data.closedAt).not.toBeNull();
    const overview = await call<{ won: unknown[]; open: unknown[] }>(
      manualOwner,
      'GET',
      '/crm/overview',
      undefined,
      manualProject.id,
    );
    expect(overview.body.data.won).toEqual([{ currency: 'USD', count: 1, amountMinor: 500_00 }]);
    expect(overview.body.data.open).toEqual([]);
  });

  it('when the same account create arrives three times at once, then there is one Keel account', async () => {
    const body = { name: 'Globex', idempotencyKey: 'globex-form-1' };
    const all = await Promise.all(
      [1, 2, 3].map(() => call<{ id: string }>(manualOwner, 'POST', '/crm/accounts', body, manualProject.id)),
    );
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(all.map((r) => r.body.data.id)).size).toBe(1);
    const rows = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from crm_accounts where project_id = ${manualProject.id} and name = 'Globex'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});

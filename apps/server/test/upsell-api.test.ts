import { runSchedulerTick } from '@keel/app/scheduler/tick';
import { addProjectMember } from '@keel/db/factories';
import { bringJobsForward } from '@keel/db/queries/scheduler';
import { upsellOpportunities } from '@keel/db/schema/operations';
import { auditEvents } from '@keel/db/schema/platform';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSandbox, startDemoSandbox } from '../src/demo-sandbox.ts';
import { authed, createTestApp, login, seedUser, type Session, type TestApp } from './helpers.ts';

/**
 * The upsell radar over HTTP on the demo portfolio (sandbox emulators, synced, scored): the
 * scheduler's job finds expansion cues on the healthy projects with won deals; viewers read,
 * pms refresh and move statuses (409 naming the allowed moves), every move is audited.
 */
let t: TestApp;
let demo: DemoSandbox;
let pm: Session;
let viewer: Session;
let projectIds: string[] = [];
let owner = '';

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };
type Opportunity = {
  id: string;
  cue: string;
  score: number;
  status: string;
  nextStep: string;
  estimatedValueMinor: number | null;
  currency: string | null;
  evidence: Array<{
    table: string;
    label: string | null;
    target: { kind: string; conversationId?: number } | null;
  }>;
};

async function call<T>(
  s: Session,
  projectId: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
) {
  const headers = { ...authed(s), 'x-project-id': projectId };
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers } : { method, url, headers, payload: payload as object },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  const o = await seedUser(t, { role: 'owner', workspace: 'upsell-ws' });
  owner = o.workspace.id;
  const p = await seedUser(t, { role: 'pm', workspace: 'upsell-ws' });
  const v = await seedUser(t, { role: 'viewer', workspace: 'upsell-ws' });
  demo = await startDemoSandbox(t.deps, { accountScopeId: owner, ownerUserId: o.user.id });
  await demo.initialSync;
  projectIds = demo.projects.map((x) => x.projectId);
  for (const id of projectIds) {
    await addProjectMember(t.deps.db, { projectId: id, userId: p.user.id, role: 'pm' });
    await addProjectMember(t.deps.db, { projectId: id, userId: v.user.id, role: 'viewer' });
  }
  // Scores first (the sync brought this job forward), then the radar's own job.
  await runSchedulerTick(t.deps, {
    workerId: 'upsell-test',
    mode: 'once',
    limit: 100,
    jobTypes: ['kag_recommendations_refresh'],
  });
  pm = await login(t, p.email, p.password);
  viewer = await login(t, v.email, v.password);
}, 300_000);

afterAll(async () => {
  await demo?.close();
  await t?.close();
});

describe('upsell radar', () => {
  let withRadar = '';
  let first: Opportunity | undefined;

  it('when the scheduler runs upsell_radar_refresh on the demo, then healthy projects with won deals get opportunities with evidence', async () => {
    // Its first run falls within 5 minutes of the project's creation: due now for the test.
    for (const id of projectIds)
      await bringJobsForward(
        t.deps.db,
        { accountScopeId: owner, projectId: id },
        ['upsell_radar_refresh'],
        t.deps.clock.now(),
      );
    const tick = await runSchedulerTick(t.deps, {
      workerId: 'upsell-test',
      mode: 'once',
      limit: 100,
      jobTypes: ['upsell_radar_refresh'],
    });
    expect(tick.failed).toBe(0);
    expect(tick.succeeded + tick.skipped).toBe(projectIds.length);
    let total = 0;
    for (const id of projectIds) {
      const res = await call<{ items: Opportunity[] }>(viewer, id, 'GET', '/upsell/radar');
      expect(res.status).toBe(200);
      total += res.body.data.items.length;
      if (!withRadar && res.body.data.items.length > 0) {
        withRadar = id;
        first = res.body.data.items[0];
      }
    }
    expect(total).toBeGreaterThan(0);
    expect(first?.status).toBe('proposed');
    expect(first?.evidence.length).toBeGreaterThan(0);
    // Each evidence message opens in Keel's conversation screen.
    expect(first?.evidence[0]?.target).toMatchObject({ kind: 'conversation' });
    expect(first?.nextStep.length).toBeGreaterThan(10);
    expect(first?.score).toBeGreaterThan(0);
    expect(first?.score).toBeLessThanOrEqual(1);
  }, 120_000);

  it('when a pm refreshes again, then there is still one row per dedupe key and the statuses people set are kept', async () => {
    const moved = await call<Opportunity>(pm, withRadar, 'POST', `/upsell/${first?.id}/status`, {
      status: 'qualified',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data.status).toBe('qualified');
    const refreshed = await call<{ detected: number; created: string[] }>(
      pm,
      withRadar,
      'POST',
      '/upsell/radar/refresh',
      {},
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.created).toEqual([]);
    const rows = await t.deps.db
      .select({ key: upsellOpportunities.dedupeKey, status: upsellOpportunities.status })
      .from(upsellOpportunities)
      .where(eq(upsellOpportunities.projectId, withRadar));
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const [row] = await t.deps.db
      .select({ status: upsellOpportunities.status })
      .from(upsellOpportunities)
      .where(and(eq(upsellOpportunities.projectId, withRadar), eq(upsellOpportunities.id, first?.id ?? '')));
    expect(row?.status).toBe('qualified');
    const audit = await t.deps.db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.projectId, withRadar));
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'upsell.status', entityId: first?.id }),
        expect.objectContaining({ action: 'upsell.refresh' }),
      ]),
    );
  });

  it('when a move is not allowed, then 409 names the allowed moves; converted is final', async () => {
    const bad = await call(pm, withRadar, 'POST', `/upsell/${first?.id}/status`, { status: 'proposed' });
    expect(bad.status).toBe(409);
    expect(bad.body.message).toBe(
      'The opportunity is qualified; it can move to converted or dismissed, not proposed.',
    );
    expect(
      (await call(pm, withRadar, 'POST', `/upsell/${first?.id}/status`, { status: 'converted' })).status,
    ).toBe(200);
    const final = await call(pm, withRadar, 'POST', `/upsell/${first?.id}/status`, { status: 'dismissed' });
    expect(final.status).toBe(409);
    expect(final.body.message).toMatch(/cannot move any more/);
    const converted = await call<{ items: Opportunity[] }>(
      viewer,
      withRadar,
      'GET',
      '/upsell/radar?status=converted',
    );
    expect(converted.body.data.items.map((o) => o.id)).toEqual([first?.id]);
  });

  it('when a viewer tries to act, then 403; bad input is a 400 with the field, an unknown id a 404', async () => {
    expect((await call(viewer, withRadar, 'POST', '/upsell/radar/refresh', {})).status).toBe(403);
    expect(
      (await call(viewer, withRadar, 'POST', `/upsell/${first?.id}/status`, { status: 'dismissed' })).status,
    ).toBe(403);
    const notUuid = await call(pm, withRadar, 'POST', '/upsell/not-a-uuid/status', { status: 'qualified' });
    expect(notUuid.status).toBe(400);
    const badStatus = await call(pm, withRadar, 'POST', `/upsell/${first?.id}/status`, { status: 'won' });
    expect(badStatus.status).toBe(400);
    const unknown = await call(pm, withRadar, 'POST', '/upsell/00000000-0000-4000-8000-000000000000/status', {
      status: 'qualified',
    });
    expect(unknown.status).toBe(404);
    expect((await call(viewer, withRadar, 'GET', '/upsell/radar?status=maybe')).status).toBe(400);
    expect((await call(viewer, withRadar, 'GET', '/upsell/radar?cursor=nonsense')).status).toBe(400);
  });

  it('when the list is paged, then every opportunity comes once, highest score first', async () => {
    const seen: Opportunity[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call<{ items: Opportunity[]; nextCursor: string | null }>(
        viewer,
        withRadar,
        'GET',
        `/upsell/radar?limit=1${q}`,
      );
      seen.push(...page.body.data.items);
      cursor = page.body.data.nextCursor;
      if (!cursor) break;
    }
    const all = await call<{ items: Opportunity[] }>(viewer, withRadar, 'GET', '/upsell/radar?limit=200');
    expect(seen.map((o) => o.id)).toEqual(all.body.data.items.map((o) => o.id));
    const scores = seen.map((o) => o.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

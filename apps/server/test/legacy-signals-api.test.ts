import { manualClock } from '@keel/core/clock';
import { auditEvents } from '@keel/db/schema/platform';
import { kagSignals } from '@keel/db/schema/kag-core';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, type Session, type TestApp } from './helpers.ts';
import { type LegacyFixture, seedLegacyFixture } from './legacy-fixture.ts';

/**
 * The seed's legacy signals API (/signals, /nba) over HTTP: a projection of the kag signals that
 * re-extraction updates in place, statuses people move (409 naming the allowed moves), cleared
 * signals marked resolved with their status kept, viewers read only, each project its own rows.
 */
const now = new Date('2026-03-02T12:00:00Z');
let t: TestApp;
let f: LegacyFixture;

type Envelope<T> = {
  ok: boolean;
  data: T;
  error?: string;
  message?: string;
  details?: Record<string, unknown>;
};
type Signal = {
  id: string;
  key: string;
  source: string;
  sourceRef: string;
  status: string;
  resolvedAt: string | null;
  dedupeKey: string;
};
type Nba = {
  id: string;
  signalId: string | null;
  actionType: string;
  title: string;
  status: string;
  dueAt: string | null;
};

async function call<T>(
  s: Session,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  projectId = f.project.id,
) {
  const headers = { ...authed(s), 'x-project-id': projectId };
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers } : { method, url, headers, payload: payload as object },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  f = await seedLegacyFixture(t, 'legacy-ws', now);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('legacy signals and next best actions', () => {
  it('when a viewer extracts, then 403; a pm extracts twice, then the same rows', async () => {
    expect((await call(f.viewer, 'POST', '/signals/extract', {})).status).toBe(403);
    const first = await call<{
      signals: number;
      created: number;
      actions: number;
      fromRecommendations: number;
    }>(f.pm, 'POST', '/signals/extract', {});
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toMatchObject({ signals: 2, created: 2, actions: 2, fromRecommendations: 1 });
    const listed = await call<{ items: Signal[] }>(f.viewer, 'GET', '/signals');
    const again = await call<{ created: number }>(f.pm, 'POST', '/signals/extract', {});
    expect(again.body.data.created).toBe(0);
    const relisted = await call<{ items: Signal[] }>(f.viewer, 'GET', '/signals');
    expect(relisted.body.data.items.map((s) => s.id).sort()).toEqual(
      listed.body.data.items.map((s) => s.id).sort(),
    );
    expect(relisted.body.data.items).toHaveLength(2);
    const waiting = relisted.body.data.items.find((s) => s.key === 'client_waiting');
    expect(waiting).toMatchObject({
      source: 'chatwoot',
      sourceRef: `kag_events:${f.eventId}`,
      status: 'proposed',
      resolvedAt: null,
      dedupeKey: 'kag:client_waiting:conversation:42',
    });
    expect(relisted.body.data.items.find((s) => s.key === 'overdue_issues')).toMatchObject({
      source: 'linear',
      sourceRef: `linear_issues_raw:${f.issueId}`,
    });
    const audits = await t.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.projectId, f.project.id), eq(auditEvents.action, 'signals.extract')));
    expect(audits).toHaveLength(2);
  });

  it('when next best actions are listed, then the recommendation’s suggested action and the mapping, by priority', async () => {
    const res = await call<{ items: Nba[] }>(f.viewer, 'GET', '/nba');
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((a) => [a.actionType, a.title])).toEqual([
      ['send_message', 'Reply to Acme about the invoice'],
      ['replan_overdue', 'Re-plan the overdue issues'],
    ]);
    expect(res.body.data.items.every((a) => a.signalId !== null)).toBe(true);
    expect(res.body.data.items[1]?.dueAt).toBe('2026-03-04T12:00:00.000Z');
    const page = await call<{ items: Nba[]; nextCursor: string | null }>(f.viewer, 'GET', '/nba?limit=1');
    expect(page.body.data.items).toHaveLength(1);
    const next = await call<{ items: Nba[]; nextCursor: string | null }>(
      f.viewer,
      'GET',
      `/nba?limit=1&cursor=${page.body.data.nextCursor}`,
    );
    expect(next.body.data.items[0]?.actionType).toBe('replan_overdue');
    expect((await call(f.viewer, 'GET', '/nba?cursor=nope')).status).toBe(400);
  });

  it('when statuses move, then allowed moves succeed, others are 409 naming the allowed ones, viewers 403', async () => {
    const { items } = (await call<{ items: Signal[] }>(f.pm, 'GET', '/signals')).body.data;
    const waiting = items.find((s) => s.key === 'client_waiting') as Signal;
    expect(
      (await call(f.viewer, 'POST', `/signals/${waiting.id}/status`, { status: 'accepted' })).status,
    ).toBe(403);
    const skip = await call(f.pm, 'POST', `/signals/${waiting.id}/status`, { status: 'done' });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toMatch(/accepted, dismissed/);
    const accepted = await call<Signal>(f.pm, 'POST', `/signals/${waiting.id}/status`, {
      status: 'accepted',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.status).toBe('accepted');
    const back = await call(f.pm, 'POST', `/signals/${waiting.id}/status`, { status: 'dismissed' });
    expect(back.status).toBe(409);
    expect(back.body.details).toMatchObject({ from: 'accepted', allowed: ['done'] });
    expect((await call(f.pm, 'POST', `/signals/${waiting.id}/status`, { status: 'archived' })).status).toBe(
      400,
    );

    const nba = (await call<{ items: Nba[] }>(f.pm, 'GET', '/nba')).body.data.items[0] as Nba;
    expect((await call(f.viewer, 'POST', `/nba/${nba.id}/status`, { status: 'dismissed' })).status).toBe(403);
    expect(
      (await call<Nba>(f.pm, 'POST', `/nba/${nba.id}/status`, { status: 'dismissed' })).body.data.status,
    ).toBe('dismissed');
    const final = await call(f.pm, 'POST', `/nba/${nba.id}/status`, { status: 'accepted' });
    expect(final.status).toBe(409);
    expect(final.body.message).toMatch(/dismissed is final/);
    // Re-extraction keeps what people decided.
    await call(f.pm, 'POST', '/signals/extract', {});
    const kept = (await call<{ items: Nba[] }>(f.pm, 'GET', '/nba')).body.data.items.find(
      (a) => a.id === nba.id,
    );
    expect(kept?.status).toBe('dismissed');
  });

  it('when a kag signal clears, then its legacy row keeps its status and moves to resolved', async () => {
    await t.deps.db
      .delete(kagSignals)
      .where(and(eq(kagSignals.projectId, f.project.id), eq(kagSignals.key, 'client_waiting')));
    const r = await call<{ resolved: number; signals: number }>(f.pm, 'POST', '/signals/extract', {});
    expect(r.body.data).toMatchObject({ resolved: 1, signals: 1 });
    const open = await call<{ items: Signal[] }>(f.pm, 'GET', '/signals');
    expect(open.body.data.items.map((s) => s.key)).toEqual(['overdue_issues']);
    const resolved = await call<{ items: Signal[] }>(f.pm, 'GET', '/signals?state=resolved');
    expect(resolved.body.data.items).toHaveLength(1);
    expect(resolved.body.data.items[0]).toMatchObject({
      key: 'client_waiting',
      status: 'accepted',
      resolvedAt: now.toISOString(),
    });
    expect((await call<{ resolved: number }>(f.pm, 'POST', '/signals/extract', {})).body.data.resolved).toBe(
      0,
    );
    const all = await call<{ items: Signal[] }>(f.pm, 'GET', '/signals?state=all&status=accepted');
    expect(all.body.data.items.map((s) => s.key)).toEqual(['client_waiting']);
  });

  it('when another project is selected, then its own rows only, and this project’s ids are 404', async () => {
    await call(f.pm, 'POST', '/signals/extract', {}, f.other.id);
    const theirs = await call<{ items: Signal[] }>(f.pm, 'GET', '/signals?state=all', undefined, f.other.id);
    expect(theirs.body.data.items).toHaveLength(1);
    expect(theirs.body.data.items[0]?.sourceRef).toBe(`kag_events:${f.otherEventId}`);
    const ours = (await call<{ items: Signal[] }>(f.pm, 'GET', '/signals?state=all')).body.data.items;
    const cross = await call(
      f.pm,
      'POST',
      `/signals/${ours[0]?.id}/status`,
      { status: 'dismissed' },
      f.other.id,
    );
    expect(cross.status).toBe(404);
  });
});

import { manualClock } from '@keel/core/clock';
import { evidenceCitations, evidenceItems } from '@keel/db/schema/operations';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createTestApp, type Session, type TestApp } from './helpers.ts';
import { type LegacyFixture, seedLegacyFixture } from './legacy-fixture.ts';

/**
 * GET /evidence/search over HTTP: the evidence index built by the extraction (a step of the kag
 * pipeline too) answers a word from a message and "everything citing this row", names what
 * cites each item with a link, pages with the cursor codec, and keeps each project to itself.
 */
const now = new Date('2026-03-02T12:00:00Z');
let t: TestApp;
let f: LegacyFixture;

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };
type CitedBy = { table: string; id: string; what: string; title: string | null; href: string };
type Item = {
  id: string;
  sourceTable: string;
  sourceRef: string;
  kind: string;
  snippet: string;
  occurredAt: string | null;
  target: { kind: string; conversationId?: number; messageId?: number | null } | null;
  citedBy: CitedBy[];
};
type Page = { items: Item[]; nextCursor: string | null };

async function call<T>(
  s: Session,
  method: 'GET' | 'POST',
  url: string,
  projectId = f.project.id,
  payload?: object,
) {
  const headers = { ...authed(s), 'x-project-id': projectId };
  const res = await t.app.inject(
    payload === undefined ? { method, url, headers } : { method, url, headers, payload },
  );
  return { status: res.statusCode, body: res.json() as Envelope<T> };
}

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(now) });
  f = await seedLegacyFixture(t, 'evidence-ws', now);
  for (const p of [f.project.id, f.other.id]) {
    const r = await call(f.pm, 'POST', '/signals/extract', p, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('evidence search', () => {
  it('when a viewer searches a word from a client message, then the message with everything citing it', async () => {
    const res = await call<Page>(f.viewer, 'GET', '/evidence/search?q=invoice');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.items).toHaveLength(1);
    const item = res.body.data.items[0] as Item;
    expect(item).toMatchObject({
      sourceTable: 'kag_events',
      sourceRef: f.eventId,
      kind: 'message',
      snippet: '#42 — Where is the invoice for the pilot?',
      target: { kind: 'conversation', conversationId: 42, messageId: 9001 },
    });
    expect(item.citedBy.map((c) => c.table).sort()).toEqual([
      'kag_signals',
      'next_best_actions',
      'recommendations_v2',
      'signals',
    ]);
    const rec = item.citedBy.find((c) => c.table === 'recommendations_v2');
    expect(rec).toMatchObject({ id: f.recommendationId, title: 'Reply to Acme about the invoice' });
    expect(rec?.href).toContain(f.recommendationId);
    expect(item.citedBy.find((c) => c.table === 'kag_signals')?.href).toBe(`/projects/${f.project.id}`);
  });

  it('when searching by the cited row (its id or its vendor id), then the citing signal and recommendation', async () => {
    for (const q of [`source_table=kag_events&source_ref=${f.eventId}`, 'source_ref=9001']) {
      const res = await call<Page>(f.pm, 'GET', `/evidence/search?${q}`);
      expect(res.status).toBe(200);
      expect(res.body.data.items.map((i) => i.sourceRef)).toEqual([f.eventId]);
      expect(res.body.data.items[0]?.citedBy.map((c) => c.id)).toEqual(
        expect.arrayContaining([f.waitingSignalId, f.recommendationId]),
      );
    }
    const issue = await call<Page>(
      f.pm,
      'GET',
      `/evidence/search?source_table=linear_issues_raw&source_ref=${f.issueId}`,
    );
    expect(issue.body.data.items[0]).toMatchObject({
      kind: 'issue',
      snippet: expect.stringContaining('ENG-7'),
    });
    const none = await call<Page>(
      f.pm,
      'GET',
      '/evidence/search?source_table=kag_events&source_ref=nothing-here',
    );
    expect(none.body.data.items).toEqual([]);
  });

  it('when another project is selected, then only its evidence answers, never this project’s', async () => {
    const theirs = await call<Page>(f.viewer, 'GET', '/evidence/search?q=invoice', f.other.id);
    expect(theirs.body.data.items.map((i) => i.sourceRef)).toEqual([f.otherEventId]);
    const ours = await call<Page>(f.viewer, 'GET', `/evidence/search?source_ref=${f.eventId}`, f.other.id);
    expect(ours.body.data.items).toEqual([]);
  });

  it('when listing page by page, then every item once, in time order; a foreign cursor is a 400', async () => {
    const all = await call<Page>(f.pm, 'GET', '/evidence/search?limit=100');
    expect(all.body.data.items.length).toBe(2);
    const first = await call<Page>(f.pm, 'GET', '/evidence/search?limit=1');
    expect(first.body.data.nextCursor).not.toBeNull();
    const second = await call<Page>(
      f.pm,
      'GET',
      `/evidence/search?limit=1&cursor=${first.body.data.nextCursor}`,
    );
    expect([...first.body.data.items, ...second.body.data.items].map((i) => i.id)).toEqual(
      all.body.data.items.map((i) => i.id),
    );
    expect(second.body.data.nextCursor).toBeNull();
    expect((await call(f.pm, 'GET', '/evidence/search?cursor=abc')).status).toBe(400);
    expect((await call(f.pm, 'GET', '/evidence/search?source_table=DROP%20TABLE')).status).toBe(400);
  });

  it('when indexed again, then nothing new is written and the citations stay the same', async () => {
    const before = await t.deps.db
      .select()
      .from(evidenceCitations)
      .where(eq(evidenceCitations.projectId, f.project.id));
    const r = await call<{ evidence: { inserted: number; added: number; removed: number } }>(
      f.pm,
      'POST',
      '/signals/extract',
      f.project.id,
      {},
    );
    expect(r.body.data.evidence).toMatchObject({ inserted: 0, added: 0, removed: 0 });
    const after = await t.deps.db
      .select()
      .from(evidenceCitations)
      .where(eq(evidenceCitations.projectId, f.project.id));
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    const items = await t.deps.db
      .select()
      .from(evidenceItems)
      .where(eq(evidenceItems.projectId, f.project.id));
    expect(items).toHaveLength(2);
  });

  it('when the kag pipeline runs, then evidence is one of its steps', async () => {
    const r = await call<{ steps: Array<{ step: string; status: string }> }>(
      f.pm,
      'POST',
      '/kag/refresh',
      f.project.id,
      {},
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['legacy', 'evidence']));
  });
});

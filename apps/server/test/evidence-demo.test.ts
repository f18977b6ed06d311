import { runSchedulerTick } from '@keel/app/scheduler/tick';
import { searchEvidence } from '@keel/app/services/evidence';
import { listNba, listSignals, runSignalsAndNba } from '@keel/app/services/legacy-signals';
import { kagSignals } from '@keel/db/schema/kag-core';
import { evidenceCitations, evidenceItems } from '@keel/db/schema/operations';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox } from '../src/demo-sandbox.ts';
import { createTestApp, seedUser, type TestApp } from './helpers.ts';

/**
 * On the demo sandbox, with no extra command: the first sync brings the scoring job forward, and
 * that job projects the legacy signals and indexes the evidence — so a word of a cited client
 * message finds it, with what cites it. Logs the index's size and a re-run's time (docs/evidence.md).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('evidence on the demo portfolio', () => {
  it('when the scoring job runs after the first sync, then legacy signals mirror the kag signals and their evidence is searchable', async () => {
    const owner = await seedUser(t, { role: 'owner', workspace: 'evidence-demo' });
    const ws = { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id };
    const demo = await startDemoSandbox(t.deps, ws);
    try {
      await demo.initialSync;
      const tick = await runSchedulerTick(t.deps, {
        workerId: 'evidence-demo',
        mode: 'once',
        projectIds: demo.projects.map((p) => p.projectId),
        jobTypes: ['kag_recommendations_refresh'],
      });
      expect(tick.succeeded).toBe(demo.projects.length);
      const all = await t.deps.db
        .select({ projectId: evidenceItems.projectId, kind: evidenceItems.kind })
        .from(evidenceItems);
      // The project whose signals cite the most client messages.
      const messages = (id: string) => all.filter((i) => i.projectId === id && i.kind === 'message').length;
      const best = [...demo.projects].sort((a, b) => messages(b.projectId) - messages(a.projectId))[0];
      if (!best) throw new Error('no project');
      // Which projects cite client messages moves with the demo's day (6 of 12 on one day, 10 on
      // another); what must hold every day: every row a signal cites is indexed, and the demo's
      // troubled projects cite client messages.
      const indexed = await t.deps.db
        .select({ table: evidenceItems.sourceTable, ref: evidenceItems.sourceRef })
        .from(evidenceItems);
      const have = new Set(indexed.map((i) => `${i.table}:${i.ref}`));
      const signals = await t.deps.db.select({ evidence: kagSignals.evidence }).from(kagSignals);
      const refs = signals.flatMap((s) => s.evidence.map((r) => `${r.table}:${r.id}`));
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((r) => !have.has(r))).toEqual([]);
      expect(messages(best.projectId)).toBeGreaterThan(0);
      const scope = { accountScopeId: ws.accountScopeId, projectId: best.projectId };
      console.info(
        `[evidence-demo] messages cited per project: ${demo.projects.map((p) => `${p.name}=${messages(p.projectId)}`).join(', ')}`,
      );

      const kag = await t.deps.db
        .select({ id: kagSignals.id })
        .from(kagSignals)
        .where(eq(kagSignals.projectId, scope.projectId));
      const legacy = await listSignals(t.deps, scope, { state: 'open', limit: 200 });
      expect(kag.length).toBeGreaterThan(0);
      expect(legacy.items).toHaveLength(kag.length);
      expect((await listNba(t.deps, scope, { limit: 200 })).items).toHaveLength(kag.length);

      const items = await t.deps.db
        .select()
        .from(evidenceItems)
        .where(eq(evidenceItems.projectId, scope.projectId));
      const citations = await t.deps.db
        .select({ id: evidenceCitations.id })
        .from(evidenceCitations)
        .where(eq(evidenceCitations.projectId, scope.projectId));
      const message = items.find(
        (i) => i.kind === 'message' && /\p{L}{5,}/u.test(i.snippet.split(' — ')[1] ?? ''),
      );
      expect(message, 'a cited client message').toBeDefined();
      const word = (message?.snippet.split(' — ')[1] ?? '').match(/\p{L}{5,}/u)?.[0] as string;
      const found = await searchEvidence(t.deps, scope, { q: word, limit: 100 });
      const hit = found.items.find((i) => i.id === message?.id);
      expect(hit?.citedBy.map((c) => c.table)).toEqual(expect.arrayContaining(['kag_signals', 'signals']));

      const t0 = performance.now();
      const again = await runSignalsAndNba(t.deps, scope, {
        kind: 'system',
        accountScopeId: scope.accountScopeId,
      });
      const ms = Math.round(performance.now() - t0);
      expect(again).toMatchObject({ created: 0, resolved: 0 });
      expect(again.evidence).toMatchObject({ inserted: 0, added: 0, removed: 0 });
      console.info(
        `[evidence-demo] kag signals ${kag.length}, projects ${demo.projects.length}, evidence items ${all.length} (busiest project ${items.length} with ${items.filter((i) => i.kind === 'message').length} messages), its citations ${citations.length}, idle re-extract + re-index ${ms} ms`,
      );
    } finally {
      await demo.close();
    }
  }, 240_000);
});

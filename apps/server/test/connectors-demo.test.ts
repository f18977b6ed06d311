import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { listConnectorCredentials } from '@keel/connectors/credentials';
import { listOutbound } from '@keel/db/queries/outbound';
import { scheduledJobs } from '@keel/db/schema/jobs';
import { pastCaseOutcomes, projectSnapshots } from '@keel/db/schema/snapshots';
import { runSchedulerTick } from '@keel/app/scheduler/tick';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox } from '../src/demo-sandbox.ts';
import { createTestApp, seedUser, type TestApp } from './helpers.ts';
import { syncDepsOf } from '@keel/app/services/connector-sync';

let t: TestApp;
beforeAll(async () => {
  // The sandbox emulators listen on loopback, which connectors reach only when allow-listed.
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('demo sandbox wiring', () => {
  it('when the demo starts twice, then the workspace has one bound project per sandbox project and syncs', async () => {
    const owner = await seedUser(t, { role: 'owner', workspace: 'demo-ws' });
    const ws = { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id };
    const first = await startDemoSandbox(t.deps, ws, { initialSync: false });
    await first.close();
    const demo = await startDemoSandbox(t.deps, ws, { initialSync: false });
    try {
      expect(demo.projects).toHaveLength(demo.sandbox.dataset.projects.length);
      expect(demo.projects.map((p) => p.projectId)).toEqual(first.projects.map((p) => p.projectId));
      const creds = await listConnectorCredentials(t.deps.db, ws.accountScopeId);
      expect(creds.map((c) => c.connector)).toEqual(['attio', 'chatwoot', 'linear', 'loops']);
      const p = demo.projects[0];
      if (!p) throw new Error('no project');
      const results = await runAllConnectorsSync(
        t.deps.db,
        { accountScopeId: ws.accountScopeId, projectId: p.projectId },
        syncDepsOf(t),
      );
      expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    } finally {
      await demo.close();
    }
  }, 120_000);

  it('when the demo first syncs, then the scoring job and the daily pipeline of every project are due at the next tick, and the pipeline backfills snapshots and outcomes', async () => {
    const owner = await seedUser(t, { role: 'owner', workspace: 'demo-first-sync' });
    const ws = { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id };
    const demo = await startDemoSandbox(t.deps, ws);
    try {
      await demo.initialSync;
      const due = await t.deps.db
        .select({ projectId: scheduledJobs.projectId, nextRunAt: scheduledJobs.nextRunAt })
        .from(scheduledJobs)
        .where(
          and(
            eq(scheduledJobs.accountScopeId, ws.accountScopeId),
            eq(scheduledJobs.jobType, 'kag_recommendations_refresh'),
          ),
        );
      expect(due.map((d) => d.projectId).sort()).toEqual(demo.projects.map((p) => p.projectId).sort());
      const now = t.deps.clock.now().getTime();
      for (const d of due) expect(d.nextRunAt.getTime()).toBeLessThanOrEqual(now);
      // No snapshot yet: the daily pipeline comes forward too, and its run backfills the history.
      const daily = await t.deps.db
        .select({ nextRunAt: scheduledJobs.nextRunAt })
        .from(scheduledJobs)
        .where(
          and(
            eq(scheduledJobs.accountScopeId, ws.accountScopeId),
            eq(scheduledJobs.jobType, 'kag_daily_pipeline'),
          ),
        );
      expect(daily).toHaveLength(demo.projects.length);
      for (const d of daily) expect(d.nextRunAt.getTime()).toBeLessThanOrEqual(now);
      const first = demo.projects[0];
      if (!first) throw new Error('no project');
      const tick = await runSchedulerTick(t.deps, {
        workerId: 'demo-test',
        mode: 'once',
        projectIds: [first.projectId],
        jobTypes: ['kag_daily_pipeline'],
      });
      expect(tick.succeeded).toBe(1);
      const snapshots = await t.deps.db
        .select({ id: projectSnapshots.id })
        .from(projectSnapshots)
        .where(eq(projectSnapshots.projectId, first.projectId));
      expect(snapshots.length).toBeGreaterThan(60);
      const labels = await t.deps.db
        .select({ id: pastCaseOutcomes.id })
        .from(pastCaseOutcomes)
        .where(eq(pastCaseOutcomes.projectId, first.projectId));
      expect(labels.length).toBeGreaterThan(0);
      // The Outbound screen's demo came with the first project's sync (demo-outbound.test.ts has the detail).
      const outbound = await listOutbound(
        t.deps.db,
        { accountScopeId: ws.accountScopeId, projectId: first.projectId },
        { limit: 10 },
      );
      expect(outbound.map((m) => m.status).sort()).toEqual(['blocked', 'draft']);
    } finally {
      await demo.close();
    }
  }, 240_000);
});

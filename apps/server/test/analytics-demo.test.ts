import { runSchedulerTick } from '@keel/app/scheduler/tick';
import {
  analyticsCommsSnapshots,
  analyticsDeliverySnapshots,
  analyticsRevenueSnapshots,
} from '@keel/db/schema/analytics';
import { riskRadarItems } from '@keel/db/schema/legacy';
import { countDistinct, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox } from '../src/demo-sandbox.ts';
import { authed, createTestApp, login, seedUser, type TestApp } from './helpers.ts';

/**
 * A fresh demo with no extra command: one pass of the daily pipeline (which the first sync brings
 * forward) leaves analytics for today and the backfilled past days, and a risk radar, for every
 * project — what the control tower's charts over time read.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('analytics and risk on a fresh demo', () => {
  it('when the daily pipeline has run once, then every project has analytics days and the overviews answer', async () => {
    const owner = await seedUser(t, { role: 'owner', workspace: 'demo-analytics' });
    const ws = { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id };
    const demo = await startDemoSandbox(t.deps, ws);
    try {
      await demo.initialSync;
      const t0 = performance.now();
      const tick = await runSchedulerTick(t.deps, {
        workerId: 'analytics-demo',
        mode: 'once',
        jobTypes: ['kag_daily_pipeline'],
      });
      const pipelineMs = performance.now() - t0;
      expect(tick.succeeded).toBe(demo.projects.length);
      const db = t.deps.db;
      let revenueProjects = 0;
      let radarItems = 0;
      for (const p of demo.projects) {
        const [delivery] = await db
          .select({ days: countDistinct(analyticsDeliverySnapshots.snapshotDate) })
          .from(analyticsDeliverySnapshots)
          .where(eq(analyticsDeliverySnapshots.projectId, p.projectId));
        expect(delivery?.days, p.projectId).toBeGreaterThan(7);
        const [comms] = await db
          .select({ days: countDistinct(analyticsCommsSnapshots.snapshotDate) })
          .from(analyticsCommsSnapshots)
          .where(eq(analyticsCommsSnapshots.projectId, p.projectId));
        expect(comms?.days).toBe(delivery?.days);
        const revenue = await db
          .select({ id: analyticsRevenueSnapshots.id })
          .from(analyticsRevenueSnapshots)
          .where(eq(analyticsRevenueSnapshots.projectId, p.projectId))
          .limit(1);
        if (revenue.length > 0) revenueProjects++;
        radarItems += (
          await db
            .select({ id: riskRadarItems.id })
            .from(riskRadarItems)
            .where(eq(riskRadarItems.projectId, p.projectId))
        ).length;
      }
      expect(revenueProjects).toBeGreaterThan(0);
      expect(radarItems).toBeGreaterThan(0);

      const session = await login(t, owner.email, owner.password);
      const last = demo.projects.at(-1);
      if (!last) throw new Error('no project');
      const headers = { ...authed(session), 'x-project-id': last.projectId };
      const overview = await t.app.inject({ method: 'GET', url: '/analytics/overview', headers });
      expect(overview.statusCode, overview.body).toBe(200);
      expect(overview.json().data.comms).not.toBeNull();
      expect(overview.json().data.series.comms.length).toBeGreaterThan(7);
      const risk = await t.app.inject({ method: 'GET', url: '/risk/overview', headers });
      expect(risk.statusCode, risk.body).toBe(200);
      expect(risk.json().data.health).not.toBeNull();
      console.info(
        `[analytics-demo] ${demo.projects.length} projects: daily pipeline ${Math.round(pipelineMs)} ms; ${revenueProjects} with revenue, ${radarItems} radar items`,
      );
    } finally {
      await demo.close();
    }
  }, 600_000);
});

import { runSchedulerTick } from '@keel/app/scheduler/tick';
import { kagRiskForecasts } from '@keel/db/schema/kag-v2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox } from '../src/demo-sandbox.ts';
import { authed, createTestApp, login, seedUser, type TestApp } from './helpers.ts';

/**
 * A fresh demo with no extra command: the first sync brings every project's daily pipeline
 * forward, and one pass of it (snapshots → signatures → forecasts) leaves a forecast per project,
 * similar cases and a track record the project page can show.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('forecasts on a fresh demo', () => {
  it('when the daily pipeline has run once for every project, then each has forecasts, similar cases and a track record', async () => {
    const owner = await seedUser(t, { role: 'owner', workspace: 'demo-forecasts' });
    const ws = { accountScopeId: owner.workspace.id, ownerUserId: owner.user.id };
    const demo = await startDemoSandbox(t.deps, ws);
    try {
      await demo.initialSync;
      const t0 = performance.now();
      const tick = await runSchedulerTick(t.deps, {
        workerId: 'forecast-demo',
        mode: 'once',
        jobTypes: ['kag_daily_pipeline'],
      });
      const pipelineMs = performance.now() - t0;
      expect(tick.succeeded).toBe(demo.projects.length);
      const session = await login(t, owner.email, owner.password);
      const last = demo.projects.at(-1);
      if (!last) throw new Error('no project');
      for (const p of demo.projects) {
        const rows = await t.deps.db
          .select({ h: kagRiskForecasts.horizonDays, ok: kagRiskForecasts.dataSufficient })
          .from(kagRiskForecasts)
          .where(eq(kagRiskForecasts.projectId, p.projectId));
        expect(rows.map((r) => r.h).sort((a, b) => a - b)).toEqual([7, 14, 30]);
      }
      const headers = { ...authed(session), 'x-project-id': last.projectId };
      const forecast = (await t.app.inject({ method: 'GET', url: '/kag/v2/forecast', headers })).json().data;
      expect(forecast.items[1].dataSufficient).toBe(true);
      expect(forecast.items[1].similarCases.length).toBeGreaterThan(0);
      const similar = (await t.app.inject({ method: 'GET', url: '/kag/similar-cases?k=5', headers })).json()
        .data;
      expect(similar.items).toHaveLength(5);
      const t1 = performance.now();
      const tr = (await t.app.inject({ method: 'GET', url: '/kag/v2/forecast/track-record', headers })).json()
        .data;
      const trackRecordMs = performance.now() - t1;
      expect(tr.horizons[1].labelled).toBeGreaterThan(0);
      // Every day replayed on the demo, so the flag is also judged as alarms against the events
      // Keel observed on the demo's history.
      expect(tr.stride).toBe(1);
      expect(tr.alarms.events).toBeGreaterThan(0);
      expect(tr.alarms.warned).toBeLessThanOrEqual(tr.alarms.events);
      console.info(
        `[forecast-demo] ${demo.projects.length} projects: daily pipeline ${Math.round(pipelineMs)} ms; track record ${Math.round(trackRecordMs)} ms over ${tr.replayedDays} days (14d: ${tr.horizons[1].labelled} labelled, Brier ${tr.horizons[1].brier} vs base rate ${tr.horizons[1].brierBaseRate}; alarms ${tr.alarms.borneOut}/${tr.alarms.episodes} borne out, ${tr.alarms.warned}/${tr.alarms.events} events warned)`,
      );
    } finally {
      await demo.close();
    }
  }, 600_000);
});

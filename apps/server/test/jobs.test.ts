import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let owner: Session;

type Envelope<T> = { ok: boolean; data: T; error?: string; message?: string };

beforeAll(async () => {
  t = await createTestApp();
  const user = await seedUser(t, { role: 'owner' });
  owner = await login(t, user.email, user.password);
  await createAndSelectProject(t, owner);
});
afterAll(async () => {
  await t?.close();
});

describe('jobs endpoints', () => {
  it('when the scheduler configuration is read, then every job type is listed and enabled', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/jobs/scheduler', headers: authed(owner) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Envelope<{
      tickLimit: number;
      jobs: { type: string; enabled: boolean; disabledReason: string | null; cadenceSeconds: number }[];
    }>;
    expect(body.data.tickLimit).toBe(25);
    expect(body.data.jobs.length).toBeGreaterThanOrEqual(18);
    const types = body.data.jobs.map((j) => j.type);
    for (const seedJob of [
      'connectors_sync_cycle',
      'kag_recommendations_refresh',
      'embeddings_run',
      'kag_daily_pipeline',
      'case_signatures_refresh',
    ]) {
      expect(types).toContain(seedJob);
    }
    for (const job of body.data.jobs) {
      // Every seed job has a real handler (issue 17); none is "not built yet".
      expect(job.enabled, `${job.type}: ${job.disabledReason}`).toBe(true);
      expect(job.cadenceSeconds).toBeGreaterThanOrEqual(300);
      expect(job.cadenceSeconds).toBeLessThanOrEqual(7 * 86_400);
    }
  });

  it('when a job is run now, then it runs and the status shows its last run, next run and counts', async () => {
    const run = await t.app.inject({
      method: 'POST',
      url: '/jobs/job_history_prune/run',
      headers: authed(owner),
    });
    expect(run.statusCode).toBe(200);
    const ran = run.json() as Envelope<{ status: string; outcome: { status: string; runId: string } }>;
    expect(ran.data.status).toBe('ran');
    expect(['succeeded', 'skipped']).toContain(ran.data.outcome.status);

    const status = await t.app.inject({ method: 'GET', url: '/jobs/status', headers: authed(owner) });
    expect(status.statusCode).toBe(200);
    const body = status.json() as Envelope<{
      jobs: {
        jobType: string;
        nextRunAt: string | null;
        runs24h: number;
        lastRun: { id: string; trigger: string } | null;
      }[];
      recentRuns: { id: string }[];
    }>;
    const prune = body.data.jobs.find((j) => j.jobType === 'job_history_prune');
    expect(prune?.lastRun).toMatchObject({ id: ran.data.outcome.runId, trigger: 'manual' });
    expect(prune?.runs24h).toBe(1);
    expect(prune?.nextRunAt).not.toBeNull();
    expect(body.data.recentRuns.map((r) => r.id)).toContain(ran.data.outcome.runId);

    const audit = await t.app.inject({
      method: 'GET',
      url: '/audit?scope=project&action=jobs.run_now',
      headers: authed(owner),
    });
    expect((audit.json() as Envelope<{ events: unknown[] }>).data.events).toHaveLength(1);
  });

  it('when an unknown job type is run, then 404 names the list', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/jobs/no_such_job/run',
      headers: authed(owner),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('when a manual tick runs, then only the active project’s due jobs run and the tick is audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/jobs/scheduler/tick',
      headers: authed(owner),
      payload: { limit: 5 },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Envelope<{ claimed: number; outcomes: { projectId: string }[] }>;
    expect(body.data.claimed).toBeLessThanOrEqual(5);
  });

  it('when an executive asks to run a job, then 403 names the roles that may', async () => {
    const viewer = await seedUser(t, { role: 'exec', workspace: 'ws-viewer' });
    const vs = await login(t, viewer.email, viewer.password);
    const ownerOfOther = await seedUser(t, { role: 'owner', workspace: 'ws-viewer' });
    const os = await login(t, ownerOfOther.email, ownerOfOther.password);
    const project = await createAndSelectProject(t, os);
    const res = await t.app.inject({
      method: 'POST',
      url: '/jobs/job_history_prune/run',
      headers: { ...authed(vs), 'x-project-id': project.id },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('owner, pm') });
  });

  it('when /metrics is scraped, then queue depth and lag gauges are present', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toContain('keel_jobs_queue_lag_seconds');
    expect(res.body).toContain('keel_jobs_due');
    expect(res.body).toContain('keel_sse_connections');
  });
});

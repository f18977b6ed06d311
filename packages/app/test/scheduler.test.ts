import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '@keel/db/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '@keel/db/factories';
import { claimNextJob } from '@keel/db/queries/scheduler';
import { jobRuns, scheduledJobs, workerRuns } from '@keel/db/schema/jobs';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { ensureDefaultScheduledJobs } from '../src/scheduler/ensure-jobs.ts';
import { jobRegistry } from '../src/scheduler/registry.ts';
import { runJobNow } from '../src/scheduler/run-now.ts';
import { runSchedulerTick } from '../src/scheduler/tick.ts';
import {
  type Behaviour,
  recordEvents,
  registryWith,
  schedulerDeps,
  settle,
  testBus,
} from './scheduler-support.ts';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});
beforeEach(async () => {
  await tdb.db.delete(scheduledJobs);
  await tdb.db.delete(jobRuns);
  await tdb.db.delete(workerRuns);
});

async function setup(behaviour: Behaviour, options: Parameters<typeof registryWith>[1] = {}) {
  const deps = await schedulerDeps(tdb);
  const project = await createProject(tdb.db);
  const registry = registryWith(behaviour, options);
  await ensureDefaultScheduledJobs(tdb.db, { now: deps.clock.now(), registry, projectIds: [project.id] });
  // Make the test job due now whatever its spread offset was.
  await tdb.db
    .update(scheduledJobs)
    .set({ nextRunAt: deps.clock.now() })
    .where(eq(scheduledJobs.projectId, project.id));
  const scope = { accountScopeId: project.accountScopeId, projectId: project.id };
  const tick = (workerId = 'w1') =>
    runSchedulerTick(deps, { workerId, mode: 'once', registry, projectIds: [project.id], random: () => 0.5 });
  const row = async (type = 'test_job') => {
    const [r] = await tdb.db
      .select()
      .from(scheduledJobs)
      .where(and(eq(scheduledJobs.projectId, project.id), eq(scheduledJobs.jobType, type)));
    if (!r) throw new Error('no scheduled row');
    return r;
  };
  return { deps, project, registry, scope, tick, row };
}

const ok: Behaviour = async () => ({ status: 'succeeded', summary: { rows: 3 } });

describe('ensureDefaultScheduledJobs', () => {
  it('when run twice for a project, then every registered job type exists once and unbuilt services are disabled with a reason', async () => {
    const project = await createProject(tdb.db);
    const now = new Date('2026-03-02T09:00:00Z');
    const first = await ensureDefaultScheduledJobs(tdb.db, { now, projectIds: [project.id] });
    const second = await ensureDefaultScheduledJobs(tdb.db, { now, projectIds: [project.id] });
    expect(first).toBe(jobRegistry.length);
    expect(second).toBe(0);
    const rows = await tdb.db.select().from(scheduledJobs).where(eq(scheduledJobs.projectId, project.id));
    expect(rows).toHaveLength(jobRegistry.length);
    expect(jobRegistry.length).toBeGreaterThanOrEqual(18);
    for (const r of rows) {
      const def = jobRegistry.find((d) => d.type === r.jobType);
      expect(r.enabled).toBe(def?.disabledReason === null);
      expect(r.disabledReason).toBe(def?.disabledReason ?? null);
      expect(r.nextRunAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
      expect(r.nextRunAt.getTime()).toBeLessThan(now.getTime() + 15 * 60_000);
    }
    // The first sync is what a new project waits for: it falls within the first minute.
    const sync = rows.find((r) => r.jobType === 'connectors_sync_cycle');
    expect(sync?.nextRunAt.getTime()).toBeLessThan(now.getTime() + 60_000);
  });

  it('when the registry wires a service that was disabled, then the existing row is enabled on the next ensure', async () => {
    const project = await createProject(tdb.db);
    const now = new Date('2026-03-02T09:00:00Z');
    const [disabledDef] = registryWith(ok, { type: 'test_disabled_twin' }).filter(
      (d) => d.type === 'test_disabled',
    );
    if (!disabledDef) throw new Error('fixture');
    await ensureDefaultScheduledJobs(tdb.db, { now, projectIds: [project.id], registry: [disabledDef] });
    const enabledDef = { ...disabledDef, disabledReason: null };
    await ensureDefaultScheduledJobs(tdb.db, { now, projectIds: [project.id], registry: [enabledDef] });
    const [r] = await tdb.db.select().from(scheduledJobs).where(eq(scheduledJobs.projectId, project.id));
    expect(r).toMatchObject({ enabled: true, disabledReason: null });
  });
});

describe('runSchedulerTick', () => {
  it('when a job is due, then it runs once, records the run and the tick, publishes events and moves to the next slot', async () => {
    const bus = testBus();
    const { deps, tick, row, scope } = await setup(ok);
    deps.bus = bus;
    const rec = await recordEvents(bus);
    const due = (await row()).nextRunAt;
    const result = await tick();
    expect(result).toMatchObject({ claimed: 1, succeeded: 1, failed: 0 });
    const again = await tick();
    expect(again.claimed).toBe(0);
    const r = await row();
    expect(r).toMatchObject({ status: 'idle', consecutiveFailures: 0, leaseOwner: null });
    expect(r.nextRunAt.getTime()).toBe(due.getTime() + 900_000);
    const runs = await tdb.db.select().from(jobRuns).where(eq(jobRuns.projectId, scope.projectId));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule', progress: 1 });
    const ticks = await tdb.db.select().from(workerRuns);
    expect(ticks.every((t) => t.status === 'finished')).toBe(true);
    await settle(100);
    const types = rec.events.filter((e) => e.projectId === scope.projectId).map((e) => e.type);
    expect(types).toEqual(['job.started', 'job.finished']);
    await rec.stop();
    await bus.close();
  });

  it('when the disabled job is due, then it is never claimed', async () => {
    const { tick, row } = await setup(ok);
    await tick();
    expect((await row('test_disabled')).lastRunAt).toBeNull();
  });

  it('when a handler skips, then the run is recorded as skipped with its reason and the job is rescheduled', async () => {
    const { tick, scope } = await setup(async () => ({ status: 'skipped', reason: 'no new messages' }));
    const result = await tick();
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: 'no new messages' });
    const [run] = await tdb.db.select().from(jobRuns).where(eq(jobRuns.projectId, scope.projectId));
    expect(run?.status).toBe('skipped');
    expect(run?.meta).toMatchObject({ reason: 'no new messages' });
  });

  it('when a handler keeps failing, then it retries with growing backoff and is parked dead after maxFailures', async () => {
    const { deps, tick, row } = await setup(
      async () => {
        throw new Error('upstream 503');
      },
      { maxFailures: 3 },
    );
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const before = deps.clock.now().getTime();
      const result = await tick();
      expect(result.claimed).toBe(1);
      const r = await row();
      delays.push(r.nextRunAt.getTime() - before);
      deps.clock.set(r.nextRunAt);
    }
    const r = await row();
    expect(r).toMatchObject({ status: 'dead', consecutiveFailures: 3, lastError: 'upstream 503' });
    // random() = 0.5 → 75 % of 30 s, 60 s: the first two retries; the third failure parks it.
    expect(delays.slice(0, 2)).toEqual([22_500, 45_000]);
    deps.clock.advance(86_400_000);
    expect((await tick()).claimed).toBe(0);
  });

  it('when a dead job is run by hand, then it is revived and runs', async () => {
    let fail = true;
    const { deps, tick, row, scope, registry } = await setup(
      async () => {
        if (fail) throw new Error('bad credentials');
        return { status: 'succeeded' };
      },
      { maxFailures: 1 },
    );
    await tick();
    expect((await row()).status).toBe('dead');
    fail = false;
    const result = await runJobNow(deps, scope, 'test_job', registry);
    expect(result).toMatchObject({ status: 'ran', outcome: { status: 'succeeded' } });
    expect(await row()).toMatchObject({ status: 'idle', consecutiveFailures: 0 });
  });

  it('when a handler exceeds its timeout, then the run fails with the reason and its signal is aborted', async () => {
    let aborted = false;
    const { tick, row } = await setup(
      (ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve({ status: 'succeeded' });
          });
        }),
      { timeoutSeconds: 1 },
    );
    const result = await tick();
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', error: 'timed out after 1 s' });
    expect(aborted).toBe(true);
    expect((await row()).status).toBe('failed');
  });

  it('when a worker died holding a job, then after lease expiry the next tick takes it over and closes the abandoned run', async () => {
    const { deps, tick, row, scope } = await setup(ok);
    // Leases run on the database's clock: a short one, then real time passes.
    const claimed = await claimNextJob(tdb.db, {
      owner: 'dead-worker',
      now: deps.clock.now(),
      leaseMs: 400,
      projectIds: [scope.projectId],
    });
    expect(claimed).not.toBeNull();
    await tdb.db.insert(jobRuns).values({
      ...scope,
      jobType: 'test_job',
      scheduledJobId: claimed?.id ?? null,
      status: 'running',
      startedAt: deps.clock.now(),
    });
    expect((await tick()).claimed).toBe(0);
    await settle(600);
    const result = await tick();
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded' });
    const runs = await tdb.db.select().from(jobRuns).where(eq(jobRuns.projectId, scope.projectId));
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    expect(runs.find((r) => r.status === 'failed')?.error).toMatch(/lease expired/);
    expect(await row()).toMatchObject({ status: 'idle', leaseOwner: null });
  });

  it('when a process clock runs an hour ahead, then it does not take over a live lease (leases are on the database clock)', async () => {
    const { deps, tick, row, scope } = await setup(ok);
    const claimed = await claimNextJob(tdb.db, {
      owner: 'live-worker',
      now: deps.clock.now(),
      leaseMs: 60_000,
      projectIds: [scope.projectId],
    });
    expect(claimed).not.toBeNull();
    const held = await row();
    // The lease was set from the database's clock, not the test's (which is months away from it).
    const [dbNow] = await queryRows<{ now: Date | string }>(tdb.db, sql`select now() as now`);
    const leaseLeft = (held.leaseExpiresAt?.getTime() ?? 0) - new Date(dbNow?.now ?? 0).getTime();
    expect(leaseLeft).toBeGreaterThan(50_000);
    expect(leaseLeft).toBeLessThanOrEqual(60_000);
    deps.clock.advance(3_600_000);
    expect((await tick('skewed-worker')).claimed).toBe(0);
    expect(await row()).toMatchObject({ status: 'running', leaseOwner: 'live-worker' });
  });

  it('when the worker is stopped hard mid-job, then the job is released and due again for another worker', async () => {
    const stop = new AbortController();
    const { deps, row, project, registry } = await setup(
      (ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => resolve({ status: 'succeeded' }));
          stop.abort();
        }),
    );
    const result = await runSchedulerTick(deps, {
      workerId: 'w-stop',
      mode: 'loop',
      registry,
      projectIds: [project.id],
      hardStop: stop.signal,
    });
    expect(result.outcomes[0]).toMatchObject({ status: 'released' });
    const r = await row();
    expect(r).toMatchObject({ status: 'idle', leaseOwner: null });
    expect(r.nextRunAt.getTime()).toBeLessThanOrEqual(deps.clock.now().getTime());
  });
});

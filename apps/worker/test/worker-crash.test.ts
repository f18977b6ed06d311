import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawEnv } from '@keel/core/env';
import { queryRows } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { SLOW_JOBS, spawnWorker } from './worker-process.ts';
import { jobRegistry } from './fixtures/slow-jobs.ts';

/**
 * Workers killed with SIGKILL at random moments, over and over: every due job must still
 * complete once its lease expires, nothing may stay "running", and no job may run twice at
 * the same time. Needs PostgreSQL (PGlite serves one process), so it runs in the server pass.
 */
let tdb: TestDatabase | undefined;
const onPostgres = Boolean(readRawEnv('KEEL_TEST_DATABASE_URL'));
const KILLS = 22;
const LANES = 2;
const PROJECTS = 20;
const LEASE_MS = 1000;
const workerArgs = (id: string) => [
  '--lease-ms',
  String(LEASE_MS),
  '--interval-ms',
  '200',
  '--grace-ms',
  '3000',
  '--jobs-module',
  SLOW_JOBS,
  '--worker-id',
  id,
];

beforeAll(async () => {
  if (onPostgres) tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onPostgres)('worker crashes (PostgreSQL only: PGlite is single-process)', () => {
  it('when workers are SIGKILLed at random points, then every due job completes after lease expiry and nothing stays running', async () => {
    if (!tdb?.url) throw new Error('needs a PostgreSQL test database');
    const db = tdb.db;
    const env = { DATABASE_URL: tdb.url };
    const workspace = await createWorkspace(db);
    for (let i = 0; i < PROJECTS; i += 1) await createProject(db, { accountScopeId: workspace.id });
    const start = new Date();
    await ensureDefaultScheduledJobs(db, { now: start, registry: jobRegistry });
    await db.execute(sql`update scheduled_jobs set next_run_at = ${start.toISOString()}::timestamptz`);

    let kills = 0;
    const lane = async (laneNo: number) => {
      while (kills < KILLS) {
        kills += 1;
        const w = spawnWorker('worker-loop', workerArgs(`crash-${laneNo}-${kills}`), env);
        await w.ready;
        await sleep(150 + Math.floor(Math.random() * 1200));
        w.child.kill('SIGKILL');
        await w.exited;
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));

    // A clean worker drains what is left, including jobs whose killed owner still holds a lease.
    const drain = spawnWorker('worker-loop', workerArgs('drain'), env);
    await drain.ready;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [left] = await queryRows<{ pending: number; ticks: number }>(
        db,
        sql`select (select count(*) from scheduled_jobs where status <> 'idle' or last_finished_at is null or last_finished_at < ${start.toISOString()}::timestamptz)::int as pending,
                   (select count(*) from worker_runs where status = 'running' and worker_id <> 'drain')::int as ticks`,
      );
      if (left?.pending === 0 && left.ticks === 0) break;
      if (Date.now() > deadline)
        throw new Error(`drain did not finish: ${JSON.stringify(left)}\n${drain.output()}`);
      await sleep(250);
    }
    drain.child.kill('SIGTERM');
    expect(await drain.exited).toBe(0);

    const jobs = await queryRows<{ id: string; status: string; next_run_at: Date }>(
      db,
      sql`select id, status, next_run_at from scheduled_jobs`,
    );
    expect(jobs).toHaveLength(PROJECTS * jobRegistry.length);
    for (const j of jobs) {
      expect(j.status).toBe('idle');
      expect(new Date(j.next_run_at).getTime()).toBeGreaterThan(start.getTime());
    }
    const runs = await queryRows<{
      scheduled_job_id: string;
      status: string;
      error: string | null;
      started_at: Date;
      finished_at: Date | null;
    }>(
      db,
      sql`select scheduled_job_id, status, error, started_at, finished_at from job_runs order by scheduled_job_id, started_at`,
    );
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
    const succeeded = new Map<string, number>();
    for (const r of runs)
      if (r.status === 'succeeded')
        succeeded.set(r.scheduled_job_id, (succeeded.get(r.scheduled_job_id) ?? 0) + 1);
    // Exactly once per due time: one success per job, however many attempts were killed.
    for (const j of jobs) expect(succeeded.get(j.id)).toBe(1);
    const abandoned = runs.filter((r) => r.error?.includes('lease expired'));
    expect(abandoned.length).toBeGreaterThan(0);
    // Never twice at the same time: a job's runs follow each other.
    for (let i = 1; i < runs.length; i += 1) {
      const prev = runs[i - 1];
      const cur = runs[i];
      if (!prev || !cur || prev.scheduled_job_id !== cur.scheduled_job_id) continue;
      expect(new Date(cur.started_at).getTime()).toBeGreaterThanOrEqual(
        new Date(prev.finished_at ?? 0).getTime(),
      );
    }
    const [ticks] = await queryRows<{ running: number; failed: number }>(
      db,
      sql`select count(*) filter (where status = 'running')::int as running, count(*) filter (where status = 'failed')::int as failed from worker_runs`,
    );
    expect(ticks?.running).toBe(0);
    console.info(
      `crash test: ${kills} kills, ${abandoned.length} runs abandoned mid-job and taken over, ${ticks?.failed} ticks closed as dead`,
    );
  }, 240_000);
});

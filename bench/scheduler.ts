/**
 * Benchmark: scheduler. `pnpm bench scheduler [--projects 1000] [--due-percent 2] [--pg [--pg-url url]]`
 *
 * 1,000 projects × every registered job type in scheduled_jobs, a few percent of them due.
 * Measures what a tick does before running anything — find the due jobs (the query behind the
 * claim), claim one (SKIP LOCKED + lease), create jobs for new projects — and a whole tick of
 * 25 no-op jobs. Baselines in the same run: a `select 1` round trip and a full scan of the jobs.
 * Target (quality.md): a tick finds due jobs in < 20 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { createDatabase, type DatabaseHandle, queryRows } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { claimNextJob, findDueJobs, releaseScheduledJob } from '@keel/db/queries/scheduler';
import { withDatabase } from '@keel/db/test-db';
import { createAppDeps } from '@keel/app/deps';
import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { jobRegistry } from '@keel/app/scheduler/registry';
import { runSchedulerTick } from '@keel/app/scheduler/tick';
import type { JobRegistry } from '@keel/app/scheduler/types';

const { values: args } = parseArgs({
  options: {
    projects: { type: 'string', default: '1000' },
    'due-percent': { type: 'string', default: '2' },
    iterations: { type: 'string', default: '300' },
    pg: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const PROJECTS = Number(args.projects);
const ITER = Number(args.iterations);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function timeIt(label: string, n: number, fn: () => Promise<unknown>, after?: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < Math.min(20, n); i += 1) {
    await fn();
    await after?.();
  }
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    await after?.();
  }
  const row = { label, p50: percentile(samples, 50), p99: percentile(samples, 99) };
  process.stdout.write(
    `  ${label.padEnd(44)} p50 ${ms(row.p50).padStart(10)}   p99 ${ms(row.p99).padStart(10)}\n`,
  );
  return row;
}

async function openDatabase(): Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }> {
  if (!args.pg) {
    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-scheduler-'));
    const handle = await createDatabase({ dataDir: dir });
    return { handle, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = args['pg-url'];
  const name = `keel_bench_scheduler_${Date.now()}`;
  const a = postgres(admin, { max: 1, onnotice: () => undefined });
  await a.unsafe(`create database ${name}`);
  await a.end();
  const handle = await createDatabase({ url: withDatabase(admin, name), max: 4 });
  return {
    handle,
    cleanup: async () => {
      const d = postgres(admin, { max: 1, onnotice: () => undefined });
      await d.unsafe(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

async function main() {
  const { handle, cleanup } = await openDatabase();
  const { db } = handle;
  await migrateDatabase(handle);
  process.stdout.write(
    `scheduler bench — ${handle.kind}, ${PROJECTS} projects × ${jobRegistry.length} job types\n`,
  );
  const [ws] = await queryRows<{ id: string }>(
    db,
    sql`insert into account_scopes (slug, name) values ('bench-scheduler', 'Bench') returning id`,
  );
  if (!ws) throw new Error('no workspace');
  await db.execute(
    sql`insert into projects (account_scope_id, name, slug) select ${ws.id}::uuid, 'Project ' || g, 'project-' || g from generate_series(1, ${PROJECTS}) g`,
  );
  const clock = manualClock(new Date());
  const t0 = performance.now();
  const created = await ensureDefaultScheduledJobs(db, { now: clock.now() });
  process.stdout.write(`  created ${created} scheduled jobs in ${ms(performance.now() - t0)}\n`);
  // Every job type enabled (as once every service is built), a few percent overdue.
  const duePercent = Number(args['due-percent']);
  await db.execute(sql`update scheduled_jobs set enabled = true, disabled_reason = null`);
  await db.execute(
    sql`update scheduled_jobs set next_run_at = now() - interval '1 minute' where abs(hashtext(id::text)) % 10000 < ${duePercent * 100}`,
  );
  await db.execute(sql`analyze scheduled_jobs`);
  const [due] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from scheduled_jobs where next_run_at <= now()`,
  );
  process.stdout.write(`  ${due?.n} jobs due (${duePercent} %)\n\n`);

  const now = () => new Date();
  const select1 = await timeIt('baseline: select 1', ITER, () => db.execute(sql`select 1`));
  const scan = await timeIt('baseline: full scan of scheduled_jobs', Math.min(ITER, 100), () =>
    db.execute(sql`select count(*) from scheduled_jobs where payload is not null`),
  );
  const find = await timeIt('find due jobs (limit 25, index)', ITER, () =>
    findDueJobs(db, { now: now(), limit: 25 }),
  );
  let held: { id: string } | null = null;
  const claim = await timeIt(
    'claim one (expired leases, then due; SKIP LOCKED)',
    ITER,
    async () => {
      held = await claimNextJob(db, { owner: 'bench', now: now(), leaseMs: 60_000 });
    },
    async () => {
      if (held) await releaseScheduledJob(db, { id: held.id, owner: 'bench', now: now() });
    },
  );
  const ensureNew = await timeIt('ensure jobs for new projects (per tick)', Math.min(ITER, 100), () =>
    ensureDefaultScheduledJobs(db, { now: now(), onlyNewProjects: true }),
  );

  const noop: JobRegistry = jobRegistry.map((d) => ({
    ...d,
    disabledReason: null,
    load: async () => async () => ({ status: 'succeeded' as const }),
  }));
  const runtime = await createAppDeps(parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), {
    database: handle,
    bus: createMemoryEventBus(),
    clock: { now },
    logger: silentLogger,
    secrets: createSecretBox(deriveDevKey('bench')),
  });
  const { deps } = runtime;
  const tick = await timeIt(
    'whole tick: 25 no-op jobs claimed, run, settled',
    20,
    () => runSchedulerTick(deps, { workerId: 'bench-tick', mode: 'loop', registry: noop, limit: 25 }),
    () =>
      db.execute(
        sql`update scheduled_jobs set next_run_at = now() - interval '1 minute' where id in (select id from scheduled_jobs order by last_finished_at desc nulls last limit 25)`,
      ),
  );

  process.stdout.write(
    `\nfind due: p99 ${ms(find.p99)} (target < 20 ms: ${find.p99 < 20 ? 'met' : 'NOT met'}) = ${(find.p99 / select1.p99).toFixed(1)}× a select-1 round trip; a full scan costs ${(scan.p50 / find.p50).toFixed(0)}× more\n` +
      `claim one: p99 ${ms(claim.p99)}; ensure-new per tick: p99 ${ms(ensureNew.p99)}; tick of 25 no-op jobs: p50 ${ms(tick.p50)} (${ms(tick.p50 / 25)} per job)\n`,
  );
  await runtime.close();
  await deps.bus.close();
  await handle.close();
  await cleanup();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

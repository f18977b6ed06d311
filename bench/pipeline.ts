/**
 * `pnpm bench pipeline [--projects 1000] [--events 1000] [--concurrency 2] [--incremental 50]
 *   [--new-events 100] [--pg-only | --pglite-only] [--pglite-projects N]`
 *
 * The intelligence pipeline at portfolio scale (quality.md, issue #18): a workspace of
 * `--projects` projects with `--events` mirror rows each (messages, issues, deals; 1,000 × 1,000
 * ≈ 1M by default) written straight into the mirror tables (bench/lib/pipeline-portfolio.ts; the
 * sync has its own bench), then:
 *
 * - full refresh: every project through the whole pipeline as `POST /kag/refresh` and the daily
 *   job run it — `runKagPipeline` (ingest → signals → scores → recommendations v1 → graph →
 *   snapshots with past days backfilled → case signatures → forecasts → analytics → risk →
 *   legacy → evidence) then `refreshRecommendationsV2` — with `--concurrency` projects at a time,
 *   as that many workers would (each worker runs one job at a time). Target < 60 s.
 * - incremental: for `--incremental` projects spread over the portfolio, `--new-events` new
 *   messages are written (not timed), then the project is refreshed the way the worker does it
 *   after a sync: the `kag_recommendations_refresh` job handler (ingest of the new rows → signals →
 *   scores → recommendations v1 and v2 → legacy projection and evidence). Target p95 < 200 ms.
 *   The whole pipeline for the same project (`POST /kag/refresh` after 100 more events) is
 *   printed beside it.
 *
 * Baselines in the same run: a bare read of every project's input rows (the mirror rows the
 * ingest reads, plain SQL, same concurrency), and for the incremental case the bare read of
 * one project's rows. The CPU split is this Node process (process.cpuUsage) against the
 * PostgreSQL backends serving the bench's database (/proc/<pid>/stat of the pids in
 * pg_stat_activity); on PGlite the database runs inside this process, so all of it is Node's.
 *
 * PostgreSQL: KEEL_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a
 * database of its own, dropped afterwards. PGlite: in memory.
 */
import { benchAppDeps } from './lib/bench-app-deps.ts';
import { availableParallelism, loadavg } from 'node:os';
import { refreshRecommendationsV2 } from '@keel/app/services/recommendations-v2';
import { run as runIncrementalJob } from '@keel/app/scheduler/handlers/kag-recommendations-refresh';
import { systemClock } from '@keel/core/clock';
import type { DatabaseHandle } from '@keel/db/client';
import { queryRows } from '@keel/db/client';
import { createWorkspace } from '@keel/db/factories';
import { KAG_PIPELINE_STEPS, runKagPipeline, type KagPipelineStep } from '@keel/intelligence/kag/pipeline';
import { sql } from 'drizzle-orm';
import { openBenchDatabase } from './lib/bench-database.ts';
import { type BackendCpu, watchBackendCpu } from './lib/pg-cpu.ts';
import { addMessages, portfolioShape, seedPipelinePortfolio } from './lib/pipeline-portfolio.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const PROJECTS = Number(arg('projects', '1000'));
const EVENTS = Number(arg('events', '1000'));
const CONCURRENCY = Math.max(1, Number(arg('concurrency', '2')));
const INCREMENTAL = Math.max(1, Number(arg('incremental', '50')));
const NEW_EVENTS = Number(arg('new-events', '100'));
const PGLITE_PROJECTS = Number(arg('pglite-projects', String(PROJECTS)));
/** Refresh only this many of the projects (spread over the portfolio) and scale the time up. */
const SAMPLE = Number(arg('sample', '0'));
const PGLITE_SAMPLE = Number(arg('pglite-sample', String(SAMPLE)));
const PG_ONLY = process.argv.includes('--pg-only');
const PGLITE_ONLY = process.argv.includes('--pglite-only');
const SERVER = process.env.KEEL_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FULL_TARGET_MS = 60_000;
const INCREMENTAL_TARGET_MS = 200;
const log = (line: string) => process.stdout.write(`${line}\n`);

type Scope = { accountScopeId: string; projectId: string };

type CpuSplit = { wallMs: number; nodeMs: number; dbMs: number | null };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Runs `work` over `items` with `concurrency` at a time (each worker takes the next item). */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
    }),
  );
}

/** Wall time, this process's CPU and (PostgreSQL) the bench database's backends' CPU around `fn`. */
async function measured<T>(
  handle: DatabaseHandle,
  fn: (backends: BackendCpu | null) => Promise<T>,
): Promise<{ result: T; cpu: CpuSplit }> {
  const database =
    handle.kind === 'postgres'
      ? (await queryRows<{ name: string }>(handle.db, sql`select current_database() as name`))[0]?.name
      : undefined;
  const backends = database ? await watchBackendCpu(SERVER, database) : null;
  const cpuBefore = process.cpuUsage();
  const t = performance.now();
  const result = await fn(backends);
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  const dbMs = backends ? await backends.stop() : null;
  return {
    result,
    cpu: {
      wallMs,
      nodeMs: (cpu.user + cpu.system) / 1000,
      dbMs,
    },
  };
}

function cpuLine(kind: DatabaseHandle['kind'], c: CpuSplit): string {
  const node = `Node ${seconds(c.nodeMs)} (${((100 * c.nodeMs) / c.wallMs).toFixed(0)} % of wall)`;
  if (kind === 'pglite')
    return `CPU: ${node}; PGlite runs inside this process, so the database's CPU is in that figure`;
  const db = c.dbMs ?? 0;
  return `CPU: ${node}, PostgreSQL backends ${seconds(db)} (${((100 * db) / c.wallMs).toFixed(0)} %); split Node ${((100 * c.nodeMs) / (c.nodeMs + db)).toFixed(0)} % / database ${((100 * db) / (c.nodeMs + db)).toFixed(0)} %`;
}

const STEP_ORDER: Array<KagPipelineStep | 'recommendationsV2'> = [...KAG_PIPELINE_STEPS, 'recommendationsV2'];

/** Transactions committed in the bench's database so far (PostgreSQL; each statement outside one counts one). */
async function transactions(handle: DatabaseHandle): Promise<number | null> {
  if (handle.kind !== 'postgres') return null;
  const rows = await queryRows<{ n: number }>(
    handle.db,
    sql`select pg_stat_get_db_xact_commit(oid)::int as n from pg_database where datname = current_database()`,
  );
  return rows[0]?.n ?? null;
}

/** The mirror rows the ingest reads for one project, read with plain SQL and thrown away. */
async function bareRead(handle: DatabaseHandle, scope: Scope) {
  const p = sql`${scope.projectId}::uuid`;
  const ws = sql`${scope.accountScopeId}::uuid`;
  await Promise.all([
    queryRows(
      handle.db,
      sql`select * from cw_messages where account_scope_id = ${ws} and project_id = ${p} and deleted_at is null`,
    ),
    queryRows(
      handle.db,
      sql`select * from cw_conversations where account_scope_id = ${ws} and project_id = ${p} and deleted_at is null`,
    ),
    queryRows(
      handle.db,
      sql`select * from linear_issues_raw where account_scope_id = ${ws} and project_id = ${p} and archived_at is null`,
    ),
    queryRows(
      handle.db,
      sql`select * from crm_opportunities where account_scope_id = ${ws} and project_id = ${p} and deleted_at is null`,
    ),
  ]);
}

async function benchDatabase(kind: 'postgres' | 'pglite', projects: number, sample: number) {
  const handle = await openBenchDatabase('pipeline', kind === 'postgres' ? SERVER : null);
  const { bus, runtime } = await benchAppDeps(handle);
  const { deps } = runtime;
  const clock = systemClock;
  // One worker per core at most on PGlite would only queue on its single connection.
  const concurrency = kind === 'pglite' ? 1 : CONCURRENCY;
  try {
    const ws = await createWorkspace(handle.db);
    const shape = portfolioShape(EVENTS);
    const t = performance.now();
    const ids = await seedPipelinePortfolio(handle.db, ws.id, projects, EVENTS, clock.now());
    const rows = await queryRows<{ messages: number; issues: number; deals: number; conversations: number }>(
      handle.db,
      sql`select (select count(*) from cw_messages)::int as messages, (select count(*) from linear_issues_raw)::int as issues,
                 (select count(*) from crm_opportunities)::int as deals, (select count(*) from cw_conversations)::int as conversations`,
    );
    const counts = rows[0];
    const total = (counts?.messages ?? 0) + (counts?.issues ?? 0) + (counts?.deals ?? 0);
    log('');
    log(
      `bench pipeline (${handle.kind}, ${projects} projects × ${EVENTS} rows: ${shape.messages} messages in ${shape.conversations} conversations, ${shape.issues} issues, ${shape.deals} deals; ${concurrency} project(s) at a time; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores)`,
    );
    log(
      `  seeded ${total.toLocaleString('en')} mirror rows (${counts?.messages} messages, ${counts?.issues} issues, ${counts?.deals} deals) in ${seconds(performance.now() - t)}`,
    );
    const scopes: Scope[] = ids.map((projectId) => ({ accountScopeId: ws.id, projectId }));
    const numberOf = new Map(ids.map((id, i) => [id, i + 1]));

    // Baseline: the same rows read once with plain SQL, same concurrency.
    const bare = await measured(handle, () => pool(scopes, concurrency, (s) => bareRead(handle, s)));
    const bareAllMs = bare.cpu.wallMs;
    log(`  baseline, bare read of every project's input rows: ${seconds(bareAllMs)}`);
    log(`    ${cpuLine(handle.kind, bare.cpu)}`);

    // Full refresh: twice. The first pass finds nothing ingested yet (a new install, or a
    // portfolio after a config change): every mirror row becomes an event and the snapshots and
    // analytics backfill the past days. The second is the daily pass on a running system
    // (kag_daily_pipeline: each mirror table checked against its last full read and re-read only
    // past it, as nothing changed; today's rows written).
    const refreshed =
      sample > 0 && sample < scopes.length
        ? scopes.filter((_, i) => i % Math.floor(scopes.length / sample) === 0).slice(0, sample)
        : scopes;
    const scale = projects / refreshed.length;
    const fullPass = async (label: string) => {
      const stepMs = new Map<string, number>();
      const perProject: number[] = [];
      let eventsInserted = 0;
      let snapshots = 0;
      let failures = 0;
      const xactBefore = await transactions(handle);
      const full = await measured(handle, () =>
        pool(refreshed, concurrency, async (scope) => {
          const t0 = performance.now();
          try {
            const r = await runKagPipeline(handle.db, scope, { clock, bus }, { fullIngest: true });
            for (const s of r.steps) stepMs.set(s.step, (stepMs.get(s.step) ?? 0) + s.ms);
            eventsInserted += r.events.inserted;
            snapshots += r.snapshots.snapshots;
            const t1 = performance.now();
            await refreshRecommendationsV2({ db: handle.db, clock, bus }, scope, {
              kind: 'system',
              accountScopeId: scope.accountScopeId,
            });
            stepMs.set(
              'recommendationsV2',
              (stepMs.get('recommendationsV2') ?? 0) + (performance.now() - t1),
            );
          } catch (error) {
            failures += 1;
            if (failures <= 3)
              log(`  ! ${scope.projectId}: ${error instanceof Error ? error.stack : String(error)}`);
          }
          perProject.push(performance.now() - t0);
        }),
      );
      const xactAfter = await transactions(handle);
      const xacts = xactAfter !== null && xactBefore !== null ? xactAfter - xactBefore : null;
      const fullMs = full.cpu.wallMs * scale;
      log(
        `  full refresh, ${label}, ${refreshed.length === projects ? `all ${projects} projects` : `${refreshed.length} of ${projects} projects spread over the portfolio, scaled × ${scale.toFixed(1)}`}: ${seconds(fullMs)} (target < ${seconds(FULL_TARGET_MS)}) — ${(fullMs / bareAllMs).toFixed(0)} × the bare read`,
      );
      log(
        `    per project p50 ${pct(perProject, 50).toFixed(0)} ms, p95 ${pct(perProject, 95).toFixed(0)} ms, max ${Math.max(...perProject).toFixed(0)} ms; ${eventsInserted.toLocaleString('en')} kag_events inserted, ${snapshots.toLocaleString('en')} snapshot rows, ${failures} failures${xacts === null ? '' : `; ${(xacts / refreshed.length).toFixed(0)} transactions per project`}`,
      );
      log(`    ${cpuLine(handle.kind, full.cpu)}${scale > 1 ? ' (for the sample)' : ''}`);
      // Shared machines stretch wall time; CPU per project is what the pipeline itself costs.
      const cpuPerProject = (full.cpu.nodeMs + (full.cpu.dbMs ?? 0)) / refreshed.length;
      const usable = handle.kind === 'pglite' ? 1 : Math.min(availableParallelism(), concurrency);
      log(
        `    CPU per project ${cpuPerProject.toFixed(0)} ms (Node ${(full.cpu.nodeMs / refreshed.length).toFixed(0)}${full.cpu.dbMs === null ? '' : ` + database ${(full.cpu.dbMs / refreshed.length).toFixed(0)}`}): ${projects} projects on ${usable} idle core(s) ≈ ${seconds((cpuPerProject * projects) / usable)} if CPU-bound`,
      );
      const stepTotal = [...stepMs.values()].reduce((a, b) => a + b, 0);
      log('    per step, summed over projects (refresh = ingest → signals → scores → recommendations v1):');
      for (const step of STEP_ORDER) {
        const ms = stepMs.get(step) ?? 0;
        log(
          `      ${step.padEnd(18)} ${seconds(ms * scale).padStart(8)}  ${((100 * ms) / stepTotal).toFixed(0).padStart(3)} %  ${(ms / refreshed.length).toFixed(1).padStart(7)} ms/project`,
        );
      }
    };
    await fullPass('first pass (nothing ingested yet, past days backfilled)');
    await fullPass('daily pass (mirror checked against the last full read, nothing new)');
    // Incremental: new messages for one project, then the worker's refresh of that project.
    const every = Math.max(1, Math.floor(refreshed.length / INCREMENTAL));
    const picked = refreshed
      .map((s) => ({ ...s, n: numberOf.get(s.projectId) ?? 0 }))
      .filter((_, i) => i % every === 0)
      .slice(0, INCREMENTAL);
    const jobMs: number[] = [];
    const pipelineMs: number[] = [];
    const bareMs: number[] = [];
    let newEvents = 0;
    let jobNodeCpuMs = 0;
    let jobDbCpuMs = 0;
    const incremental = await measured(handle, async (backends) => {
      for (const p of picked) {
        const scope = { accountScopeId: p.accountScopeId, projectId: p.projectId };
        await addMessages(handle.db, scope.accountScopeId, scope.projectId, p.n, 1, NEW_EVENTS, clock.now());
        const jobCpu = process.cpuUsage();
        const dbBefore = (await backends?.sofar()) ?? 0;
        let t0 = performance.now();
        const r = await runIncrementalJob({
          db: handle.db,
          scope,
          deps,
          payload: {},
          runId: 'bench',
          signal: new AbortController().signal,
          heartbeat: async () => undefined,
        });
        jobMs.push(performance.now() - t0);
        const used = process.cpuUsage(jobCpu);
        jobDbCpuMs += ((await backends?.sofar()) ?? 0) - dbBefore;
        jobNodeCpuMs += (used.user + used.system) / 1000;
        newEvents += Number((r.summary as { eventsInserted?: number } | undefined)?.eventsInserted ?? 0);
        t0 = performance.now();
        await bareRead(handle, scope);
        bareMs.push(performance.now() - t0);
        await addMessages(handle.db, scope.accountScopeId, scope.projectId, p.n, 2, NEW_EVENTS, clock.now());
        t0 = performance.now();
        await runKagPipeline(handle.db, scope, { clock, bus });
        await refreshRecommendationsV2({ db: handle.db, clock, bus }, scope, {
          kind: 'system',
          accountScopeId: scope.accountScopeId,
        });
        pipelineMs.push(performance.now() - t0);
      }
    });
    log(
      `  incremental, ${NEW_EVENTS} new messages then the worker's refresh (kag_recommendations_refresh), ${picked.length} projects: p50 ${pct(jobMs, 50).toFixed(0)} ms, p95 ${pct(jobMs, 95).toFixed(0)} ms (target p95 < ${INCREMENTAL_TARGET_MS} ms); ${newEvents} events ingested (${picked.length * NEW_EVENTS} expected)`,
    );
    log(
      `    CPU per incremental refresh: Node ${(jobNodeCpuMs / picked.length).toFixed(0)} ms${handle.kind === 'pglite' ? ' (PGlite included)' : `, PostgreSQL backends ${(jobDbCpuMs / picked.length).toFixed(0)} ms (/proc ticks of 10 ms, averaged)`}`,
    );
    log(
      `    the whole pipeline (POST /kag/refresh) after ${NEW_EVENTS} more: p50 ${pct(pipelineMs, 50).toFixed(0)} ms, p95 ${pct(pipelineMs, 95).toFixed(0)} ms`,
    );
    log(
      `    baseline, bare read of the project's input rows: p50 ${pct(bareMs, 50).toFixed(1)} ms, p95 ${pct(bareMs, 95).toFixed(1)} ms`,
    );
    log(`    ${cpuLine(handle.kind, incremental.cpu)} (writes of the new rows and both refreshes)`);
  } finally {
    await runtime.close();
    await handle.close();
  }
}

if (!PGLITE_ONLY) await benchDatabase('postgres', PROJECTS, SAMPLE);
if (!PG_ONLY) await benchDatabase('pglite', PGLITE_PROJECTS, PGLITE_SAMPLE);

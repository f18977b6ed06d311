/**
 * `pnpm bench table-sizes [--size bench-100] [--pipeline-projects 10] [--parallel 4]`
 *
 * Bytes per row of Keel's tables on PostgreSQL, for the arithmetic in docs/scaling.md: a
 * database of this run's own (on KEEL_BENCH_DATABASE_URL, by default the local server; dropped
 * at the end) filled the way production fills it — a sandbox portfolio synced through the real
 * connectors with RAG chunking, then the full intelligence pipeline (`runKagPipeline`, as the
 * daily job runs it) over the first `--pipeline-projects` projects — then, per table with rows:
 * the row count, heap + TOAST bytes, index bytes, and both per row (pg_total_relation_size /
 * count after VACUUM ANALYZE). Per-row figures hold for any number of rows; the totals are
 * this sample's.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { bindPortfolio } from '@keel/connectors/portfolio-bindings';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import type { SyncDeps } from '@keel/connectors/types';
import { queryRows } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { runKagPipeline } from '@keel/intelligence/kag/pipeline';
import { refreshConversationChunks } from '@keel/rag/chunk-store';
import { startSandbox } from '@keel/sandbox/emulators/start';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';
import type { SizeName } from '@keel/sandbox/sizes';
import { openBenchDatabase } from './lib/bench-database.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'bench-100' },
    'pipeline-projects': { type: 'string', default: '10' },
    parallel: { type: 'string', default: '4' },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;

async function main() {
  process.env.KEEL_BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const handle = await openBenchDatabase('sizes');
  const { db } = handle;
  try {
    const t0 = performance.now();
    const sandbox = await startSandbox({ size: args.size as SizeName, seed: 42 });
    const clock = manualClock(new Date(sandbox.dataset.now));
    const bus = createMemoryEventBus();
    const deps: SyncDeps = {
      logger: silentLogger,
      bus,
      clock,
      secrets: createSecretBox(deriveDevKey('bench')),
      env: parseEnv({ CONNECTOR_EGRESS_ALLOW: '127.0.0.1' }),
      refreshChunks: refreshConversationChunks,
    };
    const ws = await createWorkspace(db);
    await saveSandboxCredentials(db, deps.secrets, ws.id, sandbox, clock.now(), [
      'chatwoot',
      'linear',
      'attio',
    ]);
    const projects = await bindPortfolio(db, ws.id, sandboxPortfolio(sandbox.dataset), (p) =>
      createProject(db, { accountScopeId: ws.id, name: p.name, clientName: p.clientName }),
    );
    const syncAll = async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(Number(args.parallel), projects.length) }, async () => {
          for (let p = projects[next++]; p; p = projects[next++])
            await runAllConnectorsSync(db, { accountScopeId: ws.id, projectId: p.projectId }, deps);
        }),
      );
    };
    /** Requests per vendor of one sync pass over every project. */
    const requestsOf = async (pass: () => Promise<void>) => {
      sandbox.counters.reset();
      await pass();
      return (['chatwoot', 'linear', 'attio'] as const).map((v) => ({
        vendor: v,
        requests: sandbox.counters.get(v),
      }));
    };
    const full = await requestsOf(syncAll);
    const syncS = (performance.now() - t0) / 1000;
    // The vendor requests a day of activity costs, and a sync cycle that finds nothing new.
    const advanced = sandbox.advance(1);
    clock.set(new Date(sandbox.dataset.now));
    const day = await requestsOf(syncAll);
    const idle = await requestsOf(syncAll);
    await sandbox.close();
    const t1 = performance.now();
    const piped = projects.slice(0, Number(args['pipeline-projects']));
    for (const p of piped)
      await runKagPipeline(
        db,
        { accountScopeId: ws.id, projectId: p.projectId },
        { clock, bus },
        { fullIngest: true },
      );
    const pipeS = (performance.now() - t1) / 1000;
    await db.execute(sql`vacuum analyze`);

    const tables = await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
    );
    type Row = { name: string; rows: number; total: number; indexes: number };
    const rows: Row[] = [];
    for (const t of tables) {
      const [r] = await queryRows<{ rows: number; total: number; indexes: number }>(
        db,
        sql.raw(`select (select count(*) from "${t.name}")::int as rows,
                        pg_total_relation_size('"${t.name}"')::bigint::float as total,
                        pg_indexes_size('"${t.name}"')::bigint::float as indexes`),
      );
      if (r && r.rows > 0) rows.push({ name: t.name, ...r });
    }
    rows.sort((a, b) => b.total - a.total);
    log(
      `table sizes — ${new Date().toISOString()}, PostgreSQL, sandbox ${args.size} (${projects.length} projects synced in ${syncS.toFixed(0)} s), pipeline over ${piped.length} of them (${pipeS.toFixed(0)} s)`,
    );
    log(
      '  table                              rows      total      index   bytes/row (all)   index bytes/row',
    );
    for (const r of rows)
      log(
        `  ${r.name.padEnd(30)} ${String(r.rows).padStart(9)} ${kb(r.total).padStart(10)} ${kb(r.indexes).padStart(10)} ${(r.total / r.rows).toFixed(0).padStart(17)} ${(r.indexes / r.rows).toFixed(0).padStart(17)}${r.rows < 1000 ? '   (few rows: mostly the 8 KB page minimum)' : ''}`,
      );
    const sum = rows.reduce((a, r) => a + r.total, 0);
    log(`  all tables: ${(sum / 1024 / 1024).toFixed(1)} MB`);
    log(`\nvendor requests per sync pass over ${projects.length} projects (per project in brackets):`);
    for (const [label, pass] of [
      ['backfill (first sync)', full],
      [
        `after one day of activity (${advanced.newMessages} new messages in ${advanced.newConversations} new conversations, ${advanced.newIssues} new and ${advanced.updatedIssues} updated issues, ${advanced.updatedDeals} updated deals)`,
        day,
      ],
      ['a cycle with nothing new', idle],
    ] as const)
      log(
        `  ${label}: ${pass.map((p) => `${p.vendor} ${p.requests} (${(p.requests / projects.length).toFixed(1)})`).join(', ')}`,
      );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

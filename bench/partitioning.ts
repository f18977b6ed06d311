/**
 * `KEEL_BENCH_DATABASE_URL=postgres://… pnpm bench partitioning [--rows 120000] [--rounds 3]`
 *
 * Should `cw_messages` be partitioned by month? The question docs/scaling.md answers, measured:
 * the real, migrated `cw_messages` against a copy with the same columns, indexes and foreign keys, partitioned by `created_at_source` (one
 * partition per month, as pg_partman would keep them), whose keys must then carry the partition
 * key — (account_scope_id, id, created_at_source) and (account_scope_id, cw_message_id,
 * created_at_source) — so its upserts name the time too. Same rows (12 months, 20 projects), same
 * SQL (batches of 500 through jsonb_to_recordset, ON CONFLICT DO UPDATE), rounds alternating which
 * table goes first; medians. Measured: the first write, a re-sync (every row again: the update
 * path), a project's last 30 days (the signals' read), and retention of the oldest month (a
 * batched DELETE against DROP of the partition). PostgreSQL only: pg_partman, the reason to
 * partition, does not exist on PGlite.
 */
import { createProject, createWorkspace } from '@keel/db/factories';
import type { Sql } from 'postgres';
import { openBenchDatabase } from './lib/bench-database.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ROWS = Math.max(12_000, Number(arg('rows', '120000')));
const ROUNDS = Math.max(1, Number(arg('rounds', '3')));
const BATCH = 500;
const MONTHS = 12;
const PROJECTS = 20;
const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

if (!process.env.KEEL_BENCH_DATABASE_URL) {
  log('partitioning: set KEEL_BENCH_DATABASE_URL (PostgreSQL); pg_partman and this question are server-only');
  process.exit(1);
}

const COLUMNS = `account_scope_id uuid, project_id uuid, cw_message_id bigint, cw_conversation_id bigint,
  message_type text, sender_type text, content text, created_at_source timestamptz, raw jsonb`;
const NAMES =
  'account_scope_id, project_id, cw_message_id, cw_conversation_id, message_type, sender_type, content, created_at_source, raw';

type Row = Record<string, unknown>;

function rowsFor(scope: string, projects: string[], version: number): Row[][] {
  const batches: Row[][] = [];
  let batch: Row[] = [];
  for (let i = 0; i < ROWS; i++) {
    const at = new Date(START + Math.floor((i / ROWS) * MONTHS * 30 * DAY) + (i % 3600) * 1000);
    batch.push({
      account_scope_id: scope,
      project_id: projects[i % projects.length],
      cw_message_id: i + 1,
      cw_conversation_id: 1 + Math.floor(i / 20),
      message_type: i % 2 ? 'outgoing' : 'incoming',
      sender_type: i % 2 ? 'user' : 'contact',
      content: `Message ${i} v${version}: the staging build is ready for review, please check the checkout flow.`,
      created_at_source: at.toISOString(),
      raw: { id: i + 1, version },
    });
    if (batch.length === BATCH) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

async function upsertAll(sql: Sql, table: string, keys: string, batches: Row[][]): Promise<number> {
  const t0 = performance.now();
  for (const b of batches)
    await sql.unsafe(
      `insert into ${table} (${NAMES})
       select ${NAMES} from jsonb_to_recordset($1::jsonb) as x(${COLUMNS})
       on conflict (${keys}) do update set content = excluded.content, raw = excluded.raw, updated_at = now()`,
      [JSON.stringify(b)],
    );
  return performance.now() - t0;
}

async function createPartitioned(sql: Sql): Promise<void> {
  await sql.unsafe(`drop table if exists cw_messages_monthly`);
  await sql.unsafe(
    `create table cw_messages_monthly (like cw_messages including defaults including generated)
     partition by range (created_at_source)`,
  );
  await sql.unsafe(
    `alter table cw_messages_monthly add primary key (account_scope_id, id, created_at_source)`,
  );
  await sql.unsafe(
    `create unique index cw_messages_monthly_uq on cw_messages_monthly (account_scope_id, cw_message_id, created_at_source)`,
  );
  await sql.unsafe(
    `create index cw_messages_monthly_project_time on cw_messages_monthly (project_id, created_at_source desc)`,
  );
  await sql.unsafe(
    `create index cw_messages_monthly_conversation on cw_messages_monthly (account_scope_id, cw_conversation_id, created_at_source)`,
  );
  // The same foreign keys as cw_messages (0000, 0006), so both tables pay the same checks.
  await sql.unsafe(
    `alter table cw_messages_monthly add foreign key (account_scope_id) references account_scopes(id) on delete cascade`,
  );
  await sql.unsafe(
    `alter table cw_messages_monthly add foreign key (account_scope_id, project_id)
     references projects(account_scope_id, id) on delete set null (project_id)`,
  );
  for (let m = 0; m < MONTHS + 1; m++) {
    const from = new Date(Date.UTC(2026, m, 1)).toISOString();
    const to = new Date(Date.UTC(2026, m + 1, 1)).toISOString();
    await sql.unsafe(
      `create table cw_messages_monthly_${m} partition of cw_messages_monthly for values from ('${from}') to ('${to}')`,
    );
  }
  await sql.unsafe(`create table cw_messages_monthly_default partition of cw_messages_monthly default`);
}

async function lastDaysRead(sql: Sql, table: string, projects: string[]): Promise<number[]> {
  const until = new Date(START + MONTHS * 30 * DAY).toISOString();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await sql.unsafe(
      `select id, sender_type, created_at_source from ${table}
       where project_id = $1 and created_at_source > $2::timestamptz - interval '30 days' and created_at_source <= $2
       order by created_at_source desc`,
      [projects[i % projects.length] ?? '', until],
    );
    times.push(performance.now() - t0);
  }
  return times;
}

/** Retention of the first month: DELETE in batches of 5,000 by the time index, or DROP of its partition. */
async function retention(sql: Sql, partitioned: boolean): Promise<number> {
  const cutoff = new Date(Date.UTC(2026, 1, 1)).toISOString();
  const t0 = performance.now();
  if (partitioned) {
    await sql.unsafe(`alter table cw_messages_monthly detach partition cw_messages_monthly_0`);
    await sql.unsafe(`drop table cw_messages_monthly_0`);
  } else {
    for (;;) {
      const r = await sql.unsafe(
        `delete from cw_messages where id in (select id from cw_messages where created_at_source < $1 limit 5000)`,
        [cutoff],
      );
      if (r.count === 0) break;
    }
  }
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;

async function main() {
  const handle = await openBenchDatabase('partitioning');
  const sql = (handle.db as unknown as { $client: Sql }).$client;
  try {
    const scope = (await createWorkspace(handle.db)).id;
    const projects: string[] = [];
    for (let i = 0; i < PROJECTS; i++)
      projects.push((await createProject(handle.db, { accountScopeId: scope })).id);
    const first = rowsFor(scope, projects, 1);
    const second = rowsFor(scope, projects, 2);
    const results = { plain: [] as number[][], monthly: [] as number[][] };
    const reads = { plain: [] as number[], monthly: [] as number[] };
    log(
      `partitioning: cw_messages (as migrated) vs cw_messages_monthly (range by created_at_source, ${MONTHS + 1} monthly partitions + default); ${ROWS} rows over ${MONTHS} months, ${PROJECTS} projects, batches of ${BATCH}, ${ROUNDS} rounds alternating (medians)`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      await sql.unsafe(`truncate cw_messages`);
      await createPartitioned(sql);
      const order: Array<'plain' | 'monthly'> = round % 2 ? ['monthly', 'plain'] : ['plain', 'monthly'];
      for (const kind of order) {
        const table = kind === 'plain' ? 'cw_messages' : 'cw_messages_monthly';
        const keys =
          kind === 'plain'
            ? 'account_scope_id, cw_message_id'
            : 'account_scope_id, cw_message_id, created_at_source';
        const insertMs = await upsertAll(sql, table, keys, first);
        const resyncMs = await upsertAll(sql, table, keys, second);
        await sql.unsafe(`analyze ${table}`);
        reads[kind].push(...(await lastDaysRead(sql, table, projects)));
        const retentionMs = await retention(sql, kind === 'monthly');
        results[kind].push([insertMs, resyncMs, retentionMs]);
      }
      log(
        `  round ${round + 1}: plain insert/resync/retention ${results.plain[round]?.map((x) => x.toFixed(0)).join(' / ')} ms; monthly ${results.monthly[round]?.map((x) => x.toFixed(0)).join(' / ')} ms`,
      );
    }
    const col = (kind: 'plain' | 'monthly', i: number) =>
      median(results[kind].map((r) => r[i] ?? Number.NaN));
    const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    log('\n                          plain cw_messages (baseline)   monthly partitions   ratio');
    const line = (name: string, a: number, b: number, fmt: (x: number) => string) =>
      log(`  ${name.padEnd(24)}  ${fmt(a).padEnd(29)}  ${fmt(b).padEnd(19)}  ${(a / b).toFixed(2)}×`);
    line('first write', col('plain', 0), col('monthly', 0), rate);
    line('re-sync (update path)', col('plain', 1), col('monthly', 1), rate);
    line('30-day read p50', median(reads.plain), median(reads.monthly), (x) => `${x.toFixed(2)} ms`);
    line('30-day read p95', p(reads.plain, 0.95), p(reads.monthly, 0.95), (x) => `${x.toFixed(2)} ms`);
    line('retention, oldest month', col('plain', 2), col('monthly', 2), (x) => `${x.toFixed(0)} ms`);
    log('  (ratio = plain time / monthly time for times; > 1 means the partitioned table is faster)');
  } finally {
    await handle.close();
  }
}

await main();

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawEnv } from '@keel/core/env';
import { createDatabase, type DatabaseHandle, queryRows } from '../src/client.ts';
import { distributionKeyViolations, readDistributionCatalog } from '../src/distribution-keys.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/migrate.ts';
import { withDatabase } from '../src/test-db.ts';

/**
 * Migration 0006 swaps every workspace table's keys. An install upgrading from 0005 has data in
 * place: this test migrates to 0005 only, writes rows the way 0005 allowed (project members
 * without a workspace column, runs without a workspace), then runs the remaining migrations.
 */
const BEFORE = 5;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const USER = '00000000-0000-4000-8000-0000000000c1';
const PA = '00000000-0000-4000-8000-0000000000a1';
const PB = '00000000-0000-4000-8000-0000000000b1';
const SIGNAL = '00000000-0000-4000-8000-0000000000d1';

let handle: DatabaseHandle;
let cleanup: () => Promise<void>;
let folder: string;

function migrationsUpTo(idx: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= idx);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

async function migrateTo(h: DatabaseHandle, migrationsFolder: string) {
  if (h.kind === 'pglite') await migratePglite(h.db as unknown as PgliteDatabase, { migrationsFolder });
  else await migratePostgres(h.db as unknown as PostgresJsDatabase, { migrationsFolder });
}

beforeAll(async () => {
  folder = migrationsUpTo(BEFORE);
  const adminUrl = readRawEnv('KEEL_TEST_DATABASE_URL');
  if (!adminUrl) {
    handle = await createDatabase({});
    cleanup = () => handle.close();
  } else {
    const name = `keel_test_mig_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    handle = await createDatabase({ url: withDatabase(adminUrl, name), max: 2 });
    cleanup = async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  }
  await migrateTo(handle, folder);
  const run = (q: string) => handle.db.execute(sql.raw(q));
  await run(
    `insert into account_scopes (id, slug, name) values ('${A}', 'mig-a', 'A'), ('${B}', 'mig-b', 'B')`,
  );
  await run(
    `insert into users (id, email, name, password_hash) values ('${USER}', 'mig@example.com', 'M', 'x')`,
  );
  await run(
    `insert into projects (id, account_scope_id, name, slug) values ('${PA}', '${A}', 'Alpha', 'alpha'), ('${PB}', '${B}', 'Beta', 'beta')`,
  );
  await run(
    `insert into project_members (project_id, user_id, role) values ('${PA}', '${USER}', 'pm'), ('${PB}', '${USER}', 'viewer')`,
  );
  await run(
    `insert into signals (id, account_scope_id, project_id, key, category, source, source_ref, severity, title, sentence, dedupe_key, config_version, as_of)
     values ('${SIGNAL}', '${A}', '${PA}', 'silence', 'communication', 'chatwoot', 'c1', 0.5, 't', 's', 'd1', 'v1', now())`,
  );
  await run(
    `insert into next_best_actions (account_scope_id, project_id, signal_id, action_type, title, rationale, priority, dedupe_key)
     values ('${A}', '${PA}', '${SIGNAL}', 'call', 't', 'r', 0.5, 'n1')`,
  );
  await run(
    `insert into cw_messages (account_scope_id, project_id, raw, cw_message_id, cw_conversation_id, message_type, created_at_source)
     values ('${A}', '${PA}', '{}', 1, 1, 'incoming', now()), ('${B}', '${PB}', '{}', 1, 1, 'incoming', now())`,
  );
  await run(
    `insert into job_runs (account_scope_id, project_id, job_type) values (null, '${PA}', 'kag.refresh'), ('${B}', '${PB}', 'kag.refresh'), (null, null, 'maintenance')`,
  );
  await run(
    `insert into kag_event_log (account_scope_id, project_id, process, status) values (null, '${PB}', 'kag.refresh', 'started'), (null, null, 'maintenance', 'started')`,
  );
  await migrateDatabase(handle);
}, 180_000);

afterAll(async () => {
  await cleanup?.();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const rows = <T>(q: string) => queryRows<T>(handle.db, sql.raw(q));

describe('migration 0006 on a populated database', () => {
  it('when it has run, then the schema is ready to distribute and no row was lost', async () => {
    expect(distributionKeyViolations(await readDistributionCatalog(handle.db))).toEqual([]);
    expect(
      await rows(`select project_id, account_scope_id from project_members order by project_id`),
    ).toEqual([
      { project_id: PA, account_scope_id: A },
      { project_id: PB, account_scope_id: B },
    ]);
    expect(await rows(`select account_scope_id from cw_messages order by account_scope_id`)).toEqual([
      { account_scope_id: A },
      { account_scope_id: B },
    ]);
  });

  it('when a run had no workspace, then it takes its project’s, and one about no project at all is dropped', async () => {
    expect(await rows(`select account_scope_id, job_type from job_runs order by account_scope_id`)).toEqual([
      { account_scope_id: A, job_type: 'kag.refresh' },
      { account_scope_id: B, job_type: 'kag.refresh' },
    ]);
    expect(await rows(`select account_scope_id, process from kag_event_log`)).toEqual([
      { account_scope_id: B, process: 'kag.refresh' },
    ]);
  });

  it('when a referenced row is deleted, then set null clears only the reference and keeps the workspace', async () => {
    await handle.db.execute(sql.raw(`delete from signals where id = '${SIGNAL}'`));
    expect(await rows(`select account_scope_id, signal_id from next_best_actions`)).toEqual([
      { account_scope_id: A, signal_id: null },
    ]);
    await handle.db.execute(sql.raw(`delete from projects where id = '${PA}'`));
    expect(
      await rows(`select account_scope_id, project_id from cw_messages order by account_scope_id`),
    ).toEqual([
      { account_scope_id: A, project_id: null },
      { account_scope_id: B, project_id: PB },
    ]);
    expect(await rows(`select count(*)::int as n from next_best_actions`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from project_members`)).toEqual([{ n: 1 }]);
  });

  it('when a row names a project of another workspace, then the composite foreign key refuses it', async () => {
    await expect(
      handle.db.execute(
        sql.raw(
          `insert into cw_messages (account_scope_id, project_id, raw, cw_message_id, cw_conversation_id, message_type, created_at_source) values ('${A}', '${PB}', '{}', 2, 1, 'incoming', now())`,
        ),
      ),
    ).rejects.toThrow();
  });
});

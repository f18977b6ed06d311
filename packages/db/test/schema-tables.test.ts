import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/client.ts';
import * as schema from '../src/schema/all.ts';
import { IMPLIED_TABLES, SEED_TABLES } from '../src/seed-tables.ts';
import { createTestDatabase, type TestDatabase } from '../src/test-db.ts';

/** Membership rows are reached through their project; the workspace is one join away. */
const PROJECT_ROWS_WITHOUT_SCOPE = new Set(['project_members']);

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('schema tables', () => {
  it('when migrated, then every table the seed names and implies exists', async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const present = new Set(rows.map((r) => r.table_name));
    const missing = [...SEED_TABLES, ...IMPLIED_TABLES].filter((name) => !present.has(name));
    expect(missing).toEqual([]);
  });

  it('when a table is in the schema, then it is listed as seed or implied (the lists stay complete)', () => {
    const listed = new Set<string>([...SEED_TABLES, ...IMPLIED_TABLES]);
    const unlisted = schemaTables.map((t) => t.name).filter((name) => !listed.has(name));
    expect(unlisted).toEqual([]);
  });

  it('when a table has project_id, then it also has account_scope_id', () => {
    const offenders = schemaTables
      .filter((t) => !PROJECT_ROWS_WITHOUT_SCOPE.has(t.name))
      .filter((t) => t.columns.some((c) => c.name === 'project_id'))
      .filter((t) => !t.columns.some((c) => c.name === 'account_scope_id'))
      .map((t) => t.name);
    expect(offenders).toEqual([]);
  });

  it('when project_id is required, then account_scope_id is required too', () => {
    const offenders = schemaTables
      .filter((t) => t.columns.some((c) => c.name === 'project_id' && c.notNull))
      .filter((t) => t.columns.some((c) => c.name === 'account_scope_id' && !c.notNull))
      .map((t) => t.name);
    expect(offenders).toEqual([]);
  });

  it('when a table mirrors a vendor, then its upsert key is unique per workspace and project_id is optional', () => {
    const raw = schemaTables.filter((t) => /^(cw_|linear_.*_raw$|attio_.*_raw$)/.test(t.name));
    expect(raw.length).toBe(13);
    for (const table of raw) {
      const projectId = table.columns.find((c) => c.name === 'project_id');
      expect(projectId?.notNull, `${table.name}.project_id`).toBe(false);
      const keys = table.indexes
        .filter((i) => i.config.unique)
        .map((i) => i.config.columns.map((c) => ('name' in c ? c.name : '')));
      const scopedKey = keys.find((cols) => cols.length === 2 && cols[0] === 'account_scope_id');
      expect(scopedKey, `${table.name} upsert key`).toBeDefined();
      expect(table.columns.some((c) => c.name === 'raw' && c.notNull)).toBe(true);
    }
  });
});

import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './client.ts';

/**
 * Keel shards by workspace on Citus: `account_scope_id` is the distribution column. Citus can
 * enforce a primary key, a unique key or a foreign key between distributed tables only when it
 * includes the distribution column, and a distributed row must have one (no NULL). This module
 * reads those facts from the catalog and lists what breaks them; the rules are a pure function.
 */
export const DISTRIBUTION_COLUMN = 'account_scope_id';

/**
 * Tables without `account_scope_id`, each with the reason it is not sharded. On Citus they are
 * reference tables (copied to every node), so distributed tables may reference them.
 */
export const GLOBAL_TABLES: Readonly<Record<string, string>> = {
  account_scopes:
    'the workspaces themselves: small, read on every sign-in by slug (unique across all workspaces); every tenant row references it',
  users:
    'a person signs in once and may belong to several workspaces (workspace_members); email is unique across all workspaces',
  login_attempts: 'sign-in throttling happens before any workspace is known (keyed by email and IP)',
  login_throttle: 'sign-in throttling happens before any workspace is known (keyed by email or IP)',
  db_capabilities: 'a handful of rows describing the database itself (extensions found at migration)',
  worker_runs: 'one row per worker process tick: a worker serves every workspace',
};

export type CatalogTable = { name: string; hasScope: boolean; scopeNotNull: boolean };
export type CatalogKey = {
  table: string;
  name: string;
  kind: 'primary key' | 'unique constraint' | 'unique index';
  /** Key columns by name; an expression appears as null. */
  columns: (string | null)[];
};
export type CatalogForeignKey = {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
};
export type DistributionCatalog = {
  tables: CatalogTable[];
  keys: CatalogKey[];
  foreignKeys: CatalogForeignKey[];
};

/** Every way the schema is not ready to be distributed by `account_scope_id`; empty when ready. */
export function distributionKeyViolations(
  catalog: DistributionCatalog,
  globalTables: Readonly<Record<string, string>> = GLOBAL_TABLES,
): string[] {
  const out: string[] = [];
  const tenant = new Set(catalog.tables.filter((t) => t.hasScope).map((t) => t.name));
  const names = new Set(catalog.tables.map((t) => t.name));
  for (const table of catalog.tables) {
    if (table.hasScope) {
      if (globalTables[table.name] !== undefined)
        out.push(`${table.name}: listed as global but carries ${DISTRIBUTION_COLUMN}`);
      if (!table.scopeNotNull) out.push(`${table.name}.${DISTRIBUTION_COLUMN}: nullable`);
      if (!catalog.keys.some((k) => k.table === table.name && k.kind === 'primary key'))
        out.push(`${table.name}: no primary key`);
    } else if (!globalTables[table.name]?.trim()) {
      out.push(`${table.name}: no ${DISTRIBUTION_COLUMN} and not listed as a global table with a reason`);
    }
  }
  for (const name of Object.keys(globalTables)) {
    if (!names.has(name)) out.push(`${name}: listed as global but no such table`);
  }
  for (const key of catalog.keys) {
    if (tenant.has(key.table) && !key.columns.includes(DISTRIBUTION_COLUMN))
      out.push(
        `${key.table}: ${key.kind} ${key.name} (${describe(key.columns)}) lacks ${DISTRIBUTION_COLUMN}`,
      );
  }
  for (const fk of catalog.foreignKeys) {
    const from = tenant.has(fk.table);
    const to = tenant.has(fk.refTable);
    const label = `${fk.table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.refTable} (${fk.refColumns.join(', ')})`;
    if (from && to) {
      const at = fk.columns.indexOf(DISTRIBUTION_COLUMN);
      if (at < 0 || fk.refColumns[at] !== DISTRIBUTION_COLUMN)
        out.push(`${label} does not pair ${DISTRIBUTION_COLUMN} with ${DISTRIBUTION_COLUMN}`);
    } else if (!from && to) {
      out.push(`${label}: a global (reference) table cannot reference a sharded one`);
    }
  }
  return out.sort();
}

function describe(columns: (string | null)[]): string {
  return columns.map((c) => c ?? '(expression)').join(', ');
}

/** Reads tables, keys and foreign keys of the `public` schema. */
export async function readDistributionCatalog(db: Database): Promise<DistributionCatalog> {
  const tables = await queryRows<{ name: string; has_scope: boolean; scope_not_null: boolean | null }>(
    db,
    sql`select c.relname as name,
          a.attname is not null as has_scope,
          a.attnotnull as scope_not_null
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        left join pg_attribute a
          on a.attrelid = c.oid and a.attname = ${DISTRIBUTION_COLUMN} and not a.attisdropped
        where c.relkind in ('r', 'p') and not c.relispartition
        order by 1`,
  );
  const keys = await queryRows<{
    table: string;
    name: string;
    primary: boolean;
    is_constraint: boolean;
    columns: (string | null)[];
  }>(
    db,
    sql`select t.relname as table, i.relname as name, x.indisprimary as primary,
          exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u')) as is_constraint,
          array(
            select a.attname
            from unnest(x.indkey::int2[]) with ordinality as u(attnum, ord)
            left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.attnum and u.attnum > 0
            where u.ord <= x.indnkeyatts
            order by u.ord
          ) as columns
        from pg_index x
        join pg_class t on t.oid = x.indrelid
        join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
        where x.indisunique and t.relkind in ('r', 'p') and not t.relispartition
        order by 1, 2`,
  );
  const foreignKeys = await queryRows<{
    table: string;
    name: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
  }>(
    db,
    sql`select t.relname as table, k.conname as name, r.relname as ref_table,
          array(select a.attname from unnest(k.conkey) with ordinality u(attnum, ord)
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
          array(select a.attname from unnest(k.confkey) with ordinality u(attnum, ord)
                join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) as ref_columns
        from pg_constraint k
        join pg_class t on t.oid = k.conrelid
        join pg_class r on r.oid = k.confrelid
        join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
        where k.contype = 'f' and not t.relispartition
        order by 1, 2`,
  );
  return {
    tables: tables.map((t) => ({
      name: t.name,
      hasScope: t.has_scope,
      scopeNotNull: t.scope_not_null === true,
    })),
    keys: keys.map((k) => ({
      table: k.table,
      name: k.name,
      kind: k.primary ? 'primary key' : k.is_constraint ? 'unique constraint' : 'unique index',
      columns: k.columns,
    })),
    foreignKeys: foreignKeys.map((f) => ({
      table: f.table,
      name: f.name,
      columns: f.columns,
      refTable: f.ref_table,
      refColumns: f.ref_columns,
    })),
  };
}

import { sql } from 'drizzle-orm';
import { type AnyPgColumn, customType, foreignKey, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { accountScopes, projects } from './platform.ts';

/**
 * Keel shards by workspace (Citus, distribution column `account_scope_id`; docs/scaling.md).
 * Every row of a workspace's data carries its workspace, and every primary key, unique key and
 * foreign key between workspace tables includes it, so a shard can enforce each on its own.
 * `packages/db/test/distribution-keys.test.ts` reads the catalog and fails on any that does not.
 */
export const accountScopeRef = () =>
  uuid('account_scope_id')
    .notNull()
    .references(() => accountScopes.id, { onDelete: 'cascade' });

/** A workspace row's own id; the primary key is (id, account_scope_id), see `scopedPk`. */
export const scopedId = () => uuid('id').notNull().default(sql`gen_random_uuid()`);

/**
 * (id, account_scope_id): id first, so every lookup by id alone keeps using the key's index;
 * the workspace makes it a key a shard can enforce. Named like PostgreSQL's default (`_pkey`).
 */
export const scopedPk = (table: string, t: { id: AnyPgColumn; accountScopeId: AnyPgColumn }) =>
  primaryKey({ name: `${table}_pkey`, columns: [t.id, t.accountScopeId] });

type Scoped = { accountScopeId: AnyPgColumn };

/**
 * A foreign key between two workspace tables: (account_scope_id, column) → (account_scope_id, id).
 * Use `.onDelete('cascade')` or `.onDelete('set null')`; for set null the migration writes
 * `ON DELETE SET NULL (column)` (PostgreSQL 15+), since nulling account_scope_id is impossible
 * (drizzle-kit cannot express a column list; the snapshot records plain `set null`).
 */
export const scopedFk = (
  table: string,
  t: Scoped,
  column: AnyPgColumn,
  target: { accountScopeId: AnyPgColumn; id: AnyPgColumn },
) =>
  foreignKey({
    name: `${table}_${column.name}_fk`,
    columns: [t.accountScopeId, column],
    foreignColumns: [target.accountScopeId, target.id],
  });

/** Derived and intelligence rows belong to exactly one project and die with it. */
export const projectRef = () => uuid('project_id').notNull();
export const projectFk = (table: string, t: Scoped & { projectId: AnyPgColumn }) =>
  scopedFk(table, t, t.projectId, projects).onDelete('cascade');

/**
 * Synced vendor rows may arrive before anyone binds their source to a project. They are kept
 * unbound (null) rather than dropped, and unbinding a project must not delete the workspace's
 * mirror of its vendor data, hence set null (of project_id only) instead of cascade.
 */
export const optionalProjectRef = () => uuid('project_id');
export const optionalProjectFk = (table: string, t: Scoped & { projectId: AnyPgColumn }) =>
  scopedFk(table, t, t.projectId, projects).onDelete('set null');

/** Postgres full-text vector; drizzle has no built-in type for it. Written only by generated columns. */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'tsvector';
  },
});

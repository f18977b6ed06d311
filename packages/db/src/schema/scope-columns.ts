import { customType, uuid } from 'drizzle-orm/pg-core';
import { accountScopes, projects } from './platform.ts';

/** Every row of a workspace's data carries its workspace, so every query can be scoped by it. */
export const accountScopeRef = () =>
  uuid('account_scope_id')
    .notNull()
    .references(() => accountScopes.id, { onDelete: 'cascade' });

/** Derived and intelligence rows belong to exactly one project and die with it. */
export const projectRef = () =>
  uuid('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });

/**
 * Synced vendor rows may arrive before anyone binds their source to a project. They are kept
 * unbound (null) rather than dropped, and unbinding a project must not delete the workspace's
 * mirror of its vendor data, hence set null instead of cascade.
 */
export const optionalProjectRef = () =>
  uuid('project_id').references(() => projects.id, { onDelete: 'set null' });

/** For rows that may be workspace-wide (job runs, process logs): no cascade surprises either way. */
export const optionalAccountScopeRef = () =>
  uuid('account_scope_id').references(() => accountScopes.id, { onDelete: 'cascade' });

/** Postgres full-text vector; drizzle has no built-in type for it. Written only by generated columns. */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'tsvector';
  },
});

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '@keel/core/policy';
import { createdAt, id, tz, updatedAt } from './columns.ts';

/**
 * Workspace tables here spell out what `scope-columns.ts` offers the other areas (that module
 * imports this one): keys are (…, account_scope_id), foreign keys between workspace tables pair
 * account_scope_id with account_scope_id, and `set null` ones null only their own column.
 */
const scopedId = () => uuid('id').notNull().default(sql`gen_random_uuid()`);

/**
 * Workspaces, people, sessions, keys, projects and the audit trail: what every other area
 * hangs off. `account_scopes` is the seed's workspace; every project row carries its id.
 */
export const accountScopes = pgTable('account_scopes', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: tz('disabled_at'),
    lastLoginAt: tz('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`)],
);

/** Roles and what each may do are declared once, in @keel/core/policy. */
export type { Role } from '@keel/core/policy';

/** Membership in a workspace with a role; project access is narrowed by project_members. */
export const workspaceMembers = pgTable(
  'workspace_members',
  {
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountScopeId, t.userId] }),
    index('workspace_members_user_idx').on(t.userId),
  ],
);

export const userSessions = pgTable(
  'user_sessions',
  {
    /** sha256 of the cookie value: a leaked table does not leak live sessions. */
    idHash: text('id_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    activeProjectId: uuid('active_project_id'),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'user_sessions_pkey', columns: [t.idHash, t.accountScopeId] }),
    foreignKey({
      name: 'user_sessions_active_project_id_fk',
      columns: [t.accountScopeId, t.activeProjectId],
      foreignColumns: [projects.accountScopeId, projects.id],
    }).onDelete('set null'),
    index('user_sessions_user_idx').on(t.userId),
    index('user_sessions_expires_idx').on(t.expiresAt),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: scopedId(),
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    /** The user the key acts as (its role and project memberships apply). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** Unique with the workspace; a sha256 of 32 random bytes does not repeat across workspaces either. */
    keyHash: text('key_hash').notNull(),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
    expiresAt: tz('expires_at'),
    /** Null: every project the user can see; otherwise only these (still intersected with access). */
    projectIds: uuid('project_ids').array(),
    /** A read-only key is refused (403) on every mutation. */
    readOnly: boolean('read_only').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'api_keys_pkey', columns: [t.id, t.accountScopeId] }),
    unique('api_keys_key_hash_unique').on(t.keyHash, t.accountScopeId),
    index('api_keys_scope_idx').on(t.accountScopeId),
  ],
);

export const PROJECT_STATUSES = ['active', 'paused', 'completed', 'archived'] as const;

export const projects = pgTable(
  'projects',
  {
    id: scopedId(),
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    clientName: text('client_name'),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('active'),
    /** Contract value in minor units (cents), for revenue-at-risk. */
    contractValueMinor: bigint('contract_value_minor', { mode: 'number' }),
    currency: text('currency').notNull().default('USD'),
    startsAt: tz('starts_at'),
    endsAt: tz('ends_at'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'projects_pkey', columns: [t.id, t.accountScopeId] }),
    uniqueIndex('projects_scope_slug_uq').on(t.accountScopeId, t.slug),
    index('projects_scope_idx').on(t.accountScopeId),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    /** The project's workspace: membership is workspace data and lives on its shard. */
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'project_members_pkey', columns: [t.projectId, t.userId, t.accountScopeId] }),
    foreignKey({
      name: 'project_members_project_id_fk',
      columns: [t.accountScopeId, t.projectId],
      foreignColumns: [projects.accountScopeId, projects.id],
    }).onDelete('cascade'),
    index('project_members_user_idx').on(t.userId),
  ],
);

/** Failed login attempts, counted per account and per IP over a sliding window. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.email, t.createdAt),
    index('login_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);

/**
 * Login attempts reserved per key (`email:<address>` or `ip:<address>`) in a fixed window. One
 * upsert increments and returns the count before the password is checked, so concurrent
 * attempts (several processes included) cannot all slip under the limit.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: tz('window_start').notNull(),
  attempts: integer('attempts').notNull(),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    id: scopedId(),
    accountScopeId: uuid('account_scope_id')
      .notNull()
      .references(() => accountScopes.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    status: text('status', { enum: ['ok', 'failed'] })
      .notNull()
      .default('ok'),
    requestId: text('request_id'),
    ip: text('ip'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    evidenceRefs: jsonb('evidence_refs').$type<unknown[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'audit_events_pkey', columns: [t.id, t.accountScopeId] }),
    foreignKey({
      name: 'audit_events_project_id_fk',
      columns: [t.accountScopeId, t.projectId],
      foreignColumns: [projects.accountScopeId, projects.id],
    }).onDelete('set null'),
    index('audit_events_scope_time_idx').on(t.accountScopeId, t.createdAt),
    index('audit_events_project_time_idx').on(t.projectId, t.createdAt),
    index('audit_events_action_idx').on(t.action),
  ],
);

/** Schema bookkeeping the server reports in /health: which optional capabilities this database has. */
export const dbCapabilities = pgTable('db_capabilities', {
  name: text('name').primaryKey(),
  enabled: boolean('enabled').notNull(),
  detail: text('detail'),
  checkedAt: tz('checked_at').notNull().defaultNow(),
});

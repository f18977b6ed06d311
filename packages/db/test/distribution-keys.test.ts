import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DistributionCatalog,
  distributionKeyViolations,
  GLOBAL_TABLES,
  readDistributionCatalog,
} from '../src/distribution-keys.ts';
import { createTestDatabase, type TestDatabase } from '../src/test-db.ts';

const tenant = (name: string, scopeNotNull = true) => ({ name, hasScope: true, scopeNotNull });
const global = (name: string) => ({ name, hasScope: false, scopeNotNull: false });
const pk = (table: string, columns: (string | null)[]) => ({
  table,
  name: `${table}_pkey`,
  kind: 'primary key' as const,
  columns,
});

/** A schema that is ready: the rule cases below each break one thing of it. */
const projectFk = {
  table: 'messages',
  name: 'messages_project_fk',
  columns: ['account_scope_id', 'project_id'],
  refTable: 'projects',
  refColumns: ['account_scope_id', 'id'],
};
const authorFk = {
  table: 'messages',
  name: 'messages_author_fk',
  columns: ['author_id'],
  refTable: 'users',
  refColumns: ['id'],
};
const ready: DistributionCatalog = {
  tables: [global('users'), tenant('projects'), tenant('messages')],
  keys: [
    pk('users', ['id']),
    pk('projects', ['id', 'account_scope_id']),
    pk('messages', ['account_scope_id', 'id']),
  ],
  foreignKeys: [projectFk, authorFk],
};
const globals = { users: 'people sign in across workspaces' };

describe('distribution key rules', () => {
  const cases: {
    name: string;
    catalog: DistributionCatalog;
    globals?: Record<string, string>;
    expected: string[];
  }[] = [
    { name: 'a ready schema', catalog: ready, expected: [] },
    {
      name: 'a tenant primary key without the workspace',
      catalog: { ...ready, keys: [...ready.keys.slice(0, 2), pk('messages', ['id'])] },
      expected: ['messages: primary key messages_pkey (id) lacks account_scope_id'],
    },
    {
      name: 'a tenant table with no primary key',
      catalog: { ...ready, keys: ready.keys.slice(0, 2) },
      expected: ['messages: no primary key'],
    },
    {
      name: 'a unique index on an expression only',
      catalog: {
        ...ready,
        keys: [
          ...ready.keys,
          { table: 'projects', name: 'projects_slug_uq', kind: 'unique index', columns: [null] },
        ],
      },
      expected: ['projects: unique index projects_slug_uq ((expression)) lacks account_scope_id'],
    },
    {
      name: 'a unique index on the global table',
      catalog: {
        ...ready,
        keys: [
          ...ready.keys,
          { table: 'users', name: 'users_email_uq', kind: 'unique index', columns: [null] },
        ],
      },
      expected: [],
    },
    {
      name: 'a foreign key between tenant tables on the id alone',
      catalog: {
        ...ready,
        foreignKeys: [{ ...projectFk, columns: ['project_id'], refColumns: ['id'] }, authorFk],
      },
      expected: [
        'messages: foreign key messages_project_fk (project_id) → projects (id) does not pair account_scope_id with account_scope_id',
      ],
    },
    {
      name: 'a foreign key pairing the workspace with another column',
      catalog: {
        ...ready,
        foreignKeys: [
          {
            ...projectFk,
            columns: ['account_scope_id', 'project_id'],
            refColumns: ['id', 'account_scope_id'],
          },
        ],
      },
      expected: [
        'messages: foreign key messages_project_fk (account_scope_id, project_id) → projects (id, account_scope_id) does not pair account_scope_id with account_scope_id',
      ],
    },
    {
      name: 'a global table referencing a tenant table',
      catalog: {
        ...ready,
        foreignKeys: [
          {
            table: 'users',
            name: 'users_home_fk',
            columns: ['home_id'],
            refTable: 'projects',
            refColumns: ['id'],
          },
        ],
      },
      expected: [
        'users: foreign key users_home_fk (home_id) → projects (id): a global (reference) table cannot reference a sharded one',
      ],
    },
    {
      name: 'a nullable workspace column',
      catalog: { ...ready, tables: [global('users'), tenant('projects'), tenant('messages', false)] },
      expected: ['messages.account_scope_id: nullable'],
    },
    {
      name: 'a table without the workspace that nobody listed',
      catalog: { ...ready, tables: [...ready.tables, global('project_members')] },
      expected: ['project_members: no account_scope_id and not listed as a global table with a reason'],
    },
    {
      name: 'a global entry without a reason',
      catalog: ready,
      globals: { users: ' ' },
      expected: ['users: no account_scope_id and not listed as a global table with a reason'],
    },
    {
      name: 'a stale or wrong allow-list entry',
      catalog: ready,
      globals: { ...globals, projects: 'was global once', sessions: 'dropped' },
      expected: [
        'projects: listed as global but carries account_scope_id',
        'sessions: listed as global but no such table',
      ],
    },
  ];
  it.each(cases)('when $name, then the violations are listed', ({ catalog, globals: g, expected }) => {
    expect(distributionKeyViolations(catalog, g ?? globals)).toEqual(expected);
  });
});

describe('distribution keys of the migrated schema', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('when every migration has run, then each tenant key and foreign key includes account_scope_id', async () => {
    const catalog = await readDistributionCatalog(handle.db);
    expect(catalog.tables.length).toBeGreaterThan(60);
    expect(catalog.keys.length).toBeGreaterThan(60);
    expect(catalog.foreignKeys.length).toBeGreaterThan(60);
    expect(distributionKeyViolations(catalog)).toEqual([]);
  });

  it('when the global tables are listed, then project_members is not among them (it is workspace data)', () => {
    expect(Object.keys(GLOBAL_TABLES)).not.toContain('project_members');
  });
});

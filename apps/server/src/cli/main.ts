import { parseArgs } from 'node:util';
import { getEnv } from '@keel/core/env';
import { createLogger } from '@keel/core/logger';
import { migrateDatabase } from '@keel/db/migrate';
import { findUserByEmail, listUserWorkspaces } from '@keel/db/queries/users';
import { createApiKey } from '@keel/app/auth/api-keys';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { ensureUser } from '@keel/app/services/users';
import { ROLES, type Role } from '@keel/core/policy';
import { createAppDeps } from '@keel/app/deps';

const USAGE = `Usage: pnpm keel <command> [options]

Commands:
  migrate                                   apply pending migrations (and detect pgvector)
  user:create --email E --password P [--name N] [--workspace SLUG] [--role owner|pm|exec|viewer] [--reset]
  apikey:create --email E [--name N]        print a new API key for that user (shown once)
  seed:demo                                 create the demo workspace, user and projects
`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string' },
      reset: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 1;
  }
  const env = getEnv();
  const runtime = await createAppDeps(env, { logger: createLogger('warn') });
  try {
    const migration = await migrateDatabase(runtime.handle);
    const db = runtime.deps.db;
    switch (command) {
      case 'migrate':
        out(
          `Migrations: ${migration.applied} applied now, ${migration.total} in total (${runtime.handle.location}).`,
        );
        out(
          `pgvector: ${migration.capabilities.vector ? 'available' : 'not available'} — ${migration.capabilities.vectorDetail}`,
        );
        return 0;
      case 'user:create': {
        if (!values.email || !values.password) throw new Error('user:create needs --email and --password');
        const role = (values.role ?? 'owner') as Role;
        if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        const slug = values.workspace ?? 'default';
        const r = await ensureUser(db, {
          email: values.email,
          password: values.password,
          name: values.name ?? values.email.split('@')[0] ?? 'User',
          workspaceSlug: slug,
          workspaceName: slug,
          role,
          resetPassword: values.reset ?? false,
        });
        out(
          `${r.created ? 'Created' : 'Updated'} ${r.user.email} as ${role} of workspace ${r.workspace.slug}.`,
        );
        return 0;
      }
      case 'apikey:create': {
        if (!values.email) throw new Error('apikey:create needs --email');
        const user = await findUserByEmail(db, values.email);
        const workspace = user ? (await listUserWorkspaces(db, user.id))[0] : undefined;
        if (!user || !workspace)
          throw new Error(`No user ${values.email} with a workspace; create one with user:create first.`);
        const key = await createApiKey(db, {
          accountScopeId: workspace.accountScopeId,
          userId: user.id,
          name: values.name ?? 'cli',
        });
        out(`API key (shown once, store it now): ${key.key}`);
        out('Use it as: Authorization: Bearer <key>; add X-Project-Id: <project id> for project routes.');
        return 0;
      }
      case 'seed:demo': {
        const r = await ensureDemoWorkspace(db, { email: env.DEMO_EMAIL, password: env.DEMO_PASSWORD });
        out(`Demo workspace ${r.workspace.slug} ready. Login: ${env.DEMO_EMAIL} / ${env.DEMO_PASSWORD}`);
        return 0;
      }
      default:
        out(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await runtime.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`keel: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

import { parseArgs } from 'node:util';
import { getEnv } from '@keel/core/env';
import { createLogger } from '@keel/core/logger';
import { migrateDatabase } from '@keel/db/migrate';
import { findUserByEmail, listUserWorkspaces } from '@keel/db/queries/users';
import { createApiKey, listWorkspaceApiKeys, revokeApiKey } from '@keel/app/auth/api-keys';
import { findWorkspaceBySlug } from '@keel/db/queries/users';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { ensureUser } from '@keel/app/services/users';
import { ROLES, type Role } from '@keel/core/policy';
import { createAppDeps } from '@keel/app/deps';
import { runReplay } from './replay.ts';

const USAGE = `Usage: pnpm keel <command> [options]

Commands:
  migrate                                   apply pending migrations (and detect pgvector)
  user:create --email E --password P [--name N] [--workspace SLUG] [--role owner|pm|exec|viewer] [--reset]
  apikey:create --email E [--name N] [--project ID]... [--read-only] [--expires-days D]
                                            print a new API key for that user (shown once)
  apikey:list [--workspace SLUG]            the workspace's keys: id, prefix, owner, scope, status
  apikey:revoke --id ID [--workspace SLUG]  revoke a key; its next request is refused
  seed:demo                                 create the demo workspace, user and projects
  replay --config FILE [--workspace SLUG] [--project ID]... [--days N] [--json]
                                            replay a candidate config (a JSON patch over the
                                            current one, with its own "version") over the last
                                            N days (default 60) and print what it would flag
                                            and when, next to the current config; read-only
`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The named workspace, or the only one; several without --workspace is an error that lists them. */
async function workspaceOf(db: Parameters<typeof listWorkspaceApiKeys>[0], slug: string | undefined) {
  const found = await findWorkspaceBySlug(db, slug);
  if (!found.workspace) {
    throw new Error(
      slug
        ? `No workspace "${slug}".`
        : `Several workspaces (${found.slugs.join(', ')}); pass --workspace SLUG.`,
    );
  }
  return found.workspace;
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
      project: { type: 'string', multiple: true },
      'read-only': { type: 'boolean' },
      'expires-days': { type: 'string' },
      id: { type: 'string' },
      config: { type: 'string' },
      days: { type: 'string' },
      json: { type: 'boolean' },
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
        const days = values['expires-days'] ? Number(values['expires-days']) : null;
        if (days !== null && !(Number.isInteger(days) && days > 0))
          throw new Error('--expires-days must be a whole number of days');
        const key = await createApiKey(db, {
          accountScopeId: workspace.accountScopeId,
          userId: user.id,
          name: values.name ?? 'cli',
          projectIds: values.project ?? null,
          readOnly: values['read-only'] ?? false,
          expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
        });
        out(`API key (shown once, store it now): ${key.key}`);
        out('Use it as: Authorization: Bearer <key>; add X-Project-Id: <project id> for project routes.');
        return 0;
      }
      case 'apikey:list': {
        const workspace = await workspaceOf(db, values.workspace);
        const keys = await listWorkspaceApiKeys(db, workspace.id, new Date());
        if (keys.length === 0) out(`No API keys in workspace ${workspace.slug}.`);
        for (const k of keys) {
          const scope = `${k.projectIds ? `projects ${k.projectIds.join(',')}` : 'all projects'}${k.readOnly ? ', read-only' : ''}`;
          out(
            `${k.id}  ${k.prefix}…  ${k.status.padEnd(7)}  ${k.userEmail}  "${k.name}"  ${scope}  expires ${k.expiresAt ?? 'never'}  last used ${k.lastUsedAt ?? 'never'}`,
          );
        }
        return 0;
      }
      case 'apikey:revoke': {
        if (!values.id) throw new Error('apikey:revoke needs --id (see apikey:list)');
        const workspace = await workspaceOf(db, values.workspace);
        const revoked = await revokeApiKey(db, workspace.id, values.id, new Date());
        out(`Revoked ${revoked.prefix}… ("${revoked.name}"); requests with it are refused from now on.`);
        return 0;
      }
      case 'replay': {
        if (!values.config) throw new Error('replay needs --config FILE (see docs/intelligence.md)');
        const days = values.days ? Number(values.days) : 60;
        if (!(Number.isInteger(days) && days > 0 && days <= 365))
          throw new Error('--days must be a whole number from 1 to 365');
        const workspace = await workspaceOf(db, values.workspace);
        return runReplay(
          runtime.deps,
          {
            configPath: values.config,
            accountScopeId: workspace.id,
            projectIds: values.project,
            days,
            json: values.json ?? false,
          },
          out,
        );
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

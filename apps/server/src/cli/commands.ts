import { parseArgs } from 'node:util';
import type { AppDeps } from '@keel/app/deps';
import { createApiKey, listWorkspaceApiKeys, revokeApiKey } from '@keel/app/auth/api-keys';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { announceAccessRevoked } from '@keel/app/services/live-audience';
import { ensureUser } from '@keel/app/services/users';
import { ROLES, type Role } from '@keel/core/policy';
import { runReplay } from './replay.ts';
import { findUserByEmail, findWorkspaceBySlug, listUserWorkspaces } from '@keel/db/queries/users';

/**
 * The CLI's commands over deps the caller built (`main.ts`: from the environment, migrated;
 * tests: a test database), writing their lines through `out` — so each command is testable
 * without a child process.
 */
export const USAGE = `Usage: pnpm keel <command> [options]

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

export type CliContext = {
  /** With the bus (main.ts), a revocation reaches the running servers (their key caches and streams). */
  deps: Pick<AppDeps, 'db' | 'env' | 'clock'> & Partial<Pick<AppDeps, 'bus' | 'identityCache'>>;
  out: (line: string) => void;
  /** What `migrate` reports (main.ts migrates before every command). */
  migration?: { applied: number; total: number; location: string; vector: boolean; vectorDetail: string };
};

export function parseCliArgs(rest: string[]) {
  return parseArgs({
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
  }).values;
}

type Values = ReturnType<typeof parseCliArgs>;
type Db = CliContext['deps']['db'];

/** The named workspace, or the only one; several without --workspace is an error that lists them. */
async function workspaceOf(db: Db, slug: string | undefined) {
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

async function createKey(db: Db, values: Values, out: CliContext['out']): Promise<number> {
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

async function listKeys(db: Db, values: Values, out: CliContext['out']): Promise<number> {
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

async function revokeKey(deps: CliContext['deps'], values: Values, out: CliContext['out']): Promise<number> {
  if (!values.id) throw new Error('apikey:revoke needs --id (see apikey:list)');
  const workspace = await workspaceOf(deps.db, values.workspace);
  const revoked = await revokeApiKey(deps.db, workspace.id, values.id, deps.clock.now());
  // Servers keep keys for a few seconds and streams open: tell them (over Redis in server mode).
  if (deps.bus)
    await announceAccessRevoked(
      { bus: deps.bus, clock: deps.clock, identityCache: deps.identityCache },
      { accountScopeId: workspace.id, userId: revoked.userId, sessionIdHash: null, apiKeyId: revoked.id },
    );
  out(`Revoked ${revoked.prefix}… ("${revoked.name}"); requests with it are refused from now on.`);
  return 0;
}

async function createUser(db: Db, values: Values, out: CliContext['out']): Promise<number> {
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
  out(`${r.created ? 'Created' : 'Updated'} ${r.user.email} as ${role} of workspace ${r.workspace.slug}.`);
  return 0;
}

async function replay(deps: CliContext['deps'], values: Values, out: CliContext['out']): Promise<number> {
  if (!values.config) throw new Error('replay needs --config FILE (see docs/intelligence.md)');
  const days = values.days ? Number(values.days) : 60;
  if (!(Number.isInteger(days) && days > 0 && days <= 365))
    throw new Error('--days must be a whole number from 1 to 365');
  const workspace = await workspaceOf(deps.db, values.workspace);
  const opts = {
    configPath: values.config,
    accountScopeId: workspace.id,
    projectIds: values.project,
    days,
    json: values.json ?? false,
  };
  return runReplay(deps, opts, out);
}

/** Runs one command (`command` and its options); the exit code, or throws with a message for the user. */
export async function runCliCommand(command: string, values: Values, ctx: CliContext): Promise<number> {
  const { deps, out } = ctx;
  const db = deps.db;
  switch (command) {
    case 'migrate': {
      const m = ctx.migration;
      if (m) {
        out(`Migrations: ${m.applied} applied now, ${m.total} in total (${m.location}).`);
        out(`pgvector: ${m.vector ? 'available' : 'not available'} — ${m.vectorDetail}`);
      }
      return 0;
    }
    case 'user:create':
      return createUser(db, values, out);
    case 'apikey:create':
      return createKey(db, values, out);
    case 'apikey:list':
      return listKeys(db, values, out);
    case 'apikey:revoke':
      return revokeKey(deps, values, out);
    case 'replay':
      return replay(deps, values, out);
    case 'seed:demo': {
      const { DEMO_EMAIL: email, DEMO_PASSWORD: password } = deps.env;
      const r = await ensureDemoWorkspace(db, { email, password });
      out(`Demo workspace ${r.workspace.slug} ready. Login: ${email} / ${password}`);
      return 0;
    }
    default:
      out(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ownerActing } from '@keel/app/identity';
import { ensureDemoWorkspace } from '@keel/app/services/demo';
import { createProject } from '@keel/app/services/projects';
import { ensureUser } from '@keel/app/services/users';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import { bindPortfolio } from '@keel/connectors/portfolio-bindings';
import { secretBoxFromEnv } from '@keel/app/deps';
import { seedPortfolio } from '@keel/db/bench-portfolio';
import { createDatabase } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { listAccessibleProjects, mergeProjectSettings, upsertProjectMember } from '@keel/db/queries/projects';
import { startSandbox } from '@keel/sandbox/emulators/start';
import { E2E } from '../env.ts';
import { sandboxPortfolio } from '@keel/sandbox/keel-portfolio';

/**
 * Playwright's web server. A throwaway embedded data directory holding the demo workspace,
 * the sandbox demo portfolio (emulators running in this process, their projects bound and
 * their tokens stored as the workspace's credentials) and a viewer who can see every project
 * but change none; then `pnpm start`: apps/server and the production build of the web app.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmpDir = resolve(process.env.E2E_TMP_DIR ?? join(root, 'e2e/.tmp'));
const dataDir = join(tmpDir, 'data');

const sandbox = await startSandbox({
  size: 'demo',
  seed: 1,
  baseDate: new Date(),
  portBase: E2E.sandboxPortBase,
});

/** A fixed-offset zone (Etc/GMT signs are inverted) where it is about 13:00 at `now`. */
function afternoonZone(now: Date): string {
  let offset = 13 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * A conversation whose contact has written nothing for 4 days in any conversation: the outbox's
 * sentiment hold reads the last 72 h, so a reply journey to it is sent, not held.
 */
function quietReplyTarget(): { conversationId: number; contactId: number } | null {
  const ds = sandbox.dataset;
  const last = new Map<number, number>();
  for (const c of ds.conversations)
    last.set(c.personIndex, Math.max(last.get(c.personIndex) ?? 0, c.lastActivityAt));
  const cutoff = Date.now() / 1000 - 4 * 86_400;
  const quiet = ds.conversations
    .filter((c) => (last.get(c.personIndex) ?? Infinity) < cutoff)
    .sort((a, b) => (last.get(b.personIndex) ?? 0) - (last.get(a.personIndex) ?? 0))[0];
  const contactId = quiet ? ds.people[quiet.personIndex]?.chatwootContactId : undefined;
  return quiet && contactId ? { conversationId: quiet.id, contactId } : null;
}

async function prepare(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const handle = await createDatabase({ dataDir });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const demo = await ensureDemoWorkspace(db, { email: E2E.demo.email, password: E2E.demo.password });
    const accountScopeId = demo.workspace.id;
    const auth = ownerActing(demo.user, accountScopeId);
    // The server derives the same key from the same directory, so it can read these back.
    const secrets = secretBoxFromEnv({ ENCRYPTION_KEY: undefined, KEEL_DATA_DIR: dataDir });
    const now = new Date();
    await saveSandboxCredentials(db, secrets, accountScopeId, sandbox, now);
    const portfolio = sandboxPortfolio(sandbox.dataset);
    await bindPortfolio(db, accountScopeId, portfolio, (p) =>
      createProject(
        db,
        auth,
        { name: p.name, ...(p.clientName ? { clientName: p.clientName } : {}) },
        'e2e-setup',
      ),
    );

    // `pnpm bench web` measures the portfolio at the size quality.md names (500 projects):
    // generated projects fill the demo workspace up to E2E_PORTFOLIO_SIZE.
    const size = Number(process.env.E2E_PORTFOLIO_SIZE ?? 0);
    const bound = (await listAccessibleProjects(db, accountScopeId, demo.user.id, 'owner')).length;
    if (size > bound) await seedPortfolio(db, accountScopeId, size - bound, now);

    const viewer = await ensureUser(db, {
      email: E2E.viewer.email,
      password: E2E.viewer.password,
      name: E2E.viewer.name,
      workspaceSlug: demo.workspace.slug,
      workspaceName: demo.workspace.name,
      role: 'viewer',
      resetPassword: true,
    });
    const projects = await listAccessibleProjects(db, accountScopeId, demo.user.id, 'owner');
    for (const p of projects)
      await upsertProjectMember(db, { id: p.id, accountScopeId }, viewer.user.id, 'viewer');
    // The executive sees the whole workspace through their role (no project memberships).
    await ensureUser(db, {
      email: E2E.exec.email,
      password: E2E.exec.password,
      name: E2E.exec.name,
      workspaceSlug: demo.workspace.slug,
      workspaceName: demo.workspace.name,
      role: 'exec',
      resetPassword: true,
    });
    // A project manager of every project: acts on recommendations, cannot change the workspace.
    const pm = await ensureUser(db, {
      email: E2E.pm.email,
      password: E2E.pm.password,
      name: E2E.pm.name,
      workspaceSlug: demo.workspace.slug,
      workspaceName: demo.workspace.name,
      role: 'pm',
      resetPassword: true,
    });
    for (const p of projects) await upsertProjectMember(db, { id: p.id, accountScopeId }, pm.user.id, 'pm');
    // The outbox holds sends in quiet hours (21:00–08:00 in the project's timezone): the
    // projects live where it is early afternoon now, so a journey sends whenever CI runs it.
    const timezone = afternoonZone(now);
    for (const p of projects)
      await mergeProjectSettings(db, { accountScopeId, projectId: p.id }, { timezone });

    // The journeys pick the first sandbox project and search for a phrase its client wrote.
    const first = portfolio[0];
    writeFileSync(
      join(tmpDir, 'fixture.json'),
      `${JSON.stringify({ project: first?.name ?? null, client: first?.clientName ?? null, quietReply: quietReplyTarget() }, null, 2)}\n`,
    );
  } finally {
    await handle.close();
  }
}

await prepare();
const child = spawn('pnpm', ['start'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    KEEL_DATA_DIR: dataDir,
    PORT: String(E2E.apiPort),
    WEB_PORT: String(E2E.webPort),
    DEMO_EMAIL: E2E.demo.email,
    DEMO_PASSWORD: E2E.demo.password,
    // This process already runs the emulators and bound the portfolio.
    KEEL_SANDBOX: 'false',
    // …on loopback, which connectors may reach only when allow-listed.
    CONNECTOR_EGRESS_ALLOW: '127.0.0.1',
    // Sign-in failures are part of the journeys; keep the limiter out of their way.
    LOGIN_MAX_ATTEMPTS: '50',
  },
});
const stop = async (signal: NodeJS.Signals) => {
  child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
child.on('exit', async (code) => {
  await sandbox.close();
  process.exit(code ?? 1);
});

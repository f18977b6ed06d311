import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoWorkspace } from '@keel/api/services/demo';
import { ensureUser } from '@keel/api/services/users';
import { createDatabase } from '@keel/db/client';
import { migrateDatabase } from '@keel/db/migrate';
import { listAccessibleProjects, upsertProjectMember } from '@keel/db/queries/projects';
import { E2E } from '../env.ts';

/**
 * Playwright's web server: a throwaway embedded data directory with the demo workspace and a
 * viewer who can see every demo project but change none, then `pnpm start` (the production
 * build of the web app against apps/server) on ports that do not clash with a dev stack.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, 'e2e/.tmp/data');

async function prepare(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const handle = await createDatabase({ dataDir });
  try {
    await migrateDatabase(handle);
    const demo = await ensureDemoWorkspace(handle.db, { email: E2E.demo.email, password: E2E.demo.password });
    const viewer = await ensureUser(handle.db, {
      email: E2E.viewer.email,
      password: E2E.viewer.password,
      name: E2E.viewer.name,
      workspaceSlug: demo.workspace.slug,
      workspaceName: demo.workspace.name,
      role: 'viewer',
      resetPassword: true,
    });
    const projects = await listAccessibleProjects(handle.db, demo.workspace.id, demo.user.id, 'owner');
    for (const p of projects) await upsertProjectMember(handle.db, p.id, viewer.user.id, 'viewer');
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
    // Sign-in failures are part of the journeys; keep the limiter out of their way.
    LOGIN_MAX_ATTEMPTS: '50',
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));

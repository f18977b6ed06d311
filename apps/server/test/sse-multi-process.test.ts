import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { readRawEnv } from '@keel/core/env';
import { ensureDefaultScheduledJobs } from '@keel/app/scheduler/ensure-jobs';
import { ensureUser } from '@keel/app/services/users';
import { createProject } from '@keel/db/factories';
import { scheduledJobs } from '@keel/db/schema/jobs';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { openSse } from './sse-support.ts';

/**
 * Two real server processes and a real worker process over PostgreSQL and Redis: a job the
 * worker finishes reaches SSE clients on both servers. Server pass only (needs both services).
 */
const pgUrl = readRawEnv('KEEL_TEST_DATABASE_URL');
const redisUrl = readRawEnv('KEEL_TEST_REDIS_URL');
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
let tdb: TestDatabase | undefined;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null)));
  await tdb?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function spawnTsx(entry: string, env: Record<string, string>, readyText: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: readRawEnv('PATH') ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes(readyText)) resolve();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`${entry} exited (${code}) before "${readyText}":\n${out}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { ready, exited, output: () => out };
}

describe.skipIf(!pgUrl || !redisUrl)('SSE across processes (server pass: PostgreSQL + Redis)', () => {
  it('when a worker process finishes a job, then SSE clients on two server processes both receive job.finished', async () => {
    tdb = await createTestDatabase();
    if (!tdb.url || !redisUrl) throw new Error('needs PostgreSQL and Redis');
    const user = await ensureUser(tdb.db, {
      email: `sse-${Date.now()}@example.test`,
      name: 'SSE',
      password: 'correct horse battery',
      workspaceSlug: `ws-sse-${Date.now()}`,
      workspaceName: 'SSE',
      role: 'owner',
    });
    const project = await createProject(tdb.db, { accountScopeId: user.workspace.id });
    const base = {
      DATABASE_URL: tdb.url,
      REDIS_URL: redisUrl,
      HOST: '127.0.0.1',
      KEEL_DATA_DIR: mkdtempSync(join(tmpdir(), 'keel-sse-')),
    };
    const ports = [await freePort(), await freePort()];
    const servers = ports.map((port) =>
      spawnTsx(
        'apps/server/src/main.ts',
        { ...base, PORT: String(port), LOG_LEVEL: 'warn' },
        'Keel API listening',
      ),
    );
    await Promise.all(servers.map((s) => s.ready));
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);

    const loginRes = await fetch(`${urls[0]}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.user.email, password: 'correct horse battery' }),
    });
    expect(loginRes.status).toBe(200);
    const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { data } = (await loginRes.json()) as { data: { csrfToken: string } };
    const select = await fetch(`${urls[1]}/projects/${project.id}/select`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': data.csrfToken },
    });
    expect(select.status).toBe(200);

    const clients = await Promise.all(urls.map((u) => openSse(u, { cookie })));
    for (const c of clients) {
      expect(c.status).toBe(200);
      await c.waitFor((m) => m.comment === 'connected');
    }

    await ensureDefaultScheduledJobs(tdb.db, { now: new Date(), projectIds: [project.id] });
    await tdb.db
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(Date.now() - 1000) })
      .where(and(eq(scheduledJobs.projectId, project.id), eq(scheduledJobs.jobType, 'job_history_prune')));
    const worker = spawnTsx('apps/worker/src/worker.ts', base, 'worker tick finished');
    await worker.ready;
    expect(await worker.exited).toBe(0);

    for (const c of clients) {
      const finished = await c.waitFor(
        (m) => m.event === 'job.finished' && (m.data?.includes('"jobType":"job_history_prune"') ?? false),
        20_000,
      );
      const event = JSON.parse(finished.data ?? '{}') as {
        projectId: string;
        data: { jobType: string; status: string };
      };
      expect(event.projectId).toBe(project.id);
      expect(event.data.jobType).toBe('job_history_prune');
      c.close();
    }
    // Both servers computed the same id, so a browser may resume on either.
    const ids = clients.map(
      (c) => c.messages.find((m) => m.event === 'job.finished' && m.data?.includes('job_history_prune'))?.id,
    );
    expect(ids[0]).toBe(ids[1]);
  }, 120_000);
});

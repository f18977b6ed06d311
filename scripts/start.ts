import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm start`: the API server (which migrates, seeds the demo and runs the worker in-process
 * on the embedded default) and the production build of the web app, built first when missing
 * or older than its sources. `pnpm dev` (`--dev`): the same with hot reload on both sides.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'apps/web');
const dev = process.argv.includes('--dev');

const apiPort = Number(process.env.PORT ?? 8080);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const webHost = process.env.WEB_HOST ?? '127.0.0.1';
const apiUrl = `http://127.0.0.1:${apiPort}`;
const webUrl = `http://${webHost === '0.0.0.0' || webHost === '127.0.0.1' ? 'localhost' : webHost}:${webPort}`;
const embedded = !process.env.DATABASE_URL;
const demoEmail = process.env.DEMO_EMAIL ?? 'demo@keel.local';
const demoPassword = process.env.DEMO_PASSWORD ?? 'keel-demo-2026';

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(apiPort),
  WEB_PORT: String(webPort),
  KEEL_API_URL: process.env.KEEL_API_URL ?? apiUrl,
  CORS_ORIGIN: process.env.CORS_ORIGIN ?? webUrl,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NEXT_TELEMETRY_DISABLED: '1',
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The build is stale when any input of it changed after .next/BUILD_ID was written. */
function webBuildIsCurrent(): boolean {
  const buildId = join(webDir, '.next/BUILD_ID');
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  const inputs = ['src', 'next.config.ts', 'package.json', 'postcss.config.mjs', 'tsconfig.json'].map((p) =>
    newestMtime(join(webDir, p)),
  );
  return Math.max(...inputs) <= built;
}

function buildWeb(): void {
  say('▶ building the web app (production build, about a minute the first time)…');
  const result = spawnSync('pnpm', ['--filter', '@keel/web', 'build'], {
    cwd: root,
    env: childEnv,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write('The web build failed; see the output above.\n');
    process.exit(result.status ?? 1);
  }
}

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], cwd: string): ChildProcess {
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping Keel.\n`);
    stop(code ?? 1);
  });
  return child;
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 10_000);
  timer.unref();
  Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve())),
  ).then(() => process.exit(code));
}

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  if (!dev && !webBuildIsCurrent()) buildWeb();

  const tsx = join(root, 'node_modules/.bin/tsx');
  const next = join(webDir, 'node_modules/.bin/next');
  run('API server', tsx, dev ? ['watch', 'apps/server/src/main.ts'] : ['apps/server/src/main.ts'], root);
  run(
    'web app',
    next,
    dev ? ['dev', '-H', webHost, '-p', String(webPort)] : ['start', '-H', webHost, '-p', String(webPort)],
    webDir,
  );

  const [apiUp, webUp] = await Promise.all([
    waitFor(`${apiUrl}/health`, 180_000),
    waitFor(`http://127.0.0.1:${webPort}/sign-in`, 180_000),
  ]);
  if (stopping) return;
  if (!apiUp || !webUp) {
    process.stderr.write(
      `Keel did not come up: API ${apiUp ? 'ok' : 'not answering'}, web ${webUp ? 'ok' : 'not answering'}.\n`,
    );
    stop(1);
    return;
  }
  const lines = [
    '',
    `  Keel is running${dev ? ' (dev, hot reload)' : ''}`,
    '',
    `  Open      ${webUrl}`,
    embedded
      ? `  Sign in   ${demoEmail} / ${demoPassword}`
      : '  Sign in   with a user from `pnpm keel user:create`',
    `  API       ${apiUrl}  (OpenAPI at /openapi.json)`,
    `  Data      ${embedded ? `embedded PGlite in ${process.env.KEEL_DATA_DIR ?? './.keel/data'}` : 'PostgreSQL (DATABASE_URL)'}`,
    '  Stop      Ctrl+C',
    '',
  ];
  say(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Keel failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  stop(1);
});

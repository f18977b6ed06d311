import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../env.ts';

/**
 * `pnpm bench web`: LCP and first-load JS of the portfolio, control tower, project, connectors and conversations screens
 * on the production build in headless Chromium, against the sandbox demo portfolio after a
 * Chatwoot sync, with generated projects added so the portfolio holds 500 (quality.md's size).
 * The sign-in page (static, no data) is the baseline measured in the same run.
 * Targets (quality.md): LCP < 1.5 s, first-load JS ≤ 250 KB gzip.
 */
const here = dirname(fileURLToPath(import.meta.url));
const tmpDir = resolve(here, '../.tmp-bench');
const WEB_PORT = Number(process.env.BENCH_WEB_PORT ?? 13_200);
const base = `http://127.0.0.1:${WEB_PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LCP_TARGET_MS = 1500;
/** quality.md: the portfolio page with 500 projects (the demo's, filled up with generated ones). */
const PORTFOLIO_PROJECTS = Number(process.env.BENCH_PORTFOLIO_PROJECTS ?? 500);
const JS_TARGET_KB = 250;

type Sample = { lcpMs: number; jsGzipBytes: number; jsFiles: number };

function startStack(): ChildProcess {
  return spawn('pnpm', ['exec', 'tsx', 'scripts/stack.ts'], {
    cwd: resolve(here, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      E2E_TMP_DIR: tmpDir,
      E2E_WEB_PORT: String(WEB_PORT),
      E2E_API_PORT: process.env.BENCH_API_PORT ?? '18280',
      E2E_SANDBOX_PORT_BASE: process.env.BENCH_SANDBOX_PORT_BASE ?? '14200',
      E2E_PORTFOLIO_SIZE: String(PORTFOLIO_PROJECTS),
    },
  });
}

async function waitForWeb(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the stack did not come up');
}

/**
 * Signs in, opens the fixture project and syncs Chatwoot, so the screens show real rows.
 * Returns the signed-in state and the fixture project's id (the project page's URL).
 */
async function prepare(browser: Browser): Promise<{ state: string; projectId: string }> {
  const fixture = JSON.parse(readFileSync(join(tmpDir, 'fixture.json'), 'utf8')) as { project: string };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail').fill('demo@keel.local');
  await page.getByLabel('Password').fill('keel-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page
    .getByRole('button', { name: /project/i })
    .first()
    .click();
  await page.getByRole('menuitemradio').filter({ hasText: fixture.project }).first().click();
  await page.getByRole('region', { name: 'Chatwoot' }).waitFor();
  await page.getByRole('button', { name: 'Sync Chatwoot now' }).click();
  await page.getByText('Sync finished').waitFor({ timeout: 180_000 });
  const me = (await (await context.request.get(`${base}/auth/me`)).json()) as {
    data: { activeProjectId: string | null };
  };
  const projectId = me.data.activeProjectId;
  if (!projectId) throw new Error('the fixture project did not become active');
  const state = join(tmpDir, 'state.json');
  await context.storageState({ path: state });
  await context.close();
  return { state, projectId };
}

/** One cold load (fresh context, empty cache): LCP from the browser, JS bytes gzipped here. */
async function measure(browser: Browser, path: string, storageState: string | undefined): Promise<Sample> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok())
      scripts.set(response.url(), response.body());
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
  let jsGzipBytes = 0;
  for (const body of scripts.values()) jsGzipBytes += gzipSync(await body, { level: 9 }).length;
  await context.close();
  return { lcpMs, jsGzipBytes, jsFiles: scripts.size };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const stack = startStack();
  const stop = () => {
    if (stack.pid) process.kill(-stack.pid, 'SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    process.stdout.write('bench web: starting the stack (production build, sandbox demo portfolio)…\n');
    await waitForWeb(420_000);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const { state, projectId } = await prepare(browser);
    const pages: [string, string, string | undefined][] = [
      ['sign-in (baseline)', '/sign-in', undefined],
      [`portfolio (${PORTFOLIO_PROJECTS} projects)`, '/portfolio', state],
      [`control tower (${PORTFOLIO_PROJECTS} projects)`, '/control-tower', state],
      // The fixture project is already active in the saved state, so the page loads without a switch.
      ['project (health, trend, signals)', `/projects/${projectId}`, state],
      ['connectors', '/connectors', state],
      ['conversations', '/conversations', state],
    ];
    const rows: string[] = [];
    let ok = true;
    for (const [name, path, storage] of pages) {
      await measure(browser, path, storage); // warm the server's own caches
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, path, storage));
      const lcp = median(samples.map((s) => s.lcpMs));
      const lcpMax = Math.max(...samples.map((s) => s.lcpMs));
      const js = median(samples.map((s) => s.jsGzipBytes)) / 1024;
      const files = median(samples.map((s) => s.jsFiles));
      const pass = lcp < LCP_TARGET_MS && js <= JS_TARGET_KB;
      if (!path.startsWith('/sign-in')) ok &&= pass;
      rows.push(
        `| ${name} | ${lcp.toFixed(0)} ms | ${lcpMax.toFixed(0)} ms | ${js.toFixed(1)} KB (${files} files) | ${pass ? 'yes' : 'NO'} |`,
      );
    }
    await browser.close();
    process.stdout.write(
      [
        '',
        `web: ${RUNS} cold loads per page, headless Chromium 1440×900, production build, ${new Date().toISOString().slice(0, 10)}`,
        `targets: LCP < ${LCP_TARGET_MS} ms, first-load JS ≤ ${JS_TARGET_KB} KB gzip`,
        '',
        '| page | LCP p50 | LCP max | first-load JS (gzip) | meets targets |',
        '|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    stop();
  }
}

await main();

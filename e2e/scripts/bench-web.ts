import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../env.ts';

/**
 * `pnpm bench web`: LCP, time to data and first-load JS of the portfolio, recommendations,
 * control tower, project, connectors and conversations screens on the production build in
 * headless Chromium, against the sandbox demo portfolio after a Chatwoot sync, with generated
 * projects added so the portfolio holds 500 (quality.md's size). The sign-in page (static, no
 * data) is the baseline measured in the same run.
 *
 * Two devices (BENCH_DEVICES=desktop,phone): a desktop (1440×900, no throttling; LCP < 1.5 s)
 * and a mid-range phone (390×844, 4× CPU throttling, slow 4G: 150 ms RTT, 1.6 Mbps down,
 * 750 kbps up; LCP and time to data < 2.5 s). LCP alone flatters a page whose server-rendered
 * shell paints first and whose data arrives later, so "time to data" is when the screen's
 * first real rows or tiles are in the page (a selector per screen), from navigation start.
 * First-load JS ≤ 250 KB gzip on both.
 *
 * BENCH_SHOTS=dir also saves, per page and device, a screenshot of the page as loaded and, where
 * it has charts drawn light (OnDemandChart), one after a pointer or a finger came to the first
 * chart and its interactive version (Recharts) replaced it.
 */
const here = dirname(fileURLToPath(import.meta.url));
const tmpDir = resolve(here, '../.tmp-bench');
const WEB_PORT = Number(process.env.BENCH_WEB_PORT ?? 13_200);
const base = `http://127.0.0.1:${WEB_PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** quality.md: the portfolio page with 500 projects (the demo's, filled up with generated ones). */
const PORTFOLIO_PROJECTS = Number(process.env.BENCH_PORTFOLIO_PROJECTS ?? 500);
const JS_TARGET_KB = 250;

type Sample = { lcpMs: number; dataMs: number | null; jsGzipBytes: number; jsFiles: number };

type Device = {
  name: 'desktop' | 'phone';
  viewport: { width: number; height: number };
  cpuThrottle: number;
  /** Chrome DevTools' network conditions: latency in ms, throughput in bytes per second. */
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
  targetMs: number;
};

const DEVICES: Record<Device['name'], Device> = {
  desktop: {
    name: 'desktop',
    viewport: { width: 1440, height: 900 },
    cpuThrottle: 1,
    network: null,
    targetMs: 1500,
  },
  phone: {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    cpuThrottle: 4,
    network: {
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    },
    targetMs: 2500,
  },
};

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
      // The web app comes up first; the API (migrations, the 500-project seed) may take longer.
      if ((await fetch(`${base}/sign-in`)).ok && (await fetch(`${base}/health`)).ok) return;
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

/**
 * One cold load (fresh context, empty cache): LCP from the browser, time to data as when the
 * screen's data selector first matched since the navigation began, JS bytes gzipped here.
 */
async function measure(
  browser: Browser,
  device: Device,
  path: string,
  storageState: string | undefined,
  dataSelector: string | null,
): Promise<Sample> {
  const context: BrowserContext = await browser.newContext({
    viewport: device.viewport,
    ...(device.name === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {}),
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  if (device.cpuThrottle > 1 || device.network) {
    const cdp = await context.newCDPSession(page);
    if (device.cpuThrottle > 1)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: device.cpuThrottle });
    if (device.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...device.network });
    }
  }
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  // Bodies are read as they come; one still in flight when the page closes counts as nothing
  // (never an unhandled rejection that ends the run).
  const scripts = new Map<string, Promise<Buffer | null>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok())
      scripts.set(
        response.url(),
        response.body().catch(() => null),
      );
  });
  // Time to data from this side: the selector is watched from before the navigation starts
  // (Playwright polls on animation frames, so the figure is within a frame of the paint).
  const started = Date.now();
  const data = dataSelector
    ? page.waitForSelector(dataSelector, { timeout: 120_000 }).then(() => Date.now() - started)
    : Promise.resolve(null);
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle', timeout: 120_000 });
  const dataMs = await data;
  await page.waitForTimeout(500);
  const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
  let jsGzipBytes = 0;
  for (const pending of scripts.values()) {
    const body = await pending;
    if (body) jsGzipBytes += gzipSync(body, { level: 9 }).length;
  }
  await context.close();
  return { lcpMs, dataMs, jsGzipBytes, jsFiles: scripts.size };
}

/** One more load for the eyes (BENCH_SHOTS): the page as measured, then its first chart made interactive. */
async function shoot(
  browser: Browser,
  device: Device,
  path: string,
  storageState: string | undefined,
  file: string,
): Promise<void> {
  const context = await browser.newContext({
    viewport: device.viewport,
    ...(device.name === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle', timeout: 120_000 });
  await page.screenshot({ path: `${file}.png`, fullPage: true });
  const chart = page.locator('[data-on-demand-chart]').first();
  if ((await chart.count()) > 0) {
    await chart.scrollIntoViewIfNeeded();
    if (device.name === 'phone') await chart.tap();
    else await chart.hover();
    await page
      .locator('[data-on-demand-chart="interactive"] .recharts-surface')
      .first()
      .waitFor({ timeout: 30_000 });
    await chart.screenshot({ path: `${file}-interactive.png` });
  }
  await context.close();
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
    // [name, path, signed-in state, the selector that means "real data is on screen"]
    const pages: [string, string, string | undefined, string | null][] = [
      ['sign-in (baseline)', '/sign-in', undefined, null],
      [
        `portfolio (${PORTFOLIO_PROJECTS} projects)`,
        '/portfolio',
        state,
        'table[aria-label="Portfolio"] tbody tr:nth-child(3)',
      ],
      ['recommendations', '/recommendations', state, '[data-recommendation-id]'],
      [
        `control tower (${PORTFOLIO_PROJECTS} projects)`,
        '/control-tower',
        state,
        '[data-testid="band-count"]',
      ],
      // The fixture project is already active in the saved state, so the page loads without a switch.
      [
        'project (health, trend, signals)',
        `/projects/${projectId}`,
        state,
        'table[aria-label="Health by category"] tbody tr',
      ],
      ['connectors', '/connectors', state, null],
      ['conversations', '/conversations', state, null],
    ];
    const devices = (process.env.BENCH_DEVICES ?? 'desktop,phone')
      .split(',')
      .map((d) => DEVICES[d.trim() as Device['name']])
      .filter((d): d is Device => Boolean(d));
    const rows: string[] = [];
    let ok = true;
    for (const device of devices)
      for (const [name, path, storage, selector] of pages) {
        await measure(browser, device, path, storage, selector); // warm the server's own caches
        const samples: Sample[] = [];
        for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, device, path, storage, selector));
        if (process.env.BENCH_SHOTS) {
          const slug = name
            .replace(/[^a-z0-9]+/gi, '-')
            .replace(/-+$/, '')
            .toLowerCase();
          await shoot(
            browser,
            device,
            path,
            storage,
            join(resolve(process.env.BENCH_SHOTS), `${device.name}-${slug}`),
          );
        }
        const lcp = median(samples.map((s) => s.lcpMs));
        const lcpMax = Math.max(...samples.map((s) => s.lcpMs));
        const data = selector ? median(samples.map((s) => s.dataMs ?? Number.POSITIVE_INFINITY)) : null;
        const js = median(samples.map((s) => s.jsGzipBytes)) / 1024;
        const files = median(samples.map((s) => s.jsFiles));
        const pass =
          lcp < device.targetMs &&
          (data === null || device.name === 'desktop' || data < device.targetMs) &&
          js <= JS_TARGET_KB;
        if (!path.startsWith('/sign-in')) ok &&= pass;
        rows.push(
          `| ${device.name} | ${name} | ${lcp.toFixed(0)} ms | ${lcpMax.toFixed(0)} ms | ${data === null ? '—' : `${data.toFixed(0)} ms`} | ${js.toFixed(1)} KB (${files} files) | ${pass ? 'yes' : 'NO'} |`,
        );
      }
    await browser.close();
    process.stdout.write(
      [
        '',
        `web: ${RUNS} cold loads per page and device, headless Chromium, production build, ${new Date().toISOString().slice(0, 10)}`,
        `devices: desktop 1440×900 unthrottled; phone 390×844, 4× CPU, 150 ms RTT, 1.6 Mbps down`,
        `targets: desktop LCP < ${DEVICES.desktop.targetMs} ms; phone LCP and time to data < ${DEVICES.phone.targetMs} ms; first-load JS ≤ ${JS_TARGET_KB} KB gzip`,
        '',
        '| device | page | LCP p50 | LCP max | time to data p50 | first-load JS (gzip) | meets targets |',
        '|---|---|---|---|---|---|---|',
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

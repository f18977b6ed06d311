/**
 * `pnpm bench api [--projects 500] [--duration 10] [--rate 500] [--connections 10] [--only portfolio|recommendations|control-tower]`
 *
 * `GET /portfolio/overview` over HTTP with autocannon (quality.md: 500 projects, 10 connections,
 * p99 < 25 ms at 500 req/s, throughput ≥ 0.8 × a bare Fastify route running the same SQL in the
 * same run), for the default first page (50 rows, totals over all 500) and for all 500 rows.
 * Keel's route is the real one: API-key auth, tRPC, zod output, envelope. The baseline is a bare
 * Fastify route that runs the same service (the visible projects, the workspace's facts through
 * the same cache, the same pure overview) and returns it — no auth, no tRPC, no envelope.
 * Then `GET /kag/v2/recommendations` (the open queue, 50 rows of the 1,000 seeded, evidence links
 * resolved) against a bare Fastify route calling the same listRecommendationsV2 with the same
 * identity. Then `GET /control-tower` over the same 500 projects against a bare route calling the
 * same service (`getControlTower`: the same SQL, the same pure assembly). `--only` runs one.
 * Embedded PGlite by default; KEEL_BENCH_DATABASE_URL runs on PostgreSQL in a database of its own.
 */
import { benchAppDeps } from './lib/bench-app-deps.ts';
import type { AddressInfo } from 'node:net';
import { createApiKey } from '@keel/app/auth/api-keys';
import { getControlTower } from '@keel/app/services/control-tower';
import { getPortfolioOverviewForCaller } from '@keel/app/services/portfolio';
import { listRecommendationsV2 } from '@keel/app/services/recommendations-v2';
import { ensureUser } from '@keel/app/services/users';
import { systemClock } from '@keel/core/clock';
import { buildServer } from '@keel/server/build-server';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { seedPortfolio } from '@keel/db/bench-portfolio';
import { openBenchDatabase } from './lib/bench-database.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const PROJECTS = Number(arg('projects', '500'));
const DURATION = Number(arg('duration', '10'));
const RATE = Number(arg('rate', '500'));
const CONNECTIONS = Number(arg('connections', '10'));
const ONLY = arg('only', 'all');
const log = (line: string) => process.stdout.write(`${line}\n`);

type Run = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(
  label: string,
  url: string,
  headers: Record<string, string>,
  rate?: number,
): Promise<Run> {
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: DURATION,
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const fmt = (r: Run) =>
  `${r.label.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors + r.non2xx}`;

async function portfolioRuns(keelBase: string, bareBase: string, auth: Record<string, string>) {
  const keelUrl = `${keelBase}/portfolio/overview`;
  const bareUrl = `${bareBase}/bare`;
  const check = await fetch(`${keelUrl}?limit=${PROJECTS}`, { headers: auth });
  const body = (await check.json()) as { data?: { projects: unknown[] } };
  if (check.status !== 200 || body.data?.projects.length !== PROJECTS)
    throw new Error(`Keel's route answered ${check.status} with ${body.data?.projects.length} projects`);
  const bytes = Buffer.byteLength(JSON.stringify(body));
  const pageBytes = Buffer.byteLength(await (await fetch(keelUrl, { headers: auth })).text());
  log(
    `portfolio/overview: first page (50 rows, the default) ${(pageBytes / 1024).toFixed(0)} KB; all ${PROJECTS} rows ${(bytes / 1024).toFixed(0)} KB`,
  );

  await load('warm-up', keelUrl, auth);
  const runs: Run[] = [];
  const all = `?limit=${PROJECTS}`;
  // Alternate so a noisy neighbour hurts both sides alike.
  runs.push(await load('bare Fastify, first page (max)', bareUrl, {}));
  runs.push(await load('Keel, first page (max)', keelUrl, auth));
  runs.push(await load(`bare Fastify, all ${PROJECTS} (max)`, `${bareUrl}${all}`, {}));
  runs.push(await load(`Keel, all ${PROJECTS} (max)`, `${keelUrl}${all}`, auth));
  runs.push(await load(`Keel, first page at ${RATE} req/s`, keelUrl, auth, RATE));
  runs.push(await load(`Keel, all ${PROJECTS} at ${RATE} req/s`, `${keelUrl}${all}`, auth, RATE));
  for (const r of runs) log(`  ${fmt(r)}`);
  const [bareFirst, keelFirst, bareAll, keelAll, keelRate, keelAllRate] = runs;
  if (bareFirst && keelFirst && bareAll && keelAll && keelRate && keelAllRate) {
    log(
      `  throughput Keel / bare: first page ${(keelFirst.rps / bareFirst.rps).toFixed(2)}, all rows ${(keelAll.rps / bareAll.rps).toFixed(2)} (target ≥ 0.8)`,
    );
    log(
      `  Keel p99 at ${RATE} req/s offered: first page ${keelRate.p99.toFixed(1)} ms (served ${keelRate.rps.toFixed(0)} req/s), all rows ${keelAllRate.p99.toFixed(1)} ms (served ${keelAllRate.rps.toFixed(0)} req/s) (target < 25 ms)`,
    );
  }
}

/** The open queue's first page (50 of 1,000 rows), Keel's REST route against the bare service call. */
async function recommendationRuns(keelBase: string, bareBase: string, auth: Record<string, string>) {
  const keelUrl = `${keelBase}/kag/v2/recommendations?limit=50`;
  const bareUrl = `${bareBase}/bare-recommendations?limit=50`;
  const check = await fetch(keelUrl, { headers: auth });
  const text = await check.text();
  const body = JSON.parse(text) as { data?: { items: { evidence: { target?: unknown }[] }[] } };
  const items = body.data?.items ?? [];
  if (check.status !== 200 || items.length !== 50 || !items[0]?.evidence[0]?.target)
    throw new Error(
      `Keel's recommendations answered ${check.status} with ${items.length} rows: ${text.slice(0, 300)}`,
    );
  log(
    `kag/v2/recommendations: first page (50 rows of ${PROJECTS * 2} open) ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`,
  );
  await load('warm-up', keelUrl, auth);
  const runs: Run[] = [];
  runs.push(await load('bare Fastify, 50 recommendations (max)', bareUrl, {}));
  runs.push(await load('Keel, 50 recommendations (max)', keelUrl, auth));
  runs.push(await load(`Keel, 50 recommendations at ${RATE} req/s`, keelUrl, auth, RATE));
  for (const r of runs) log(`  ${fmt(r)}`);
  const [bareMax, keelMax, keelRate] = runs;
  if (bareMax && keelMax && keelRate) {
    log(`  throughput Keel / bare: ${(keelMax.rps / bareMax.rps).toFixed(2)} (target ≥ 0.8)`);
    log(
      `  Keel p99 at ${RATE} req/s offered: ${keelRate.p99.toFixed(1)} ms (served ${keelRate.rps.toFixed(0)} req/s) (target < 25 ms)`,
    );
  }
}

/** The control tower over the same projects: Keel's route vs. the same service on a bare route. */
async function controlTowerRuns(keelBase: string, bareBase: string, auth: Record<string, string>) {
  const towerUrl = `${keelBase}/control-tower`;
  const bareTowerUrl = `${bareBase}/bare-control-tower`;
  const tower = await fetch(towerUrl, { headers: auth });
  const towerBody = (await tower.json()) as { data?: { projects: number } };
  if (tower.status !== 200 || towerBody.data?.projects !== PROJECTS)
    throw new Error(`GET /control-tower answered ${tower.status} with ${towerBody.data?.projects} projects`);
  log(
    `control-tower (${PROJECTS} projects): response ${(Buffer.byteLength(JSON.stringify(towerBody)) / 1024).toFixed(0)} KB`,
  );
  const towerRuns = [
    await load('bare Fastify, control tower (max)', bareTowerUrl, {}),
    await load('Keel, control tower (max)', towerUrl, auth),
    await load(`Keel, control tower at ${RATE} req/s`, towerUrl, auth, RATE),
  ];
  for (const r of towerRuns) log(`  ${fmt(r)}`);
  const [bareTower, keelTower, keelTowerRate] = towerRuns;
  if (bareTower && keelTower && keelTowerRate)
    log(
      `  throughput Keel / bare: ${(keelTower.rps / bareTower.rps).toFixed(2)} (target ≥ 0.8); p99 at ${RATE} req/s offered ${keelTowerRate.p99.toFixed(1)} ms (served ${keelTowerRate.rps.toFixed(0)} req/s)`,
    );
}

async function main() {
  const handle = await openBenchDatabase('api');
  const { bus, runtime } = await benchAppDeps(handle);
  const { deps } = runtime;
  const owner = await ensureUser(handle.db, {
    email: 'bench@keel.local',
    name: 'Bench',
    password: 'bench password 1',
    workspaceSlug: 'bench',
    workspaceName: 'Bench',
    role: 'owner',
  });
  const t = performance.now();
  await seedPortfolio(handle.db, owner.workspace.id, PROJECTS, systemClock.now());
  log(`bench api (${handle.kind}, ${PROJECTS} projects, ${CONNECTIONS} connections, ${DURATION} s per run)`);
  log(`  seeded in ${Math.round(performance.now() - t)} ms`);
  const key = await createApiKey(handle.db, {
    accountScopeId: owner.workspace.id,
    userId: owner.user.id,
    name: 'bench',
  });

  const keel = await buildServer({ deps, logger: false });
  await keel.listen({ port: 0, host: '127.0.0.1' });
  // The same service call, with the identity the API key resolves to, minus everything around it.
  const identity = {
    userId: owner.user.id,
    email: 'bench@keel.local',
    name: 'Bench',
    accountScopeId: owner.workspace.id,
    workspaceRole: 'owner' as const,
    via: 'api_key' as const,
    sessionIdHash: null,
    apiKeyId: key.id,
    csrfToken: null,
  };
  const bare = Fastify({ logger: false });
  bare.get<{ Querystring: { limit?: string } }>('/bare', (req) =>
    getPortfolioOverviewForCaller(deps, identity, { offset: 0, limit: Number(req.query.limit ?? 50) }),
  );
  bare.get<{ Querystring: { limit?: string } }>('/bare-recommendations', (req) =>
    listRecommendationsV2(deps, identity, { status: 'open', limit: Number(req.query.limit ?? 50) }),
  );
  bare.get('/bare-control-tower', () => getControlTower(deps, identity));
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const keelBase = `http://127.0.0.1:${(keel.server.address() as AddressInfo).port}`;
  const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const auth = { authorization: `Bearer ${key.key}` };
  const runs = (name: string) => ONLY === 'all' || ONLY === name;
  if (runs('portfolio')) await portfolioRuns(keelBase, bareBase, auth);
  if (runs('recommendations')) await recommendationRuns(keelBase, bareBase, auth);
  if (runs('control-tower')) await controlTowerRuns(keelBase, bareBase, auth);
  await keel.close();
  await bare.close();
  // Requests autocannon abandoned at the end of a run may still be finishing their queries.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await runtime.close();
  await bus.close();
  await handle.close();
}

await main();

import { sql } from 'drizzle-orm';
import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv, readRawEnv } from '@keel/core/env';
import { createMemoryEventBus, createRedisEventBus, type EventBus, type KeelEvent } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { runAllConnectorsSync } from '@keel/connectors/connector-sync';
import { saveSandboxCredentials } from '@keel/connectors/sandbox-credentials';
import { type BoundProject, bindPortfolio } from '@keel/connectors/portfolio-bindings';
import type { SyncDeps } from '@keel/connectors/types';
import { queryRows } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { listKagSignals } from '@keel/db/queries/kag-signals';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDay } from '../src/kag/history/day.ts';
import { replayConfigs } from '../src/kag/history/replay.ts';
import { KAG_CONFIG } from '../src/kag/config.ts';
import { loadProjectFacts, runKagRecommendationRefresh } from '../src/kag/refresh.ts';

/**
 * The pipeline over a synced sandbox portfolio (`demo` size). The sandbox's hidden trajectories
 * are read here, in the test, only to judge the scores; product code never sees them.
 */
let db: TestDatabase;
let sandbox: Sandbox;
let bus: EventBus;
let projects: BoundProject[];
let accountScopeId: string;
const events: KeelEvent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  sandbox = await startSandbox({ size: 'demo', seed: 7 });
  const redis = readRawEnv('KEEL_TEST_REDIS_URL');
  bus = redis
    ? createRedisEventBus(redis, `keel:test:${Math.random().toString(36).slice(2)}`)
    : createMemoryEventBus();
  await bus.subscribe((e) => events.push(e));
  const clock = manualClock(new Date(sandbox.dataset.now));
  const deps: SyncDeps = {
    logger: silentLogger,
    bus,
    clock,
    secrets: createSecretBox(deriveDevKey('kag-test')),
    // The emulators listen on loopback: allowed explicitly, host:port by host:port.
    env: parseEnv({
      NODE_ENV: 'test',
      CONNECTOR_EGRESS_ALLOW: Object.values(sandbox.urls)
        .map((u) => new URL(u).host)
        .join(','),
    }),
    http: { timeoutMs: 5_000, retries: 2, backoffMs: 5, maxRetryAfterMs: 50, pageRetries: 3 },
  };
  accountScopeId = (await createWorkspace(db.db)).id;
  const now = clock.now();
  await saveSandboxCredentials(db.db, deps.secrets, accountScopeId, sandbox, now, [
    'chatwoot',
    'linear',
    'attio',
  ]);
  const ds = sandbox.dataset;
  const owned = new Set<string>();
  const portfolio = ds.projects.map((p, index) => {
    const client = ds.clients[p.clientIndex];
    const company = client?.attioCompanyId;
    const owns = company !== undefined && !owned.has(company);
    if (company && owns) owned.add(company);
    const team = ds.teams[p.teamIndex];
    const inbox = ds.inboxes[p.inboxIndex];
    return {
      name: p.name,
      clientName: client?.name ?? null,
      chatwootInboxIds: inbox ? [inbox.id] : [],
      linearTeamIds: team ? [team.id] : [],
      linearProjectIds: [p.linearProjectId],
      attioCompanyIds: owns && company ? [company] : [],
      attioDealIds: owns ? [] : ds.deals.filter((d) => d.projectIndex === index).map((d) => d.id),
    };
  });
  projects = await bindPortfolio(db.db, accountScopeId, portfolio, (p) =>
    createProject(db.db, { accountScopeId, name: p.name, clientName: p.clientName }),
  );
  for (const p of projects)
    await runAllConnectorsSync(db.db, { accountScopeId, projectId: p.projectId }, deps);
  refreshCtx = { clock, bus };
}, 300_000);

let refreshCtx: { clock: ReturnType<typeof manualClock>; bus: EventBus };

afterAll(async () => {
  await sandbox?.close();
  await bus?.close();
  await db?.close();
});

const scopeOf = (p: BoundProject) => ({ accountScopeId, projectId: p.projectId });

describe('kag refresh over the synced sandbox portfolio', () => {
  const health = new Map<string, number>();

  it('when every project refreshes, then troubled trajectories score lower health than healthy ones', async () => {
    for (const p of projects) {
      const r = await runKagRecommendationRefresh(db.db, scopeOf(p), refreshCtx);
      expect(r.events.inserted).toBeGreaterThan(0);
      health.set(p.name, r.health);
    }
    const truth = sandbox.groundTruth.projects;
    const mean = (kinds: string[]) => {
      const xs = truth
        .filter((t) => kinds.includes(t.trajectory))
        .map((t) => health.get(t.projectName) ?? 100);
      return xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    };
    expect(mean(['escalating', 'churning'])).toBeLessThan(mean(['healthy']));
  }, 300_000);

  it('when signals are stored, then every one has evidence and a config version', async () => {
    let total = 0;
    for (const p of projects) {
      const rows = await listKagSignals(db.db, scopeOf(p), { limit: 200 });
      total += rows.length;
      for (const s of rows) {
        expect(s.evidence.length, `${s.key} ${s.subjectKey}`).toBeGreaterThan(0);
        expect(s.configVersion).toMatch(/^kag-v/);
      }
    }
    expect(total).toBeGreaterThan(0);
  });

  it('when the refresh runs again with nothing new, then no event is added and no signal duplicates', async () => {
    const count = async (table: string) =>
      (await queryRows<{ n: number }>(db.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? 0;
    const eventsBefore = await count('kag_events');
    const signalsBefore = await count('kag_signals');
    for (const p of projects) {
      const r = await runKagRecommendationRefresh(db.db, scopeOf(p), refreshCtx);
      expect(r.events.inserted).toBe(0);
      expect(r.signals.appeared).toBe(0);
      expect(r.recommendations.created).toBe(0);
    }
    expect(await count('kag_events')).toBe(eventsBefore);
    expect(await count('kag_signals')).toBe(signalsBefore);
    const dupes = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from (select project_id, key, subject_key from kag_signals group by 1, 2, 3 having count(*) > 1) d`,
    );
    expect(dupes[0]?.n).toBe(0);
    const runs = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from kag_event_log where process = 'kag.refresh' and status = 'finished'`,
    );
    expect(runs[0]?.n).toBe(projects.length * 2);
  }, 300_000);

  it('when scores are written, then health_scores holds the same number with its band (one computation, two views)', async () => {
    const rows = await queryRows<{ kag: number; view: number; band: string }>(
      db.db,
      sql`select s.value as kag, h.score as view, h.band
            from kag_scores s
            join lateral (select score, band from health_scores h
                          where h.project_id = s.project_id order by as_of desc limit 1) h on true
           where s.score_type = 'health' and s.account_scope_id = ${accountScopeId}::uuid`,
    );
    expect(rows.length).toBe(projects.length);
    for (const r of rows) expect(r.view).toBe(r.kag);
  });

  it('when a refresh finishes, then kag.refreshed reaches the event bus', async () => {
    await expect.poll(() => events.some((e) => e.type === 'kag.refreshed')).toBe(true);
  });

  it('when history is rebuilt from stored rows, then today judged as of now matches the live refresh (the as-of rules aside)', async () => {
    const now = refreshCtx.clock.now();
    let compared = 0;
    for (const p of projects) {
      const facts = await loadProjectFacts(db.db, scopeOf(p), now, {
        from: new Date(now.getTime() - 120 * 86_400_000),
      });
      const live = await listKagSignals(db.db, scopeOf(p), { limit: 200 });
      const rebuilt = evaluateDay(facts, now);
      // Only conversation status is judged differently on a rebuilt day (open while active in
      // the last 14 days, since the status history is not stored): compare everything else.
      const keys = (xs: Array<{ key: string }>) =>
        [...new Set(xs.map((s) => s.key).filter((k) => k !== 'client_waiting'))].sort();
      expect(keys(rebuilt.detected), p.name).toEqual(keys(live));
      compared++;
    }
    expect(compared).toBe(projects.length);
  }, 300_000);

  it('when a candidate config is replayed over stored history, then it reports per-day flags for both versions', async () => {
    const now = refreshCtx.clock.now();
    const p = projects[0] as BoundProject;
    const facts = await loadProjectFacts(db.db, scopeOf(p), now, {
      from: new Date(now.getTime() - 90 * 86_400_000),
    });
    const ends = Array.from({ length: 14 }, (_, i) => new Date(now.getTime() - (13 - i) * 86_400_000));
    const report = replayConfigs(facts, ends, KAG_CONFIG, {
      ...KAG_CONFIG,
      version: 'kag-candidate',
    });
    expect(report.days).toBe(14);
    // The same numbers under another name flag exactly the same days.
    for (const s of report.signals) expect(s.candidate).toEqual(s.current);
  }, 300_000);
});

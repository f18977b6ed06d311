import { stopSyncRuns, syncRunSettled } from '@keel/app/services/sync-run-background';
import { ABANDONED_RUN, startOrJoinSyncRun } from '@keel/db/queries/connector-sync-runs';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';
import { openSse, type SseClient, type SseMessage } from './sse-support.ts';

/**
 * Syncs started over HTTP run in the background (issue 13 item 8): the POST answers 202 with a
 * run id before the sync ends, progress and the outcome come over SSE, a retried POST joins the
 * running run, and a failing vendor ends the run `failed` with its reason. Real database, the
 * sandbox's emulators over real HTTP, a listening server for SSE.
 */
let t: TestApp;
let url: string;
let sb: Sandbox;
let s: Session;
let project: { id: string };
let accountScopeId: string;

type Run = {
  runId: string;
  connector: string;
  status: string;
  joined: boolean;
  error: string | null;
  results: { connector: string; status: string; reason: string | null }[];
};

async function call(method: 'GET' | 'POST' | 'PUT', path: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url: path, headers: authed(s), ...(payload ? { payload } : {}) });
}

async function startSync(path: string): Promise<Run> {
  const res = await call('POST', path, {});
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json()).toMatchObject({ ok: true, request_id: expect.any(String) });
  return res.json().data as Run;
}

const ofRun = (type: string, runId: string) => (m: SseMessage) =>
  m.event === type && (m.data?.includes(`"runId":"${runId}"`) ?? false);

/** Every vendor request of `emulator` held `slowMs` first, so its sync outlasts the request. */
function slowDown(emulator: 'linear' | 'attio' | 'chatwoot', slowMs = 400) {
  sb.faults.configure({ rate: 0, slowMs, emulators: { [emulator]: { rate: 1, kinds: ['slow'] } } });
}

let stream: SseClient;

beforeAll(async () => {
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  sb = await startSandbox({ size: 'tiny', seed: 33, only: ['chatwoot', 'linear', 'attio'] });
  const owner = await seedUser(t, { role: 'owner', workspace: 'sync-runs-ws' });
  accountScopeId = owner.workspace.id;
  s = await login(t, owner.email, owner.password);
  project = await createAndSelectProject(t, s, 'Sync runs');
  await call('PUT', '/connectors/chatwoot/credentials', {
    token: sb.tokens.chatwoot,
    baseUrl: sb.urls.chatwoot,
    accountId: '1',
  });
  await call('PUT', '/connectors/linear/credentials', { token: sb.tokens.linear, baseUrl: sb.urls.linear });
  await call('PUT', '/connectors/attio/credentials', { token: sb.tokens.attio, baseUrl: sb.urls.attio });
  const p = sb.dataset.projects[0];
  for (const [sourceKind, externalId] of [
    ['chatwoot_inbox', String(sb.dataset.inboxes[p?.inboxIndex ?? 0]?.id)],
    ['linear_team', String(sb.dataset.teams[p?.teamIndex ?? 0]?.id)],
    ['attio_company', String(sb.dataset.clients[p?.clientIndex ?? 0]?.attioCompanyId)],
  ]) {
    expect((await call('POST', '/connectors/sources', { sourceKind, externalId })).statusCode).toBe(200);
  }
  stream = await openSse(url, { cookie: s.cookie });
  expect(stream.status).toBe(200);
}, 60_000);

beforeEach(() => {
  sb.faults.configure({ rate: 0 });
});

afterAll(async () => {
  stream?.close();
  await sb?.close();
  await t?.close();
});

describe('sync runs started over HTTP', () => {
  it('when a sync is started, then the POST answers 202 with a running run before the sync ends, and its progress and outcome arrive over SSE', async () => {
    slowDown('linear', 1_000);
    const started = Date.now();
    const run = await startSync('/connectors/linear/sync');
    const answeredIn = Date.now() - started;
    expect(run).toMatchObject({ connector: 'linear', status: 'running', joined: false, error: null });
    expect(run.runId).toMatch(/^[0-9a-f-]{36}$/);
    // Every linear request is held 1 s: the answer came before even the first one returned.
    expect(answeredIn).toBeLessThan(1_000);
    expect(stream.messages.some(ofRun('connector.sync.finished', run.runId))).toBe(false);
    expect((await call('GET', `/connectors/sync/${run.runId}`)).json().data.status).toBe('running');

    const progress = await stream.waitFor(ofRun('connector.sync.progress', run.runId), 30_000);
    expect(JSON.parse(progress.data ?? '{}')).toMatchObject({
      type: 'connector.sync.progress',
      projectId: project.id,
      data: { runId: run.runId, connector: 'linear', fetched: expect.any(Number) },
    });
    const finished = await stream.waitFor(ofRun('connector.sync.finished', run.runId), 30_000);
    expect(JSON.parse(finished.data ?? '{}').data).toMatchObject({
      runId: run.runId,
      connector: 'linear',
      status: 'ok',
      error: null,
      connectors: [{ connector: 'linear', status: 'ok' }],
    });
    const read = (await call('GET', `/connectors/sync/${run.runId}`)).json().data as Run & {
      finishedAt: string;
    };
    expect(read).toMatchObject({ status: 'ok', error: null, finishedAt: expect.any(String) });
    expect(read.results).toMatchObject([{ connector: 'linear', status: 'ok', reason: null }]);
  }, 60_000);

  it('when the POST is retried while the run is going, then it joins the same run (also concurrently, and a connector joins a run of all)', async () => {
    slowDown('chatwoot');
    const [a, b] = await Promise.all([startSync('/connectors/sync'), startSync('/connectors/sync')]);
    expect(a?.runId).toBe(b?.runId);
    expect([a?.joined, b?.joined].sort()).toEqual([false, true]);
    const again = await startSync('/connectors/sync');
    expect(again).toMatchObject({ runId: a?.runId, joined: true, status: 'running' });
    const one = await startSync('/connectors/attio/sync');
    expect(one).toMatchObject({ runId: a?.runId, connector: 'all', joined: true });

    sb.faults.configure({ rate: 0 });
    await stream.waitFor(ofRun('connector.sync.finished', a?.runId ?? ''), 60_000);
    const done = (await call('GET', `/connectors/sync/${a?.runId}`)).json().data as Run;
    expect(done.status).toBe('ok');
    expect(done.results.map((r) => `${r.connector}:${r.status}`)).toEqual([
      'chatwoot:ok',
      'linear:ok',
      'attio:ok',
    ]);
    // Once it ended, a new POST starts a new run.
    const next = await startSync('/connectors/sync');
    expect(next.runId).not.toBe(a?.runId);
    expect(next.joined).toBe(false);
    await syncRunSettled(t.deps, next.runId);
  }, 90_000);

  it('when the vendor refuses the sync, then the run ends failed with its reason, on the run and in the event', async () => {
    sb.faults.configure({ rate: 0, emulators: { attio: { rate: 1, kinds: ['unauthorized'] } } });
    const run = await startSync('/connectors/attio/sync');
    const finished = await stream.waitFor(ofRun('connector.sync.finished', run.runId), 30_000);
    const event = JSON.parse(finished.data ?? '{}').data;
    expect(event).toMatchObject({ status: 'failed', connectors: [{ connector: 'attio', status: 'failed' }] });
    expect(event.error).toMatch(/^attio: /);
    const read = (await call('GET', `/connectors/sync/${run.runId}`)).json().data as Run;
    expect(read.status).toBe('failed');
    expect(read.error).toBe(event.error);
    expect(read.results[0]?.reason).toBeTruthy();
    expect(read.error).toContain(read.results[0]?.reason ?? '-');
  }, 60_000);

  it('when the server shuts down mid-run, then the run is aborted and recorded failed with why, and its event still goes out', async () => {
    slowDown('chatwoot', 2_000);
    const run = await startSync('/connectors/chatwoot/sync');
    await new Promise((r) => setTimeout(r, 300));
    await stopSyncRuns(t.deps);
    const read = (await call('GET', `/connectors/sync/${run.runId}`)).json().data as Run;
    expect(read).toMatchObject({ status: 'failed', error: 'aborted: the server shut down' });
    const finished = await stream.waitFor(ofRun('connector.sync.finished', run.runId), 10_000);
    expect(JSON.parse(finished.data ?? '{}').data).toMatchObject({ status: 'failed', error: read.error });
  });

  it('when the process running a run died (its lease lapsed), then reading it says failed, abandoned, and a new POST starts afresh', async () => {
    const scope = { accountScopeId, projectId: project.id };
    const { run } = await startOrJoinSyncRun(t.deps.db, scope, {
      target: 'linear',
      joins: ['all'],
      mode: 'incremental',
      startedBy: null,
      now: new Date(),
      leaseMs: 0,
    });
    await new Promise((r) => setTimeout(r, 20));
    const read = (await call('GET', `/connectors/sync/${run.id}`)).json().data as Run;
    expect(read).toMatchObject({ status: 'failed', error: ABANDONED_RUN });
    const fresh = await startSync('/connectors/linear/sync');
    expect(fresh.runId).not.toBe(run.id);
    await syncRunSettled(t.deps, fresh.runId);
  });

  it('when a run id is unknown or malformed, then 404 and 400 come back with the envelope', async () => {
    const missing = await call('GET', '/connectors/sync/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ ok: false, error: 'not_found' });
    expect((await call('GET', '/connectors/sync/not-a-run')).statusCode).toBe(400);
  });
});

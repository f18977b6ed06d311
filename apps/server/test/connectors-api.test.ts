import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { loggerOptions } from '@keel/core/logger';
import { queryRows } from '@keel/db/client';
import { syncRunSettled } from '@keel/app/services/sync-run-background';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  createAndSelectProject,
  createTestApp,
  login,
  seedUser,
  type Session,
  type TestApp,
} from './helpers.ts';

/** The connector endpoints end to end over HTTP, against the sandbox; secrets never leak. */
let t: TestApp;
let sb: Sandbox;
let s: Session;
const logLines: string[] = [];
const bodies: string[] = [];

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) {
  const res = await t.app.inject({
    method,
    url,
    headers: authed(s),
    ...(payload === undefined ? {} : { payload }),
  });
  bodies.push(res.body);
  return res;
}

beforeAll(async () => {
  // The sandbox emulators listen on loopback, which connectors reach only when allow-listed.
  t = await createTestApp({ env: { CONNECTOR_EGRESS_ALLOW: '127.0.0.1' } });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t.deps.logger = pino(loggerOptions('debug'), sink);
  sb = await startSandbox({ size: 'tiny', seed: 21, only: ['chatwoot', 'linear', 'attio', 'loops'] });
  const owner = await seedUser(t, { role: 'owner' });
  s = await login(t, owner.email, owner.password);
  await createAndSelectProject(t, s, 'Sandbox project');
}, 60_000);

afterAll(async () => {
  await sb?.close();
  await t?.close();
});

describe('connector endpoints', () => {
  it('when credentials are stored, then the column holds ciphertext and no response or log line shows the token', async () => {
    const put = await call('PUT', '/connectors/chatwoot/credentials', {
      token: sb.tokens.chatwoot,
      baseUrl: sb.urls.chatwoot,
      accountId: '1',
    });
    expect(put.statusCode).toBe(200);
    await call('PUT', '/connectors/linear/credentials', { token: sb.tokens.linear, baseUrl: sb.urls.linear });
    await call('PUT', '/connectors/attio/credentials', { token: sb.tokens.attio, baseUrl: sb.urls.attio });
    await call('PUT', '/connectors/loops/credentials', { token: sb.tokens.loops, baseUrl: sb.urls.loops });
    const raw = await queryRows<{ ciphertext: string; iv: string; auth_tag: string }>(
      t.deps.db,
      sql`select ciphertext, iv, auth_tag from connector_credentials where connector = 'chatwoot'`,
    );
    expect(raw).toHaveLength(1);
    expect(raw[0]?.ciphertext).not.toContain(sb.tokens.chatwoot);
    expect(Buffer.from(raw[0]?.ciphertext ?? '', 'base64').toString('utf8')).not.toContain(
      sb.tokens.chatwoot,
    );

    const test = await call('POST', '/connectors/chatwoot/test');
    expect(test.json()).toMatchObject({ ok: true, data: { ok: true } });
    const list = await call('GET', '/connectors/credentials');
    expect(list.json().data.credentials).toHaveLength(4);
  });

  it('when sources are bound and the connectors sync, then state, data endpoints and reconciliation reflect the source', async () => {
    const project = sb.dataset.projects[0];
    const inbox = sb.dataset.inboxes[project?.inboxIndex ?? 0];
    const team = sb.dataset.teams[project?.teamIndex ?? 0];
    const client = sb.dataset.clients[project?.clientIndex ?? 0];
    for (const [sourceKind, externalId] of [
      ['chatwoot_inbox', String(inbox?.id)],
      ['linear_team', String(team?.id)],
      ['attio_company', String(client?.attioCompanyId)],
    ]) {
      expect((await call('POST', '/connectors/sources', { sourceKind, externalId })).statusCode).toBe(200);
    }
    // The POST starts a background run and answers at once; the run is read back by id once it ended.
    const sync = await call('POST', '/connectors/sync', {});
    expect(sync.statusCode).toBe(202);
    const runId: string = sync.json().data.runId;
    await syncRunSettled(t.deps, runId);
    const run = (await call('GET', `/connectors/sync/${runId}`)).json().data;
    expect(run.status).toBe('ok');
    expect(run.results.map((r: { status: string }) => r.status)).toEqual(['ok', 'ok', 'ok']);
    // What the sync wrote pulls the project's scoring and embedding jobs to the next tick.
    const followUps = await queryRows<{ job_type: string }>(
      t.deps.db,
      sql`select job_type from scheduled_jobs
          where next_run_at <= ${t.deps.clock.now().toISOString()}::timestamptz
            and job_type in ('kag_recommendations_refresh', 'embeddings_run') order by job_type`,
    );
    expect(followUps.map((r) => r.job_type)).toEqual(['embeddings_run', 'kag_recommendations_refresh']);
    expect((await call('POST', '/jobs/linear/sync', {})).json().data.status).toBe('ok');

    const state = (await call('GET', '/connectors/state')).json().data.connectors;
    expect(state.find((c: { connector: string }) => c.connector === 'chatwoot')).toMatchObject({
      status: 'ok',
      configured: true,
    });

    const first = await call('GET', '/conversations?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json().data;
    expect(page1.items).toHaveLength(2);
    const second = await call('GET', `/conversations?limit=2&cursor=${page1.nextCursor}`);
    expect(second.statusCode, second.body).toBe(200);
    const page2 = second.json().data;
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const convId = page1.items[0].id;
    const messages = (await call('GET', `/messages?conversationId=${convId}&limit=200`)).json().data.items;
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m: { conversationId: number }) => m.conversationId === convId)).toBe(true);
    expect((await call('GET', '/contacts?limit=5')).json().data.items.length).toBeGreaterThan(0);
    expect((await call('GET', '/messages?cursor=not-a-cursor')).statusCode).toBe(400);

    const recon = (await call('POST', '/connectors/reconciliation/run', { messages: 'all' })).json().data
      .report;
    expect(recon.differences).toBe(0);
    expect((await call('GET', '/connectors/reconciliation')).json().data.report.differences).toBe(0);
    expect((await call('GET', '/connectors/errors')).json().data.errors).toEqual([]);
    expect((await call('POST', '/connectors/errors/retry', {})).statusCode).toBe(200);
    const loops = (await call('POST', '/loops/sync', {})).json().data;
    expect(loops.pushed).toBeGreaterThan(0);
    expect(sb.dataset.loops.contacts.length).toBeGreaterThan(0);
  }, 120_000);

  it('when a token is wrong, then the test says so and the logs still hold no secret', async () => {
    await call('PUT', '/connectors/attio/credentials', {
      token: 'wrong-token-value-123',
      baseUrl: sb.urls.attio,
    });
    const res = (await call('POST', '/connectors/attio/test')).json().data;
    expect(res.ok).toBe(false);
    const everything = [...bodies, ...logLines].join('\n');
    for (const secret of [
      sb.tokens.chatwoot,
      sb.tokens.linear,
      sb.tokens.attio,
      sb.tokens.loops,
      'wrong-token-value-123',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});

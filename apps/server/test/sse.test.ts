import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '@keel/core/events';
import { upsertProjectMember } from '@keel/db/queries/projects';
import { createAndSelectProject, login, seedUser, type Session } from './helpers.ts';
import { createListeningApp, eventually, openSse, type SseMessage } from './sse-support.ts';

let t: Awaited<ReturnType<typeof createListeningApp>>;
let alice: Session;
let bob: Session;
let aliceProject: { id: string };
let aliceOther: { id: string };
let bobProject: { id: string };

const gauge = () => t.app.keelMetrics.sseConnections.get().then((g) => g.values[0]?.value ?? 0);
const cookie = (s: Session) => ({ cookie: s.cookie });
const named = (name: string) => (m: SseMessage) => m.data?.includes(`"runId":"${name}"`) ?? false;

beforeAll(async () => {
  t = await createListeningApp({ heartbeatMs: 100, maxBufferedBytes: 64 * 1024, replaySize: 50 });
  const a = await seedUser(t, { role: 'owner', workspace: 'ws-alice' });
  const b = await seedUser(t, { role: 'owner', workspace: 'ws-bob' });
  alice = await login(t, a.email, a.password);
  bob = await login(t, b.email, b.password);
  aliceOther = await createAndSelectProject(t, alice);
  aliceProject = await createAndSelectProject(t, alice);
  bobProject = await createAndSelectProject(t, bob);
});
afterAll(async () => {
  await t?.close();
});

/** A job.finished whose run id is `name`, so a test can tell its events apart. */
async function publish(
  accountScopeId: string,
  projectId: string | null,
  name: string,
  summary: Record<string, unknown> = {},
) {
  await t.deps.bus.publish(
    makeEvent(
      'job.finished',
      { accountScopeId, projectId },
      {
        runId: name,
        jobType: 'job_history_prune',
        trigger: 'manual',
        status: 'succeeded',
        durationMs: 1,
        summary,
        reason: null,
        nextRunAt: new Date(0).toISOString(),
      },
    ),
  );
}

describe('GET /events/stream', () => {
  it('when called without a session, then 401 comes back; without an active project, the stream opens (the workspace stream)', async () => {
    const anon = await openSse(t.url, {});
    expect(anon.status).toBe(401);
    anon.close();
    const fresh = await login(
      t,
      (await seedUser(t, { workspace: 'ws-empty' })).email,
      'correct horse battery',
    );
    const noProject = await openSse(t.url, cookie(fresh));
    expect(noProject.status).toBe(200);
    noProject.close();
  });

  it("when a stream has no selected project, then it carries the caller's visible projects and workspace events, never another workspace's nor a project a pm is not a member of", async () => {
    const ownerUser = await seedUser(t, { role: 'owner', workspace: 'ws-alice' });
    const pmUser = await seedUser(t, { role: 'pm', workspace: 'ws-alice' });
    const owner = await login(t, ownerUser.email, ownerUser.password);
    const pm = await login(t, pmUser.email, pmUser.password);
    await upsertProjectMember(
      t.deps.db,
      { id: aliceProject.id, accountScopeId: pm.accountScopeId },
      pm.userId,
      'pm',
    );
    const ownerStream = await openSse(t.url, cookie(owner));
    const pmStream = await openSse(t.url, cookie(pm));
    expect([ownerStream.status, pmStream.status]).toEqual([200, 200]);
    await ownerStream.waitFor((m) => m.comment === 'connected');
    await pmStream.waitFor((m) => m.comment === 'connected');
    await publish(bob.accountScopeId, bobProject.id, 'ws-other-workspace');
    await publish(bob.accountScopeId, null, 'ws-other-workspace-wide');
    await publish(alice.accountScopeId, aliceOther.id, 'ws-not-a-member');
    await publish(alice.accountScopeId, null, 'ws-workspace-wide');
    await publish(alice.accountScopeId, aliceProject.id, 'ws-member');
    await ownerStream.waitFor(named('ws-member'));
    await pmStream.waitFor(named('ws-member'));
    const runIds = (c: typeof ownerStream) =>
      c.messages.filter((m) => m.event === 'job.finished').map((m) => JSON.parse(m.data ?? '{}').data.runId);
    expect(runIds(ownerStream)).toEqual(['ws-not-a-member', 'ws-workspace-wide', 'ws-member']);
    expect(runIds(pmStream)).toEqual(['ws-workspace-wide', 'ws-member']);
    ownerStream.close();
    pmStream.close();
  });

  it('when a client is connected, then it gets the retry hint and heartbeat comments', async () => {
    const c = await openSse(t.url, cookie(alice));
    expect(c.status).toBe(200);
    expect(c.res.headers['content-type']).toContain('text/event-stream');
    await c.waitFor((m) => m.retry !== undefined);
    await c.waitFor((m) => m.comment === 'ping');
    c.close();
  });

  it('when the stream is read as raw bytes, then there is one HTTP head and unframed events (no chunked encoding)', async () => {
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      raw += chunk;
    });
    socket.write(`GET /events/stream HTTP/1.1\r\nhost: test\r\ncookie: ${alice.cookie}\r\n\r\n`);
    await eventually(() => raw.includes(': connected\n\n'));
    await publish(alice.accountScopeId, aliceProject.id, 'raw-bytes');
    await eventually(() => raw.includes('raw-bytes'));
    socket.destroy();
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(raw.toLowerCase()).not.toContain('transfer-encoding');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body).toMatch(/^retry: \d+\n: connected\n\n/);
    expect(body).toMatch(/\n\nid: [^\n]+\nevent: job\.finished\ndata: \{[^\n]*"raw-bytes"[^\n]*\}\n\n$/);
  });

  it('when events of other workspaces and projects are published, then only the active project and workspace-wide ones arrive', async () => {
    const c = await openSse(t.url, cookie(alice));
    await c.waitFor((m) => m.comment === 'connected');
    await publish(bob.accountScopeId, bobProject.id, 'other-workspace');
    await publish(bob.accountScopeId, null, 'other-workspace-wide');
    await publish(alice.accountScopeId, aliceOther.id, 'other-project');
    await publish(alice.accountScopeId, null, 'workspace-wide');
    await publish(alice.accountScopeId, aliceProject.id, 'mine');
    // The bus keeps order: once "mine" is here, everything published before it was decided.
    await c.waitFor(named('mine'));
    const names = c.messages
      .filter((m) => m.event === 'job.finished')
      .map((m) => JSON.parse(m.data ?? '{}').data.runId);
    expect(names).toEqual(['workspace-wide', 'mine']);
    c.close();
  });

  it('when a tab pins another project with ?project=, then it gets that project; a project elsewhere is refused', async () => {
    const pinned = await openSse(t.url, cookie(alice), `/events/stream?project=${aliceOther.id}`);
    await pinned.waitFor((m) => m.comment === 'connected');
    await publish(alice.accountScopeId, aliceOther.id, 'pinned');
    await pinned.waitFor(named('pinned'));
    pinned.close();
    const foreign = await openSse(t.url, cookie(alice), `/events/stream?project=${bobProject.id}`);
    expect(foreign.status).toBe(403);
    foreign.close();
  });

  it('when a client reconnects with Last-Event-ID, then it gets what it missed; with an unknown id it is told to reset', async () => {
    const first = await openSse(t.url, cookie(alice));
    await first.waitFor((m) => m.comment === 'connected');
    for (const name of ['r1', 'r2', 'r3']) await publish(alice.accountScopeId, aliceProject.id, name);
    const r1 = await first.waitFor(named('r1'));
    await first.waitFor(named('r3'));
    first.close();
    await publish(alice.accountScopeId, aliceProject.id, 'r4');

    const resumed = await openSse(t.url, { ...cookie(alice), 'last-event-id': r1.id ?? '' });
    await resumed.waitFor(named('r4'));
    const names = resumed.messages
      .filter((m) => m.event === 'job.finished')
      .map((m) => JSON.parse(m.data ?? '{}').data.runId);
    expect(names).toEqual(['r2', 'r3', 'r4']);
    resumed.close();

    const lost = await openSse(t.url, { ...cookie(alice), 'last-event-id': 'zzz-unknown' });
    const reset = await lost.waitFor((m) => m.event === 'reset');
    expect(JSON.parse(reset.data ?? '{}')).toMatchObject({ reason: 'replay_unavailable' });
    lost.close();
  });

  it('when a client stops reading, then it is dropped while a reading client keeps every event', async () => {
    const fast = await openSse(t.url, cookie(alice));
    const slow = await openSse(t.url, cookie(alice), '/events/stream', { read: false });
    await fast.waitFor((m) => m.comment === 'connected');
    await eventually(async () => (await gauge()) === 2);
    const blob = 'x'.repeat(64 * 1024);
    let sent = 0;
    // Enough to fill the socket buffers of the stalled client, then its 64 KB allowance.
    while (!slow.res.socket?.destroyed && sent < 400) {
      await publish(alice.accountScopeId, aliceProject.id, `big-${sent}`, { blob });
      sent += 1;
      if (sent % 20 === 0) await fast.waitFor(named(`big-${sent - 1}`));
      if ((await gauge()) < 2) break;
    }
    await eventually(async () => (await gauge()) === 1);
    await fast.waitFor(named(`big-${sent - 1}`));
    const got = fast.messages.filter((m) => m.data?.includes('"runId":"big-')).length;
    expect(got).toBe(sent);
    fast.close();
    slow.close();
  });

  it('when clients disconnect, then they are unsubscribed and the connection gauge returns to zero', async () => {
    await eventually(async () => (await gauge()) === 0);
    const clients = await Promise.all([1, 2, 3].map(() => openSse(t.url, cookie(alice))));
    await eventually(async () => (await gauge()) === 3);
    for (const c of clients) c.close();
    await eventually(async () => (await gauge()) === 0);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/keel_sse_connections 0/);
  });
});

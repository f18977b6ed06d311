import { createMessage } from '@keel/db/factories';
import { getOutbound, upsertContactPolicy } from '@keel/db/queries/outbound';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveOutbound,
  createOutboundDraft,
  listOutboundWithAttempts,
  setOptOut,
} from '../src/services/outbox.ts';
import { processDueOutbounds, SEND_LEASE_MS, sendOutbound } from '../src/services/outbox-send.ts';
import { run as runOutboundJob } from '../src/scheduler/handlers/outbound-process.ts';
import { type ActionsHarness, createActionsHarness } from './outbox-support.ts';

/** The outbox over the Chatwoot emulator: approval, compliance holds and exactly-once sends. */
let t: ActionsHarness;

beforeAll(async () => {
  t = await createActionsHarness();
  // Midday UTC (the default quiet hours are 21:00–08:00 in the project's timezone, UTC here).
  const day = new Date(t.h.sandbox.dataset.now);
  t.h.clock.set(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1, 12)));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function approvedDraft(conversation: number, body = 'Hello from Keel') {
  const c = t.conversation(conversation);
  const draft = await createOutboundDraft(t.actor, t.scope, {
    contactRef: c.contactRef,
    recipient: c.conversationId,
    body,
  });
  return { draft, approve: () => approveOutbound(t.actor, t.scope, draft.id) };
}

const statusOf = async (id: string) => (await getOutbound(t.deps.db, t.scope, id))?.status;

describe('outbox', () => {
  it('when a draft is not approved, then nothing is sent; once approved, it is sent once', async () => {
    const { draft, approve } = await approvedDraft(0);
    expect((await processDueOutbounds(t.deps, t.scope)).due).toBe(0);
    await expect(sendOutbound(t.actor, t.scope, draft.id)).rejects.toThrow(/approval/);
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(0);
    await approve();
    const run = await processDueOutbounds(t.deps, t.scope);
    expect(run.sent).toBe(1);
    expect(await processDueOutbounds(t.deps, t.scope)).toMatchObject({ due: 0 });
    await expect(sendOutbound(t.actor, t.scope, draft.id)).rejects.toThrow(/sent/);
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(1);
    const [listed] = await listOutboundWithAttempts(t.deps, t.scope, { limit: 1 });
    expect(listed?.attemptLog.map((a) => a.status)).toEqual(['succeeded']);
  });

  it('when two workers process the same due messages at once, then each message is sent once', async () => {
    const drafts = [];
    for (const i of [6, 7, 8]) {
      const { draft, approve } = await approvedDraft(i, `Parallel ${i}`);
      await approve();
      drafts.push(draft);
    }
    const [a, b] = await Promise.all([
      processDueOutbounds(t.deps, t.scope),
      processDueOutbounds(t.deps, t.scope),
    ]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(3);
    for (const d of drafts) expect(t.chatwootMessagesWithKey(d.idempotencyKey)).toBe(1);
  });

  it('when the outbound_process job runs, then it sends what is due and otherwise skips saying why', async () => {
    const ctx = {
      db: t.deps.db,
      scope: t.scope,
      deps: t.deps,
      payload: { limit: 50 },
      runId: 'test',
      signal: new AbortController().signal,
      heartbeat: async () => {},
    };
    expect(await runOutboundJob(ctx)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/due/),
    });
    const { draft, approve } = await approvedDraft(0, 'From the job');
    await approve();
    expect(await runOutboundJob(ctx)).toMatchObject({ status: 'succeeded', summary: { sent: 1 } });
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(1);
  });

  it('when the contact opted out, then the send is blocked with the reason', async () => {
    const { draft, approve } = await approvedDraft(1);
    await setOptOut(t.actor, t.scope, {
      contactRef: draft.contactRef,
      channel: 'all',
      optedOut: true,
      reason: 'asked',
    });
    await approve();
    const out = await sendOutbound(t.actor, t.scope, draft.id);
    expect(out).toMatchObject({ status: 'blocked', reason: 'opted_out' });
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(0);
  });

  it('when it is quiet hours for the contact, then the send is held until they end, then sent', async () => {
    const { draft, approve } = await approvedDraft(2);
    await upsertContactPolicy(
      t.deps.db,
      t.scope,
      draft.contactRef,
      'chatwoot',
      { quietHoursStartMinute: 11 * 60, quietHoursEndMinute: 14 * 60, timezone: 'UTC' },
      t.h.clock.now(),
    );
    await approve();
    const out = await sendOutbound(t.actor, t.scope, draft.id);
    expect(out).toMatchObject({ status: 'approved', reason: 'quiet_hours' });
    const held = await getOutbound(t.deps.db, t.scope, draft.id);
    expect(held?.nextAttemptAt?.getUTCHours()).toBe(14);
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(0);
    expect((await processDueOutbounds(t.deps, t.scope)).due).toBe(0);
    t.h.clock.advance(2 * 3_600_000 + 60_000);
    expect((await processDueOutbounds(t.deps, t.scope)).sent).toBe(1);
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(1);
  });

  it('when three messages went out to the contact today, then the fourth is held by the frequency cap', async () => {
    for (let i = 0; i < 3; i++) {
      const { approve } = await approvedDraft(3, `Update ${i}`);
      await approve();
    }
    expect((await processDueOutbounds(t.deps, t.scope)).sent).toBe(3);
    const { draft, approve } = await approvedDraft(3, 'One more');
    await approve();
    expect(await sendOutbound(t.actor, t.scope, draft.id)).toMatchObject({
      status: 'approved',
      reason: 'frequency_cap',
    });
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(0);
  });

  it('when the contact wrote angrily an hour ago, then the send is held for a person to reply first', async () => {
    const { draft, approve } = await approvedDraft(4);
    await createMessage(
      t.deps.db,
      { id: t.scope.projectId, accountScopeId: t.scope.accountScopeId },
      {
        cwContactId: Number(draft.contactRef),
        content: 'This is unacceptable. We will cancel the contract and ask for a refund.',
        createdAtSource: new Date(t.h.clock.now().getTime() - 3_600_000),
      },
    );
    await approve();
    const out = await sendOutbound(t.actor, t.scope, draft.id);
    expect(out).toMatchObject({ status: 'approved', reason: 'negative_sentiment' });
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(0);
  });

  it('when a worker crashes after Chatwoot stored the message, then the restarted worker finds it and does not send it twice', async () => {
    const { draft, approve } = await approvedDraft(5, 'Crash test');
    await approve();
    const real = t.deps.vendorActions;
    let crashed!: () => void;
    const dying = {
      ...real,
      async chatwoot(...args: Parameters<typeof real.chatwoot>) {
        const cw = await real.chatwoot(...args);
        if (!cw) return cw;
        return {
          ...cw,
          async create(conversationId: string, content: string, key: string) {
            await cw.create(conversationId, content, key);
            // The process dies here: the answer never reaches the database.
            return new Promise<never>((_, reject) => {
              crashed = () => reject(new Error('worker killed'));
            });
          },
        };
      },
    };
    void processDueOutbounds({ ...t.deps, vendorActions: dying }, t.scope);
    for (let i = 0; i < 500 && t.chatwootMessagesWithKey(draft.idempotencyKey) === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(1);
    expect(await statusOf(draft.id)).toBe('sending');
    // Another worker before the lease ends: not due.
    expect((await processDueOutbounds(t.deps, t.scope)).due).toBe(0);
    t.h.clock.advance(SEND_LEASE_MS + 1000);
    const after = await processDueOutbounds(t.deps, t.scope);
    expect(after.sent).toBe(1);
    expect(t.chatwootMessagesWithKey(draft.idempotencyKey)).toBe(1);
    const row = await getOutbound(t.deps.db, t.scope, draft.id);
    expect(row?.status).toBe('sent');
    const [listed] = (await listOutboundWithAttempts(t.deps, t.scope, { limit: 50 })).filter(
      (m) => m.id === draft.id,
    );
    expect(listed?.attemptLog.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    expect(listed?.attemptLog[0]?.error).toMatch(/lease expired/);
    // The dead worker's late failure does not touch the row: its lease is gone.
    crashed();
    await new Promise((r) => setTimeout(r, 50));
    expect(await statusOf(draft.id)).toBe('sent');
  });
});

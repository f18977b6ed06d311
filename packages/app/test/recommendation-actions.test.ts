import { createConversation, createRecommendation } from '@keel/db/factories';
import { getRecommendationV2 } from '@keel/db/queries/recommendation-actions';
import { auditEvents } from '@keel/db/schema/platform';
import { and, eq } from 'drizzle-orm';
import { listOutbound } from '@keel/db/queries/outbound';
import type { RecommendationActionType } from '@keel/db/schema/kag-v2';
import { keyMarker, uuidForKey } from '@keel/intelligence/outbox/action-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveOutbound } from '../src/services/outbox.ts';
import { processDueOutbounds } from '../src/services/outbox-send.ts';
import {
  ACTION_LEASE_MS,
  listRecommendationActionRuns,
  retryRecommendationActionRun,
  runRecommendationAction,
} from '../src/services/recommendation-actions.ts';
import { deliverDueReminders, listNotifications } from '../src/services/reminders.ts';
import { type ActionsHarness, createActionsHarness } from './outbox-support.ts';

/**
 * Exactly once under faults: 200 concurrent and repeated action runs against emulators that fail
 * 10 % of responses — including answers that arrive after the vendor stored the object — create
 * one Linear issue or one Chatwoot message per action.
 */
let t: ActionsHarness;

beforeAll(async () => {
  t = await createActionsHarness({
    // Timeouts well above a loaded machine's latency, below the `slow` and `late_response` hold.
    http: { timeoutMs: 1_000, retries: 1, backoffMs: 1, maxRetryAfterMs: 10, pageRetries: 1 },
  });
  const day = new Date(t.h.sandbox.dataset.now);
  t.h.clock.set(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1, 12)));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const FAULTS = {
  rate: 0.1,
  slowMs: 1_500,
  retryAfterSeconds: 0,
  kinds: [
    'rate_limit',
    'server_error',
    'slow',
    'truncated',
    'repeat_page',
    'unauthorized',
    'late_response',
  ] as const,
};

/** What each injected fault looks like once the Linear client has given up on a call. */
const GRAPHQL = String.raw`http://127\.0\.0\.1:\d+/graphql`;
const LINEAR_FAULT = new RegExp(
  `^(${[
    `Request to ${GRAPHQL} timed out after 1000 ms`, // slow, late_response
    `linear: response from ${GRAPHQL} is not valid JSON`, // truncated
    `linear( POST ${GRAPHQL})?: HTTP 5\\d\\d.*`, // server_error
    `linear( POST ${GRAPHQL})?: rate limited`, // rate_limit
    `linear( POST ${GRAPHQL})?: 40[13] .*check the token|linear: the API key was rejected`, // unauthorized
    String.raw`linear: (issueCreate returned no issue|response has no data|the answer is about another issue \(a repeated response\))`, // repeat_page: another call's answer
    // repeat_page replays the route's previous answer unhandled, so a create or lookup can receive
    // another lookup's "not found" or another create's "already exists" as its own.
    'linear: Entity (not found|already exists): Issue',
  ].join('|')})$`,
);

const project = () => ({ id: t.scope.projectId, accountScopeId: t.scope.accountScopeId });

describe('recommendation actions', () => {
  it('when 200 concurrent and repeated runs meet 10% vendor faults, then each action creates exactly one issue or message', async () => {
    const ds = t.h.sandbox.dataset;
    const tasks = await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        createRecommendation(t.deps.db, project(), {
          type: 'stalled_issue',
          subjectKey: `issue:${i}`,
          title: `Unblock work item ${i}`,
          suggestedAction: {
            type: 'create_or_update_task',
            draft: { title: `Unblock work item ${i}`, body: 'Stalled 9 days.' },
          },
        }),
      ),
    );
    const messages = await Promise.all(
      Array.from({ length: 18 }, async (_, i) => {
        const c = t.conversation(i % 9);
        return createRecommendation(t.deps.db, project(), {
          type: 'reply_to_client',
          subjectKey: `conversation:${c.conversationId}:${i}`,
          suggestedAction: {
            type: 'send_message',
            draft: {
              conversationId: c.conversationId,
              contactRef: c.contactRef,
              body: `We are on it (${i}).`,
            },
          },
        });
      }),
    );
    const recs = [...tasks, ...messages];
    const calls = recs.flatMap((r) => Array.from({ length: 5 }, () => r));
    // A fixed shuffle: repeats of one action interleave with the others.
    let seed = 7;
    const order = calls.map(() => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    });
    const shuffled = calls
      .map((r, i) => ({ r, k: order[i] ?? 0 }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.r);

    t.h.sandbox.faults.configure(FAULTS);
    const first = await Promise.all(shuffled.map((r) => runRecommendationAction(t.actor, t.scope, r.id, {})));
    expect(first).toHaveLength(200);
    let runs = await listRecommendationActionRuns(t.actor, t.scope, { limit: 500 });
    expect(runs).toHaveLength(40);
    for (const run of runs) {
      expect(['succeeded', 'failed']).toContain(run.status);
      if (run.status !== 'failed') continue;
      // Only Linear is called while an action runs (a reply is an outbox draft), so a failure is
      // one of the injected Linear faults, named with the call it broke.
      expect(run.actionType).toBe('create_or_update_task');
      expect(run.lastError).toMatch(LINEAR_FAULT);
    }
    const failedFirst = runs.filter((r) => r.status === 'failed').length;
    // Retries reuse the key until every action is done.
    for (let round = 0; round < 40 && runs.some((r) => r.status !== 'succeeded'); round++) {
      await Promise.all(
        runs
          .filter((r) => r.status !== 'succeeded')
          .flatMap((r) => [
            retryRecommendationActionRun(t.actor, t.scope, r.id),
            retryRecommendationActionRun(t.actor, t.scope, r.id),
          ]),
      );
      runs = await listRecommendationActionRuns(t.actor, t.scope, { limit: 500 });
    }
    expect(runs.filter((r) => r.status !== 'succeeded').map((r) => r.lastError)).toEqual([]);
    expect(t.h.sandbox.faults.log.some((f) => f.kind === 'late_response')).toBe(true);
    // Some creates timed out after Linear stored them and were found by the key, not repeated.
    expect(runs.some((r) => (r.result as { mode?: string } | null)?.mode === 'found')).toBe(true);
    expect(failedFirst).toBeGreaterThan(0);

    for (const run of runs.filter((r) => r.actionType === 'create_or_update_task')) {
      const mine = ds.issues.filter((i) => i.description?.includes(keyMarker(run.idempotencyKey)));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.id).toBe(uuidForKey(run.idempotencyKey));
      expect(run.externalId).toBe(uuidForKey(run.idempotencyKey));
      expect(run.externalUrl).toMatch(/^https:\/\/linear\.app\//);
    }

    // Every message action made one draft; approved and sent through the faulty Chatwoot, once each.
    const drafts = await listOutbound(t.deps.db, t.scope, { limit: 500 });
    expect(drafts).toHaveLength(18);
    for (const d of drafts) await approveOutbound(t.actor, t.scope, d.id);
    for (let round = 0; round < 60; round++) {
      const r = await processDueOutbounds(t.deps, t.scope, { limit: 100 });
      if (
        r.due === 0 &&
        (await listOutbound(t.deps.db, t.scope, { statuses: ['approved', 'sending'], limit: 1 })).length === 0
      )
        break;
      t.h.clock.advance(10 * 60_000);
    }
    t.h.sandbox.faults.configure({ rate: 0 });
    const after = await listOutbound(t.deps.db, t.scope, { limit: 500 });
    expect(after.map((d) => d.status)).toEqual(after.map(() => 'sent'));
    for (const d of after) expect(t.chatwootMessagesWithKey(d.idempotencyKey)).toBe(1);
  }, 240_000);

  it('when the worker dies after Linear stored the issue, then the run is taken over after its lease and finds the issue', async () => {
    t.h.sandbox.faults.configure({ rate: 0 });
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 'stalled_issue',
      subjectKey: 'issue:crash',
      suggestedAction: { type: 'create_or_update_task', draft: { title: 'Crash-safe task' } },
    });
    const real = t.deps.vendorActions;
    const dying = {
      ...real,
      async linear(...args: Parameters<typeof real.linear>) {
        const writer = await real.linear(...args);
        if (!writer) return writer;
        return {
          ...writer,
          async create(input: Parameters<typeof writer.create>[0]) {
            await writer.create(input);
            return new Promise<never>(() => {});
          },
        };
      },
    };
    const actor = { ...t.actor, deps: { ...t.deps, vendorActions: dying } };
    void runRecommendationAction(actor, t.scope, rec.id, {});
    const key = `rec:${rec.id}:create_or_update_task:default`;
    const ours = () => t.h.sandbox.dataset.issues.filter((i) => i.id === uuidForKey(key)).length;
    for (let i = 0; i < 500 && ours() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ours()).toBe(1);
    const [stuck] = await listRecommendationActionRuns(t.actor, t.scope, {
      recommendationId: rec.id,
      limit: 5,
    });
    expect(stuck?.status).toBe('running');
    // A second click while it runs gets the running row, not a second issue.
    expect((await runRecommendationAction(t.actor, t.scope, rec.id, {})).status).toBe('running');
    t.h.clock.advance(ACTION_LEASE_MS + 1000);
    const done = await retryRecommendationActionRun(t.actor, t.scope, stuck?.id ?? '');
    expect(done).toMatchObject({ status: 'succeeded', result: { mode: 'found' } });
    expect(ours()).toBe(1);
  });

  it('when a reminder is set, then it is delivered once at its time and shows in the notifications', async () => {
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 'check_in',
      subjectKey: 'reminder:1',
    });
    const remindAt = new Date(t.h.clock.now().getTime() + 3_600_000).toISOString();
    const type: RecommendationActionType = 'set_reminder';
    const run = await runRecommendationAction(t.actor, t.scope, rec.id, {
      actionType: type,
      draft: { remindAt, title: 'Call the client' },
    });
    expect(run.status).toBe('succeeded');
    const events: string[] = [];
    const off = await t.deps.bus.subscribe((e) => {
      if (e.type === 'reminder.due') events.push(e.data.title);
    });
    expect((await deliverDueReminders(t.deps, t.scope)).delivered).toBe(0);
    t.h.clock.advance(3_600_000 + 1000);
    expect((await deliverDueReminders(t.deps, t.scope)).delivered).toBe(1);
    expect((await deliverDueReminders(t.deps, t.scope)).delivered).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    await off();
    expect(events).toEqual(['Call the client']);
    const list = await listNotifications(t.deps, t.scope, t.actor.auth.userId, 10);
    expect(list[0]).toMatchObject({ kind: 'reminder', title: 'Call the client' });
  });

  it('when a generated reply names only its conversation, then the conversation and its contact are found and the draft waits in the outbox', async () => {
    const c = { conversationId: '987654', contactRef: '876543' };
    await createConversation(t.deps.db, project(), {
      cwConversationId: Number(c.conversationId),
      cwContactId: Number(c.contactRef),
    });
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 'client_waiting',
      subjectKey: `conversation:${c.conversationId}`,
      suggestedAction: { type: 'send_message', draft: { text: 'Hi, we are on it.' } },
    });
    const run = await runRecommendationAction(t.actor, t.scope, rec.id, {});
    expect(run.status, run.lastError ?? '').toBe('succeeded');
    const [draft] = (await listOutbound(t.deps.db, t.scope, { limit: 500 })).filter(
      (m) => m.id === run.externalId,
    );
    expect(draft).toMatchObject({
      recipient: c.conversationId,
      contactRef: c.contactRef,
      body: 'Hi, we are on it.',
      status: 'draft',
    });
  });

  it('when a project-wide recommendation suggests a message, then the draft goes to the conversation the client last talked in', async () => {
    const latest = { conversationId: 987700, contactId: 876700 };
    await createConversation(t.deps.db, project(), {
      cwConversationId: latest.conversationId - 1,
      cwContactId: latest.contactId - 1,
      lastActivityAt: new Date(Date.now() + 60_000),
    });
    await createConversation(t.deps.db, project(), {
      cwConversationId: latest.conversationId,
      cwContactId: latest.contactId,
      // Later than every other conversation of the project (the factory's default is the wall clock).
      lastActivityAt: new Date(Date.now() + 120_000),
    });
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 're_engage_client',
      subjectKey: 'engagement_drop',
      suggestedAction: { type: 'send_message', draft: { text: 'A quick update on where we stand.' } },
    });
    const run = await runRecommendationAction(t.actor, t.scope, rec.id, {});
    expect(run.status, run.lastError ?? '').toBe('succeeded');
    const [draft] = (await listOutbound(t.deps.db, t.scope, { limit: 500 })).filter(
      (m) => m.id === run.externalId,
    );
    expect(draft).toMatchObject({
      recipient: String(latest.conversationId),
      contactRef: String(latest.contactId),
      body: 'A quick update on where we stand.',
      status: 'draft',
    });
  });

  it("when an accepted recommendation's action succeeds, then the recommendation is done, audited and announced", async () => {
    t.h.sandbox.faults.configure({ rate: 0 });
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 'stalled_issue',
      subjectKey: 'issue:done-by-action',
      status: 'accepted',
      suggestedAction: { type: 'create_or_update_task', draft: { title: 'Finish the export' } },
    });
    const events: { type: string; ids?: string[]; status?: string }[] = [];
    const off = await t.deps.bus.subscribe((e) => {
      const mine =
        (e.type === 'recommendations.updated' && e.data.ids.includes(rec.id)) ||
        (e.type === 'action.finished' && e.data.recommendationId === rec.id);
      if (mine) events.push({ type: e.type, ...(e.data as { ids?: string[]; status?: string }) });
    });
    const run = await runRecommendationAction(t.actor, t.scope, rec.id, {});
    expect(run.status, run.lastError ?? '').toBe('succeeded');
    const after = await getRecommendationV2(t.deps.db, t.scope, rec.id);
    expect(after?.status).toBe('done');
    const trail = await t.deps.db
      .select({ action: auditEvents.action, payload: auditEvents.payload })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'recommendation_v2'), eq(auditEvents.entityId, rec.id)));
    expect(trail).toEqual([
      {
        action: 'recommendations_v2.done',
        payload: expect.objectContaining({
          from: 'accepted',
          to: 'done',
          reason: 'action_succeeded',
          runId: run.id,
        }),
      },
    ]);
    // A repeat of the click returns the same run and leaves the closed card alone.
    expect((await runRecommendationAction(t.actor, t.scope, rec.id, {})).id).toBe(run.id);
    await new Promise((r) => setTimeout(r, 50));
    await off();
    expect(events.map((e) => e.type)).toEqual(['action.finished', 'recommendations.updated']);
    expect(events[1]).toMatchObject({ ids: [rec.id], status: 'done' });
  });

  it('when an action fails, then its recommendation stays accepted', async () => {
    const rec = await createRecommendation(t.deps.db, project(), {
      type: 'check_in',
      subjectKey: 'reminder:bad-time',
      status: 'accepted',
      suggestedAction: { type: 'set_reminder', draft: { remindAt: 'next blue moon' } },
    });
    const run = await runRecommendationAction(t.actor, t.scope, rec.id, {});
    expect(run).toMatchObject({ status: 'failed', lastError: 'remindAt is not a date.' });
    expect((await getRecommendationV2(t.deps.db, t.scope, rec.id))?.status).toBe('accepted');
  });
});

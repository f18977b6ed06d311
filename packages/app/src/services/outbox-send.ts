import { randomUUID } from 'node:crypto';
import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import { markOfferSent } from '@keel/db/queries/offers';
import {
  abandonStartedAttempts,
  claimForSending,
  finishSending,
  getContactPolicy,
  getOutbound,
  insertAttempt,
  listDueOutboundIds,
  mergeOutboundMeta,
  type OutboundRow,
  projectTimezone,
  recentIncomingFrom,
  recentSentTo,
  upsertContactPolicy,
} from '@keel/db/queries/outbound';
import {
  DEFAULT_SEND_CONFIG,
  type RecentMessage,
  sendDecision,
} from '@keel/intelligence/outbox/send-decision';
import { type Actor, auditAs, auditAsSystem } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Sending one approved message, exactly once. The row is claimed under a lease (status
 * `sending`, `next_attempt_at` = lease end) by one UPDATE, so two workers never send it
 * together. Before the first create the conversation's newest message id is stored; a later
 * attempt (a retry, or another worker after this one crashed) looks for the message carrying
 * the key after that id before creating again — a create that timed out after Chatwoot stored
 * it is found, not repeated.
 */
export type SendDeps = Pick<AppDeps, 'db' | 'clock' | 'bus' | 'vendorActions'>;
export type SendOutcome = { id: string; status: string; reason: string | null; detail: string | null };

export const SEND_LEASE_MS = 2 * 60_000;
export const MAX_SEND_FAILURES = 5;

function backoffMs(failures: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, failures - 1));
}

async function recentFor(
  deps: SendDeps,
  scope: ProjectScope,
  row: OutboundRow,
  now: Date,
): Promise<RecentMessage[]> {
  const maxWindow = Math.max(...DEFAULT_SEND_CONFIG.caps.map((c) => c.windowHours), 24);
  const sent = await recentSentTo(
    deps.db,
    scope,
    row.contactRef,
    new Date(now.getTime() - maxWindow * 3_600_000),
  );
  const contactId = Number(row.contactRef);
  const incoming = Number.isSafeInteger(contactId)
    ? await recentIncomingFrom(
        deps.db,
        scope,
        contactId,
        new Date(now.getTime() - DEFAULT_SEND_CONFIG.sentimentWindowHours * 3_600_000),
        DEFAULT_SEND_CONFIG.sentimentMessages,
      )
    : [];
  return [
    ...sent.map((at) => ({ kind: 'outbound' as const, at })),
    ...incoming.map((m) => ({ kind: 'incoming' as const, at: m.at, text: m.text })),
  ];
}

type Finish = (
  set: Parameters<typeof finishSending>[3],
  attempt: Parameters<typeof insertAttempt>[2],
) => Promise<SendOutcome>;

/** Applies sendDecision: the outcome when the message must not go out now, null when it may. */
async function complianceStop(
  deps: SendDeps,
  scope: ProjectScope,
  row: OutboundRow,
  now: Date,
  finish: Finish,
): Promise<SendOutcome | null> {
  const decision = sendDecision(
    row,
    (await getContactPolicy(deps.db, scope, row.contactRef, row.channel)) ?? null,
    await recentFor(deps, scope, row, now),
    now,
    {
      ...DEFAULT_SEND_CONFIG,
      timezone: (await projectTimezone(deps.db, scope)) ?? DEFAULT_SEND_CONFIG.timezone,
    },
  );
  if (decision.kind === 'allowed') return null;
  if (decision.kind === 'blocked') {
    return finish(
      { status: 'blocked', blockReason: decision.reason, nextAttemptAt: null, lastError: decision.detail },
      {
        status: 'blocked',
        error: decision.detail,
        response: { decision: 'blocked', reason: decision.reason },
      },
    );
  }
  return finish(
    {
      status: 'approved',
      blockReason: decision.reason,
      nextAttemptAt: decision.until,
      lastError: decision.detail,
    },
    {
      status: 'blocked',
      error: decision.detail,
      response: { decision: 'held', reason: decision.reason, until: decision.until.toISOString() },
    },
  );
}

/** Tries to send one message now; what happened, with the reason when it did not go out. */
export async function deliverOutbound(deps: SendDeps, scope: ProjectScope, id: string): Promise<SendOutcome> {
  const now = deps.clock.now();
  const owner = randomUUID();
  const row = await claimForSending(deps.db, scope, id, owner, now, SEND_LEASE_MS);
  if (!row) {
    // Another worker has it, or it is no longer due: nothing was done here (counted as skipped).
    const current = await getOutbound(deps.db, scope, id);
    const state = current?.status ?? 'missing';
    const reason = state === 'sending' ? 'in_progress' : state === 'draft' ? 'not_approved' : 'not_due';
    return { id, status: 'skipped', reason, detail: `The message is ${state}.` };
  }
  await abandonStartedAttempts(deps.db, row, now);
  const finish: Finish = async (set, attempt) => {
    const done = await finishSending(deps.db, id, owner, { ...set, updatedAt: deps.clock.now() });
    await insertAttempt(deps.db, row, { ...attempt, finishedAt: deps.clock.now() }, now);
    const status = done?.status ?? 'sending';
    const reason = done?.blockReason ?? null;
    await deps.bus.publish(makeEvent('outbound.updated', scope, { id, status, reason }, deps.clock.now()));
    return { id, status, reason, detail: attempt.error ?? null };
  };
  const sent = (externalId: string, found: boolean) =>
    finish(
      {
        status: 'sent',
        sentAt: deps.clock.now(),
        externalMessageId: externalId,
        blockReason: null,
        lastError: null,
        nextAttemptAt: null,
      },
      { status: 'succeeded', externalMessageId: externalId, response: { foundByKey: found } },
    ).then(async (out) => {
      await upsertContactPolicy(
        deps.db,
        scope,
        row.contactRef,
        row.channel,
        { lastSentAt: deps.clock.now() },
        now,
      );
      if (row.offerId) await markOfferSent(deps.db, row.offerId, deps.clock.now());
      await auditAsSystem(deps.db, scope.accountScopeId, {
        projectId: scope.projectId,
        action: 'outbound.sent',
        entityType: 'outbound_message',
        entityId: id,
        payload: { externalMessageId: externalId, foundByKey: found, attempt: row.attempts },
      });
      return out;
    });
  const failed = (error: string) => {
    const failures = Number(row.meta.failures ?? 0) + 1;
    const dead = failures >= MAX_SEND_FAILURES;
    return mergeOutboundMeta(deps.db, id, { failures }).then(() =>
      finish(
        {
          status: dead ? 'failed' : 'approved',
          blockReason: null,
          lastError: error,
          nextAttemptAt: dead ? null : new Date(now.getTime() + backoffMs(failures)),
        },
        { status: 'failed', error },
      ),
    );
  };

  const afterId = typeof row.meta.chatwootAfterId === 'number' ? row.meta.chatwootAfterId : null;
  try {
    // A create may have happened before (a timeout, a crash): find it before deciding anything.
    // Otherwise compliance comes first — an opted-out contact is blocked whatever is connected.
    if (afterId === null) {
      const stop = await complianceStop(deps, scope, row, now, finish);
      if (stop) return stop;
    }
    if (row.channel !== 'chatwoot')
      return failed(`The ${row.channel} channel cannot send yet; only chatwoot does.`);
    const chatwoot = await deps.vendorActions.chatwoot(deps.db, scope);
    if (!chatwoot) return failed('Chatwoot is not connected for this workspace.');
    if (afterId !== null) {
      const found = await chatwoot.findByKey(row.recipient, afterId, row.idempotencyKey);
      if (found) return sent(found.id, true);
      const stop = await complianceStop(deps, scope, row, now, finish);
      if (stop) return stop;
    }
    let watermark = afterId;
    if (watermark === null) {
      watermark = await chatwoot.latestMessageId(row.recipient);
      await mergeOutboundMeta(deps.db, id, { chatwootAfterId: watermark, sendStartedAt: now.toISOString() });
    }
    await insertAttempt(deps.db, row, { status: 'started', finishedAt: null }, now);
    const created = await chatwoot.create(row.recipient, row.body, row.idempotencyKey);
    return sent(created.id, false);
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** `POST /outbound/:id/send`: sends an approved message now (the compliance rules still apply). */
export async function sendOutbound(
  actor: Actor<'clock' | 'bus' | 'vendorActions'>,
  scope: ProjectScope,
  id: string,
) {
  const row = await getOutbound(actor.deps.db, scope, id);
  if (!row) throw new ApiError('not_found', 'No such outbound message in this project.');
  if (row.status === 'draft')
    throw new ApiError('conflict', 'Nothing is sent without an approval: approve the draft first.');
  if (!['approved', 'sending'].includes(row.status))
    throw new ApiError('conflict', `The message is ${row.status}; it cannot be sent.`);
  if (
    row.status === 'approved' &&
    row.nextAttemptAt &&
    row.nextAttemptAt > actor.deps.clock.now() &&
    row.blockReason
  ) {
    // Held messages wait for their time; a manual send does not override compliance.
    return { id, status: row.status, reason: row.blockReason, detail: row.lastError };
  }
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'outbound.send',
    entityType: 'outbound_message',
    entityId: id,
    payload: { idempotencyKey: row.idempotencyKey },
  });
  return deliverOutbound(actor.deps, scope, id);
}

/** The `outbound_process` job and `POST /outbound/process`: sends every message that is due. */
export async function processDueOutbounds(
  deps: SendDeps,
  scope: ProjectScope,
  options: { limit?: number } = {},
) {
  const ids = await listDueOutboundIds(deps.db, scope, deps.clock.now(), options.limit ?? 50);
  const outcomes: SendOutcome[] = [];
  for (const id of ids) outcomes.push(await deliverOutbound(deps, scope, id));
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  return {
    due: ids.length,
    sent: count('sent'),
    held: outcomes.filter((o) => o.status === 'approved' && o.reason).length,
    blocked: count('blocked'),
    failed: count('failed'),
    retrying: outcomes.filter((o) => o.status === 'approved' && !o.reason).length,
    outcomes,
  };
}

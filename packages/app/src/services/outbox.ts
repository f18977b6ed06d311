import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import {
  getOutbound,
  insertOutboundDraft,
  listAttemptsOf,
  listOutbound,
  markApproved,
  type OutboundRow,
  upsertContactPolicy,
} from '@keel/db/queries/outbound';
import { OUTBOUND_CHANNELS, type OutboundChannel } from '@keel/db/schema/outbound';
import { randomUUID } from 'node:crypto';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The outbox (seed: outbox.js): draft → approve → send. Nothing leaves without an approval;
 * sending (outbox-send.ts) applies the compliance rules of `sendDecision` and an idempotency key
 * per message. Offers' messages are approved through the offer (approve-send), not here.
 */
export type DraftInput = {
  channel?: OutboundChannel | undefined;
  contactRef: string;
  recipient: string;
  subject?: string | null | undefined;
  body: string;
  idempotencyKey?: string | undefined;
  recommendationId?: string | null | undefined;
  offerId?: string | null | undefined;
  scheduledFor?: Date | null | undefined;
};

type Deps = Actor<'clock' | 'bus'>;

/** Creates a draft (or returns the one created earlier under the same key). */
export async function createOutboundDraft(
  actor: Deps,
  scope: ProjectScope,
  input: DraftInput,
): Promise<OutboundRow> {
  const now = actor.deps.clock.now();
  const { row, created } = await insertOutboundDraft(actor.deps.db, scope, {
    channel: input.channel ?? 'chatwoot',
    contactRef: input.contactRef,
    recipient: input.recipient,
    subject: input.subject ?? null,
    body: input.body,
    idempotencyKey: input.idempotencyKey ?? `outbound:${randomUUID()}`,
    recommendationId: input.recommendationId ?? null,
    offerId: input.offerId ?? null,
    scheduledFor: input.scheduledFor ?? null,
    createdBy: actor.auth.userId,
    createdAt: now,
    updatedAt: now,
  });
  if (created) {
    await auditAs(actor, {
      projectId: scope.projectId,
      action: 'outbound.draft',
      entityType: 'outbound_message',
      entityId: row.id,
      payload: { channel: row.channel, recipient: row.recipient, idempotencyKey: row.idempotencyKey },
    });
  }
  return row;
}

/** Approves a draft for sending (the send itself happens in processDueOutbounds or sendOutbound). */
export async function approveOutbound(
  actor: Deps,
  scope: ProjectScope,
  id: string,
  options: { viaOffer?: boolean } = {},
): Promise<OutboundRow> {
  const existing = await getOutbound(actor.deps.db, scope, id);
  if (!existing) throw new ApiError('not_found', 'No such outbound message in this project.');
  if (existing.offerId && !options.viaOffer)
    throw new ApiError(
      'conflict',
      'This message carries an offer: approve it with POST /offers/:id/approve-send.',
    );
  if (existing.status !== 'draft')
    throw new ApiError('conflict', `The message is ${existing.status}; only a draft can be approved.`);
  const now = actor.deps.clock.now();
  const due = existing.scheduledFor && existing.scheduledFor > now ? existing.scheduledFor : now;
  const row = await markApproved(actor.deps.db, scope, id, actor.auth.userId, now, due);
  if (!row) throw new ApiError('conflict', 'The message was approved or changed meanwhile.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'outbound.approve',
    entityType: 'outbound_message',
    entityId: id,
    payload: { idempotencyKey: row.idempotencyKey },
  });
  await actor.deps.bus.publish(
    makeEvent('outbound.updated', scope, { id, status: row.status, reason: null }, now),
  );
  return row;
}

/** Opts a contact out (or back in) of one channel, or of every channel with `channel: 'all'`. */
export async function setOptOut(
  actor: Deps,
  scope: ProjectScope,
  input: {
    contactRef: string;
    channel: OutboundChannel | 'all';
    optedOut: boolean;
    reason?: string | null | undefined;
  },
) {
  const now = actor.deps.clock.now();
  const channels = input.channel === 'all' ? [...OUTBOUND_CHANNELS] : [input.channel];
  const rows = [];
  for (const channel of channels) {
    rows.push(
      await upsertContactPolicy(
        actor.deps.db,
        scope,
        input.contactRef,
        channel,
        {
          optedOut: input.optedOut,
          optedOutAt: input.optedOut ? now : null,
          optOutReason: input.optedOut ? (input.reason ?? null) : null,
        },
        now,
      ),
    );
  }
  await auditAs(actor, {
    projectId: scope.projectId,
    action: input.optedOut ? 'outbound.opt_out' : 'outbound.opt_in',
    entityType: 'contact_channel_policy',
    entityId: input.contactRef,
    payload: { channels, reason: input.reason ?? null },
  });
  return { contactRef: input.contactRef, channels, optedOut: input.optedOut };
}

/** Drafts, queue and history of the project with every attempt (the Outbound screen). */
export async function listOutboundWithAttempts(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  params: { statuses?: string[] | undefined; limit: number },
) {
  const rows = await listOutbound(deps.db, scope, {
    limit: params.limit,
    ...(params.statuses ? { statuses: params.statuses } : {}),
  });
  const attempts = await listAttemptsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((a) => a.outboundMessageId === row.id) }));
}

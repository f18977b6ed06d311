import { ApiError } from '@keel/core/errors';
import type { ProjectScope } from '@keel/core/scope';
import { findOutboundByKey } from '@keel/db/queries/outbound';
import {
  getOffer,
  insertOffer,
  listOffers as listOfferRows,
  type OfferRow,
  transitionOffer,
} from '@keel/db/queries/offers';
import type { Role } from '@keel/db/schema/platform';
import {
  canApproveDiscount,
  canApproveSend,
  initialOfferStatus,
  type Verdict,
} from '@keel/intelligence/outbox/offer-rules';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { approveOutbound, createOutboundDraft } from './outbox.ts';

/**
 * Offers (seed: outbox.js). A new offer drafts its message in the outbox at once (key
 * `offer:<id>`); a discount above the threshold waits for an owner (`approve-discount`); then a
 * second person — not the offer's creator — approves the send, which approves the outbox draft.
 */
export type OfferInput = {
  title: string;
  description?: string | null | undefined;
  amountMinor: number;
  currency: string;
  discountPct: number;
  contactRef: string;
  conversationId: string;
  message?: string | undefined;
  expiresAt?: Date | null | undefined;
};

type Deps = Actor<'clock' | 'bus'>;

const offerKey = (id: string) => `offer:${id}`;

function refuse(v: Verdict): void {
  if (!v.ok) throw new ApiError(v.code, v.message);
}

function messageOf(input: OfferInput): string {
  if (input.message) return input.message;
  const amount = (input.amountMinor / 100).toFixed(2);
  const discount = input.discountPct > 0 ? `, ${input.discountPct}% off` : '';
  return `${input.title}: ${amount} ${input.currency}${discount}.${input.description ? ` ${input.description}` : ''}`;
}

export async function createOffer(actor: Deps, scope: ProjectScope, input: OfferInput) {
  const now = actor.deps.clock.now();
  const offer = await insertOffer(actor.deps.db, scope, {
    title: input.title,
    description: input.description ?? null,
    amountMinor: input.amountMinor,
    currency: input.currency,
    discountPct: input.discountPct,
    status: initialOfferStatus(input.discountPct),
    expiresAt: input.expiresAt ?? null,
    createdBy: actor.auth.userId,
    createdAt: now,
    updatedAt: now,
  });
  const draft = await createOutboundDraft(actor, scope, {
    contactRef: input.contactRef,
    recipient: input.conversationId,
    body: messageOf(input),
    idempotencyKey: offerKey(offer.id),
    offerId: offer.id,
  });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'offer.create',
    entityType: 'offer',
    entityId: offer.id,
    payload: { discountPct: offer.discountPct, status: offer.status, outboundId: draft.id },
  });
  return withMessage(actor.deps, offer);
}

async function withMessage(deps: Pick<AppDeps, 'db'>, offer: OfferRow) {
  const message = await findOutboundByKey(deps.db, offer.accountScopeId, offerKey(offer.id));
  return {
    ...offer,
    outboundId: message?.id ?? null,
    outboundStatus: message?.status ?? null,
    blockReason: message?.blockReason ?? null,
  };
}

export async function listOffers(deps: Pick<AppDeps, 'db'>, scope: ProjectScope, params: { limit: number }) {
  const rows = await listOfferRows(deps.db, scope, params);
  return Promise.all(rows.map((o) => withMessage(deps, o)));
}

async function load(deps: Pick<AppDeps, 'db'>, scope: ProjectScope, id: string): Promise<OfferRow> {
  const offer = await getOffer(deps.db, scope, id);
  if (!offer) throw new ApiError('not_found', 'No such offer in this project.');
  return offer;
}

export async function approveOfferDiscount(actor: Deps, scope: ProjectScope, id: string, role: Role) {
  const offer = await load(actor.deps, scope, id);
  refuse(canApproveDiscount(offer, role));
  const now = actor.deps.clock.now();
  const row = await transitionOffer(actor.deps.db, scope, id, 'discount_pending', {
    status: 'draft',
    discountApprovedBy: actor.auth.userId,
    discountApprovedAt: now,
    updatedAt: now,
  });
  if (!row) throw new ApiError('conflict', 'The offer changed meanwhile.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'offer.approve_discount',
    entityType: 'offer',
    entityId: id,
    payload: { discountPct: row.discountPct },
  });
  return withMessage(actor.deps, row);
}

export async function approveOfferSend(actor: Deps, scope: ProjectScope, id: string) {
  const offer = await load(actor.deps, scope, id);
  refuse(canApproveSend(offer, actor.auth.userId));
  const message = await findOutboundByKey(actor.deps.db, scope.accountScopeId, offerKey(id));
  if (!message) throw new ApiError('conflict', 'The offer has no drafted message.');
  const now = actor.deps.clock.now();
  const row = await transitionOffer(actor.deps.db, scope, id, 'draft', {
    status: 'approved',
    sendApprovedBy: actor.auth.userId,
    sendApprovedAt: now,
    updatedAt: now,
  });
  if (!row) throw new ApiError('conflict', 'The offer changed meanwhile.');
  await approveOutbound(actor, scope, message.id, { viaOffer: true });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'offer.approve_send',
    entityType: 'offer',
    entityId: id,
    payload: { outboundId: message.id },
  });
  return withMessage(actor.deps, row);
}

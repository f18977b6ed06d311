/**
 * Offer approvals (seed: outbox.js offers). A discount above the threshold needs an owner's
 * approval; sending needs a second approval by someone other than the offer's creator (four
 * eyes), and then the offer goes out through the outbox like any message.
 */
export type OfferState = {
  status: string;
  discountPct: number;
  discountApprovedAt: Date | null;
  createdBy: string | null;
};

export const DEFAULT_DISCOUNT_THRESHOLD_PCT = 10;

export function needsDiscountApproval(
  discountPct: number,
  thresholdPct = DEFAULT_DISCOUNT_THRESHOLD_PCT,
): boolean {
  return discountPct > thresholdPct;
}

/** The status a new offer starts in. */
export function initialOfferStatus(discountPct: number, thresholdPct = DEFAULT_DISCOUNT_THRESHOLD_PCT) {
  return needsDiscountApproval(discountPct, thresholdPct)
    ? ('discount_pending' as const)
    : ('draft' as const);
}

export type Refusal = { ok: false; code: 'forbidden' | 'conflict'; message: string };
export type Verdict = { ok: true } | Refusal;

export function canApproveDiscount(offer: OfferState, role: string): Verdict {
  if (role !== 'owner')
    return { ok: false, code: 'forbidden', message: 'Approving a discount needs the owner role.' };
  if (offer.status !== 'discount_pending')
    return {
      ok: false,
      code: 'conflict',
      message: `The offer is ${offer.status}; no discount is waiting for approval.`,
    };
  return { ok: true };
}

export function canApproveSend(
  offer: OfferState,
  approverId: string,
  thresholdPct = DEFAULT_DISCOUNT_THRESHOLD_PCT,
): Verdict {
  if (
    offer.status === 'discount_pending' ||
    (needsDiscountApproval(offer.discountPct, thresholdPct) && !offer.discountApprovedAt)
  )
    return {
      ok: false,
      code: 'conflict',
      message: 'The discount needs an owner’s approval before the offer can be sent.',
    };
  if (offer.status !== 'draft')
    return {
      ok: false,
      code: 'conflict',
      message: `The offer is ${offer.status}; only a draft can be approved for sending.`,
    };
  if (offer.createdBy !== null && offer.createdBy === approverId)
    return {
      ok: false,
      code: 'forbidden',
      message: 'The send approval must come from someone other than the offer’s creator.',
    };
  return { ok: true };
}

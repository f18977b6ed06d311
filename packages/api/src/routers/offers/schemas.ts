import { z } from 'zod';
import { iso } from '../outbound/schemas.ts';

/** Offers (`/offers`): a discount approval by an owner, then a send approval by a second person. */
export const tags = ['Outbound'];
export const offerId = z.uuid({ message: 'id must be an offer id (uuid)' });

export const offer = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  amountMinor: z.number(),
  currency: z.string(),
  discountPct: z.number(),
  status: z.enum([
    'draft',
    'discount_pending',
    'approved',
    'sent',
    'accepted',
    'declined',
    'expired',
    'canceled',
  ]),
  discountApprovedBy: z.string().nullable(),
  discountApprovedAt: iso.nullable(),
  sendApprovedBy: z.string().nullable(),
  sendApprovedAt: iso.nullable(),
  sentAt: iso.nullable(),
  expiresAt: iso.nullable(),
  createdBy: z.string().nullable(),
  createdAt: iso,
  /** The outbox message that carries the offer, and why compliance held it if it did. */
  outboundId: z.string().nullable(),
  outboundStatus: z.string().nullable(),
  blockReason: z.string().nullable(),
});

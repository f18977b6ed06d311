import { z } from 'zod';

/** The outbox (`/outbound/*`) and offers (`/offers`): shared shapes. */
export const tags = ['Outbound'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const id = z.uuid({ message: 'id must be an outbound message id (uuid)' });
/** Timestamps travel as ISO strings. */
export const iso = z.string();

type Iso<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Iso<U>[]
    : T extends object
      ? { [K in keyof T]: Iso<T[K]> }
      : T;

/** Rows from the services with their Dates as ISO strings (nested lists included). */
export function isoDates<T>(value: T): Iso<T> {
  if (value instanceof Date) return value.toISOString() as Iso<T>;
  if (Array.isArray(value)) return value.map(isoDates) as Iso<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoDates(v)])) as Iso<T>;
  }
  return value as Iso<T>;
}

export const channel = z.enum(['chatwoot', 'email', 'loops']);

export const attempt = z.object({
  attemptNo: z.number(),
  status: z.enum(['started', 'succeeded', 'failed', 'blocked']),
  error: z.string().nullable(),
  response: z.record(z.string(), z.unknown()).nullable(),
  externalMessageId: z.string().nullable(),
  startedAt: iso,
  finishedAt: iso.nullable(),
});

export const outboundMessage = z.object({
  id: z.string(),
  channel,
  contactRef: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(['draft', 'approved', 'sending', 'sent', 'failed', 'blocked', 'canceled']),
  /** Why compliance held or blocked it (opted_out, frequency_cap, quiet_hours, negative_sentiment). */
  blockReason: z.string().nullable(),
  idempotencyKey: z.string(),
  offerId: z.string().nullable(),
  recommendationId: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: iso.nullable(),
  nextAttemptAt: iso.nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: iso.nullable(),
  externalMessageId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: iso,
});

export const sendOutcome = z.object({
  id: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});

import { IDENTITY_KINDS } from '@keel/db/schema/identity';
import { z } from 'zod';
import { iso } from '../outbound/schemas.ts';

/** The identity graph (`/identity/*`): suggestions awaiting review and the links people applied. */
export const tags = ['Identity'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const suggestionIds = z
  .array(z.uuid({ message: 'each id must be an identity suggestion id (uuid)' }))
  .min(1, 'pass at least one suggestion id')
  .max(200);

const side = z.object({
  kind: z.enum(IDENTITY_KINDS),
  ref: z.string(),
  /** The person's or company's name in that system (null when the record left the mirror). */
  label: z.string().nullable(),
  /** Its e-mail, domain or phone, to tell namesakes apart. */
  detail: z.string().nullable(),
});

export const matchedField = z.object({
  field: z.enum(['email', 'phone', 'name', 'domain']),
  left: z.string(),
  right: z.string(),
});

export const suggestion = z.object({
  id: z.string(),
  left: side,
  right: side,
  confidence: z.number(),
  matchedFields: z.array(matchedField),
  status: z.enum(['proposed', 'applied', 'dismissed']),
  decidedBy: z.string().nullable(),
  decidedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const link = z.object({
  id: z.string(),
  left: side,
  right: side,
  /** The graph's person node the pair resolves to. */
  personKey: z.string(),
  confidence: z.number(),
  suggestionId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: iso,
});

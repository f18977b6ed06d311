import { z } from 'zod';
import { CONTINUITY_ACTION_TYPES, CONTINUITY_TRIGGERS } from '@keel/app/services/continuity';
import { iso } from '../kag/schemas.ts';

/** Continuity (`/continuity/*`, seed: continuity.js). */
export const tags = ['Continuity'];
export const trigger = z.enum(CONTINUITY_TRIGGERS);

/** What a pm picks: the project ended, or its manager changed (to whom). */
export const continuityRequest = z.object({
  trigger,
  /** The person who takes the project over; required for `manager_changed`. */
  newManager: z.string().trim().min(1).max(200).optional(),
});

export const continuityAction = z.object({
  id: z.string(),
  trigger,
  actionType: z.enum(CONTINUITY_ACTION_TYPES),
  targetRef: z.string(),
  title: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['previewed', 'applying', 'applied', 'failed', 'skipped']),
  idempotencyKey: z.string(),
  /** The vendor's id once applied: the Attio task, the outbox message, the Linear issue. */
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  /** Why it failed (apply again to retry) or why it is skipped. */
  error: z.string().nullable(),
  appliedAt: iso.nullable(),
  appliedBy: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const continuityPlan = z.object({ trigger, items: z.array(continuityAction) });

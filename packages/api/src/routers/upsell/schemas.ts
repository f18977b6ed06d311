import { z } from 'zod';
import { UPSELL_STATUSES } from '@keel/app/services/upsell';
import { iso } from '../kag/schemas.ts';
import { evidenceTarget } from '../kag/signal-evidence.ts';

/** Upsell radar (`/upsell/*`, seed: upsell.js). */
export const tags = ['Upsell'];
export const upsellId = z.uuid({ message: 'id must be an upsell opportunity id (uuid)' });
export const upsellStatus = z.enum(UPSELL_STATUSES);

export const upsellOpportunity = z.object({
  id: z.string(),
  /** The expansion cue that fired: another_project, additional_scope or new_need. */
  cue: z.string(),
  title: z.string(),
  rationale: z.string(),
  /** 0..1: cue strength, repetition, health and freshness. */
  score: z.number(),
  /** From the client's won deals, in their currency; null without a basis. */
  estimatedValueMinor: z.number().nullable(),
  currency: z.string().nullable(),
  status: upsellStatus,
  crmAccountId: z.string().nullable(),
  nextStep: z.string(),
  evidence: z.array(
    z.object({
      table: z.string(),
      id: z.string(),
      label: z.string().nullable(),
      occurredAt: z.string().nullable(),
      target: evidenceTarget.nullable(),
    }),
  ),
  dedupeKey: z.string(),
  asOf: iso,
  updatedAt: iso,
});

export const upsellRefreshResult = z.object({
  asOf: iso,
  configVersion: z.string(),
  health: z.number().nullable(),
  /** Why the project gets no opportunities (unhealthy, no won deal, not scored yet). */
  skipped: z.string().nullable(),
  detected: z.number(),
  created: z.array(z.string()),
  updated: z.number(),
});

import { z } from 'zod';
// The radar cites the same evidence the kag signals do: one shape for both.
import { evidence, iso } from '../kag/schemas.ts';

/** Risk and health (seed: intelligence.js `refreshRiskAndHealth`, `getRiskOverview`). */
export const riskTags = ['Risk'];

export const riskItem = z.object({
  id: z.string(),
  dedupeKey: z.string(),
  riskType: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  severity: z.number(),
  probability: z.number().nullable(),
  exposureMinor: z.number().nullable(),
  currency: z.string().nullable(),
  mitigation: z.string().nullable(),
  status: z.enum(['open', 'mitigated', 'closed']),
  signalKeys: z.array(z.string()),
  evidence,
  configVersion: z.string(),
  asOf: iso,
  updatedAt: iso,
});

export const riskRefreshResult = z.object({
  asOf: iso,
  health: z.object({ score: z.number(), band: z.string(), asOf: iso, configVersion: z.string() }).nullable(),
  open: z.number(),
  opened: z.array(z.string()),
  closed: z.array(z.string()),
});

export const riskOverview = z.object({
  health: z
    .object({
      score: z.number(),
      band: z.string(),
      components: z.array(z.record(z.string(), z.unknown())),
      topContributors: z.array(z.record(z.string(), z.unknown())),
      configVersion: z.string(),
      asOf: iso,
    })
    .nullable(),
  forecast30d: z
    .object({
      probability: z.number().nullable(),
      dataSufficient: z.boolean(),
      insufficiencyReason: z.string().nullable(),
      modelVersion: z.string(),
      asOf: iso,
    })
    .nullable(),
  exposure: z.array(
    z.object({ currency: z.string(), revenueAtRiskMinor: z.number(), snapshotDate: z.string(), asOf: iso }),
  ),
  items: z.array(riskItem),
  recentlyClosed: z.array(riskItem),
});

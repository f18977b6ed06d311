import { z } from 'zod';

/** CRM (`/crm/*`): accounts and deals of the project from the Attio mirror, written to Attio first. */
export const tags = ['CRM'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(200).optional();
export const iso = z.string();
export const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'currency must be a 3-letter ISO 4217 code such as USD or EUR');
/** A retry with the same key returns the first create's record (Attio and Keel), never a second one. */
export const idempotencyKey = z.string().min(8).max(200).optional();

export const source = z.enum(['attio', 'manual']);

export const account = z.object({
  id: z.string(),
  source,
  externalRef: z.string().nullable(),
  name: z.string(),
  domain: z.string().nullable(),
  status: z.enum(['prospect', 'active', 'churned']),
  ownerName: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const opportunity = z.object({
  id: z.string(),
  crmAccountId: z.string().nullable(),
  accountName: z.string().nullable(),
  source,
  externalRef: z.string().nullable(),
  title: z.string(),
  stage: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  amountMinor: z.number(),
  currency: z.string(),
  probability: z.number().nullable(),
  expectedCloseDate: z.string().nullable(),
  renewalDate: z.string().nullable(),
  stageChangedAt: iso.nullable(),
  closedAt: iso.nullable(),
  webUrl: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

const money = z.object({ currency: z.string(), count: z.number(), amountMinor: z.number() });

export const overview = z.object({
  pipeline: z.array(
    z.object({ stage: z.string(), currency: z.string(), count: z.number(), amountMinor: z.number() }),
  ),
  open: z.array(money),
  won: z.array(money),
  lost: z.array(money),
  stalled: z.array(
    z.object({ id: z.string(), title: z.string(), stage: z.string(), daysInStage: z.number() }),
  ),
  stalledDays: z.number(),
  renewals: z.array(
    z.object({
      withinDays: z.number(),
      deals: z.array(
        z.object({ id: z.string(), title: z.string(), renewalDate: z.string(), daysLeft: z.number() }),
      ),
    }),
  ),
  /** Stages in pipeline order, for the screen's columns and its "move stage" control. */
  stages: z.array(z.string()),
});

export const pageOut = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

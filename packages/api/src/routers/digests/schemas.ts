import { z } from 'zod';

/** Digests (`/digests/*`, the seed's paths): a reader's daily and weekly digest and its deliveries. */
export const tags = ['Digests'];

const evidence = z.array(
  z.object({
    table: z.string(),
    id: z.string(),
    label: z.string().optional(),
    occurredAt: z.string().optional(),
    weight: z.number().optional(),
  }),
);

/** Where an item opens: the project page, a conversation in it, or a vendor page. */
const link = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.string() }),
  z.object({ kind: z.literal('conversation'), projectId: z.string(), conversationId: z.string() }),
  z.object({ kind: z.literal('external'), projectId: z.string(), url: z.string() }),
]);

const item = z.object({
  key: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  weight: z.number(),
  /** The numbers the line states (`type` says which: score_move, risk_new, waiting_client, …). */
  facts: z.looseObject({ type: z.string() }),
  link,
  evidence,
  configVersion: z.string().nullable(),
  asOf: z.string(),
  text: z.string(),
});

const section = z.object({
  /** what_changed, new_risks, cleared_risks, forecast_movers, waiting_clients, actions_done. */
  key: z.string(),
  title: z.string(),
  items: z.array(item),
  more: z.number(),
});

export const digestOut = z.object({
  kind: z.enum(['daily', 'weekly']),
  /** The UTC day (daily) or the week's Monday (weekly). */
  periodKey: z.string(),
  locale: z.enum(['en', 'ru']),
  asOf: z.string(),
  /** Nothing new since the reader's previous digest: `renderedText` is that one line. */
  nothingNew: z.boolean(),
  projectIds: z.array(z.string()),
  renderedText: z.string(),
  sections: z.array(section),
  deliveries: z.array(
    z.object({
      channel: z.enum(['in_app', 'email']),
      status: z.enum(['pending', 'sent', 'failed', 'skipped']),
      /** Why it failed, was skipped or is pending. */
      error: z.string().nullable(),
      attempts: z.number(),
      sentAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const listInput = z.object({
  limit: z.coerce.number().int().min(1).max(60).default(7),
  cursor: z.string().max(200).optional(),
  /** One period only: `YYYY-MM-DD` (a week's Monday for weekly digests). */
  date: z.iso.date().optional(),
  /** Render in this language instead of the reader's. */
  locale: z.enum(['en', 'ru']).optional(),
});

export const listOutput = z.object({ items: z.array(digestOut), nextCursor: z.string().nullable() });

export const generateOutput = z.object({
  kind: z.enum(['daily', 'weekly']),
  periodKey: z.string(),
  asOf: z.string(),
  configVersion: z.string(),
  projects: z.number(),
  readers: z.number(),
  email: z.object({
    sent: z.number(),
    failed: z.number(),
    skipped: z.number(),
    pending: z.number(),
    unchanged: z.number(),
  }),
});

import { RECOMMENDATION_ACTION_TYPES, RECOMMENDATION_STATUSES } from '@keel/db/schema/kag-v2';
import { z } from 'zod';

/** Recommendations v2 (`/kag/v2/recommendations*`, the seed's paths). */
export const tags = ['Recommendations'];

/** A cited row, and where it opens: a Chatwoot message in the app, or a Linear issue's URL. */
const evidence = z.array(
  z.object({
    table: z.string(),
    id: z.string(),
    label: z.string().optional(),
    occurredAt: z.string().optional(),
    weight: z.number().optional(),
    target: z
      .union([z.object({ conversationId: z.number(), messageId: z.number() }), z.object({ url: z.string() })])
      .optional(),
  }),
);

export const recommendationV2Out = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  type: z.string(),
  subjectKey: z.string(),
  title: z.string(),
  body: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  /** Why evidence gating held it back (suppressed rows, owners only). */
  suppressionReason: z.string().nullable(),
  /** severity × confidence × learned type weight. */
  priority: z.number(),
  severity: z.number(),
  confidence: z.number(),
  signalKeys: z.array(z.string()),
  evidence,
  suggestedAction: z
    .object({
      type: z.enum(RECOMMENDATION_ACTION_TYPES),
      draft: z.record(z.string(), z.unknown()),
      locale: z.string().optional(),
    })
    .nullable(),
  snoozedUntil: z.string().nullable(),
  firstShownAt: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  feedback: z.enum(['helpful', 'not_helpful']).nullable(),
  feedbackComment: z.string().nullable(),
  /** Whether the caller may act on it (owner or pm of its project). */
  canAct: z.boolean(),
  asOf: z.string(),
  createdAt: z.string(),
});

export const idParam = z.guid('id must be a recommendation id (uuid)');

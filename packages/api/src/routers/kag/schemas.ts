import { z } from 'zod';

/** Intelligence v1 (`/kag/*`, the seed's legacy prefix): refresh, signals, scores, recommendations, events. */
export const tags = ['Intelligence'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const iso = z.string();
export const evidence = z.array(
  z.object({
    table: z.string(),
    id: z.string(),
    label: z.string().optional(),
    occurredAt: z.string().optional(),
    weight: z.number().optional(),
  }),
);

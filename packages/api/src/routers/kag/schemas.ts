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

export const graphCounts = z.object({
  nodes: z.number(),
  edges: z.number(),
  nodesWritten: z.number(),
  nodesRemoved: z.number(),
  edgesAdded: z.number(),
  edgesRemoved: z.number(),
});

/** What a snapshot build wrote (POST /kag/snapshots/refresh, and the snapshot step of /kag/refresh). */
export const snapshotBuild = z.object({
  asOf: iso,
  date: z.string(),
  snapshots: z.number(),
  backfilled: z.number(),
  today: z.enum(['live', 'evaluated', 'none']),
  outcomes: z.number(),
  skipped: z.string().nullable(),
});

export const pipelineSteps = z.array(
  z.object({
    step: z.enum([
      'refresh',
      'graph',
      'forecasts',
      'snapshots',
      'caseSignatures',
      'analytics',
      'risk',
      'legacy',
      'evidence',
    ]),
    status: z.enum(['done', 'skipped']),
    ms: z.number(),
  }),
);

/** A UTC calendar day, YYYY-MM-DD. */
export const day = z.iso.date();

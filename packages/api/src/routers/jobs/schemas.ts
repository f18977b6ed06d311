import { z } from 'zod';

export const when = z.string().nullable();
const runStatus = z.enum(['running', 'succeeded', 'failed', 'skipped']);
const outcomeStatus = z.enum(['succeeded', 'skipped', 'failed', 'dead', 'released', 'lost']);

export const jobRunOut = z.object({
  id: z.string(),
  jobType: z.string(),
  trigger: z.string(),
  status: runStatus,
  startedAt: z.string(),
  finishedAt: when,
  durationMs: z.number().nullable(),
  progress: z.number().nullable(),
  error: z.string().nullable(),
});

export const outcomeOut = z.object({
  scheduledJobId: z.string(),
  jobType: z.string(),
  projectId: z.string(),
  runId: z.string().nullable(),
  status: outcomeStatus,
  durationMs: z.number(),
  error: z.string().optional(),
  reason: z.string().optional(),
  nextRunAt: z.string().optional(),
});

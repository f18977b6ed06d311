import type { Database } from '@keel/db/client';
import {
  insertMissingScheduledJobs,
  listScheduledJobRows,
  type ScheduledJobSeed,
} from '@keel/db/queries/scheduler';
import { jobRegistry } from './registry.ts';
import type { JobRegistry, JobScope } from './types.ts';

/** First runs of a new project spread over at most this window, so 20 jobs do not start at once. */
const MAX_FIRST_RUN_SPREAD_SECONDS = 15 * 60;

export function scheduledJobSeeds(registry: JobRegistry): ScheduledJobSeed[] {
  return registry.map((j) => ({
    jobType: j.type,
    cadenceSeconds: j.cadenceSeconds,
    enabled: j.disabledReason === null,
    disabledReason: j.disabledReason,
    payload: j.defaultPayload,
    spreadSeconds: j.firstRunSpreadSeconds ?? Math.min(j.cadenceSeconds, MAX_FIRST_RUN_SPREAD_SECONDS),
  }));
}

/**
 * Creates every registered job for every project (or the given ones) that lacks it, and keeps
 * the enabled flag of registry-managed rows in step with the code (seed: ensureDefaultScheduledJobs).
 * `onlyNewProjects` limits the work to projects without any job: cheap enough for every tick.
 */
export async function ensureDefaultScheduledJobs(
  db: Database,
  options: { now: Date; projectIds?: readonly string[]; onlyNewProjects?: boolean; registry?: JobRegistry },
): Promise<number> {
  return insertMissingScheduledJobs(db, scheduledJobSeeds(options.registry ?? jobRegistry), options);
}

/** The project's scheduled jobs beside the registry's configuration (seed: listScheduledJobs). */
export async function listScheduledJobs(db: Database, scope: JobScope, registry: JobRegistry = jobRegistry) {
  const rows = await listScheduledJobRows(db, scope);
  const byType = new Map(rows.map((r) => [r.jobType, r]));
  return registry.map((def) => ({ def, row: byType.get(def.type) ?? null }));
}

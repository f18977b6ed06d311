import type { KeelEventData } from '@keel/core/event-types';
import { makeEvent } from '@keel/core/events';
import type { AppDeps } from '../deps.ts';
import type { JobScope } from './types.ts';

/**
 * The job events browsers receive over SSE (docs/jobs.md lists the payloads). Publishing is
 * best effort: a bus outage must never fail or retry a job that did its work.
 */
export const JOB_EVENT_TYPES = ['job.started', 'job.progress', 'job.finished', 'job.failed'] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

export type JobEventBase = { runId: string; jobType: string; trigger: string };

export async function publishJobEvent<T extends JobEventType>(
  deps: Pick<AppDeps, 'bus' | 'clock' | 'logger'>,
  type: T,
  scope: JobScope,
  data: KeelEventData<T>,
): Promise<void> {
  try {
    await deps.bus.publish(makeEvent(type, scope, data, deps.clock.now()));
  } catch (error) {
    deps.logger.warn({ err: error, type, jobType: data.jobType }, 'job event not published');
  }
}

import type { JobContext, JobResult } from '../types.ts';
import { runDigestJob } from './digests.ts';

/** daily_digest: the project's digest for today and its readers' (see ./digests.ts). */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  return runDigestJob(ctx, 'daily');
}

import { hasProjectScores } from '@keel/db/queries/digests';
import type { DigestKind } from '@keel/intelligence/digests/types';
import { generateDigest } from '../../services/digests.ts';
import type { JobContext, JobResult } from '../types.ts';

/** A project the pipeline has not scored yet is looked at again this soon, not a whole period later. */
export const NOT_SCORED_RETRY_MS = 3 * 60_000;

/**
 * daily_digest / weekly_digest for one project: its row for the period, then the digests of
 * everyone who can see it recomposed (and e-mailed once their digest covers all their
 * projects). Idempotent per period. A project with no scores yet waits for the pipeline's
 * first run instead of writing an empty digest for the whole period.
 */
export async function runDigestJob(
  ctx: JobContext<Record<string, unknown>>,
  kind: DigestKind,
): Promise<JobResult> {
  if (!(await hasProjectScores(ctx.db, ctx.scope)))
    return {
      status: 'skipped',
      reason: 'no scores yet: the intelligence pipeline scores the project first',
      retryAfterMs: NOT_SCORED_RETRY_MS,
    };
  const r = await generateDigest(
    ctx.deps,
    kind,
    { accountScopeId: ctx.scope.accountScopeId, projectIds: [ctx.scope.projectId] },
    { kind: 'system', accountScopeId: ctx.scope.accountScopeId },
  );
  return {
    status: 'succeeded',
    summary: { periodKey: r.periodKey, readers: r.readers, ...r.email },
  };
}

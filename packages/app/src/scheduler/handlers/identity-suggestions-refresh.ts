import { previewIdentitySuggestions } from '../../services/identity.ts';
import type { JobContext, JobResult } from '../types.ts';

/**
 * identity_suggestions_refresh: the matcher over the project's mirrored people fills the review
 * queue. Upserts by pair and keeps people's decisions, so reruns are idempotent; nothing is
 * linked here (a person applies suggestions on the Identity review screen).
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await previewIdentitySuggestions({ db: ctx.db, clock, bus }, ctx.scope, {
    kind: 'system',
    accountScopeId: ctx.scope.accountScopeId,
  });
  if (r.candidates === 0 && r.proposed === 0)
    return {
      status: 'skipped',
      reason: 'no people in two systems match yet (nothing synced, or no overlap)',
      summary: r,
    };
  return { status: 'succeeded', summary: r };
}

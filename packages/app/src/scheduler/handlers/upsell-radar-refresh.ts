import { auditAsSystem } from '../../audit.ts';
import { refreshUpsellRadar } from '@keel/intelligence/upsell/refresh';
import type { JobContext, JobResult } from '../types.ts';

/** A project not scored yet is tried again this soon, not a whole cadence (6 h) later. */
const UNSCORED_RETRY_MS = 10 * 60_000;

/**
 * upsell_radar_refresh: the upsell radar for one project (seed: upsell.js). Upserts by dedupe
 * key and keeps the statuses people set, so reruns are idempotent. A project with no health
 * score yet (its first kag refresh has not run) is retried within minutes, so the embedded demo
 * shows opportunities soon after its first sync.
 */
export async function run(ctx: JobContext<Record<string, unknown>>): Promise<JobResult> {
  const { clock, bus } = ctx.deps;
  const r = await refreshUpsellRadar(ctx.db, ctx.scope, { clock, bus });
  const summary = { detected: r.detected, created: r.created.length, updated: r.updated, health: r.health };
  if (r.created.length > 0)
    await auditAsSystem(ctx.db, ctx.scope.accountScopeId, {
      projectId: ctx.scope.projectId,
      action: 'upsell.refresh',
      payload: { detected: r.detected, created: r.created.length },
    });
  if (r.health === null)
    return {
      status: 'skipped',
      reason: r.skipped ?? 'not scored yet',
      summary,
      retryAfterMs: UNSCORED_RETRY_MS,
    };
  if (r.skipped) return { status: 'skipped', reason: r.skipped, summary };
  return { status: 'succeeded', summary };
}

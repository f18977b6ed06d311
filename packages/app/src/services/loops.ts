import type { ProjectScope } from '@keel/core/scope';
import { syncLoopsContacts } from '@keel/connectors/loops/sync';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { syncDepsOf } from './connector-sync.ts';

/** Pushes the project's contacts to Loops with project and health properties, and audits it. */
export async function syncLoopsNow(
  actor: Actor & { deps: AppDeps },
  scope: ProjectScope,
  options: { dryRun?: boolean | undefined; limit?: number | undefined },
) {
  const result = await syncLoopsContacts(actor.deps.db, scope, syncDepsOf(actor), {
    ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'loops.sync',
    entityType: 'loops',
    payload: { pushed: result.pushed, failed: result.failed },
  });
  return result;
}

import type { ProjectScope } from '@keel/core/scope';
import {
  listProjectSources,
  resolveProjectSourceBinding,
  unbindProjectSource,
} from '@keel/connectors/sources';
import type { SourceKind } from '@keel/db/schema/connectors';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/** Which inboxes, teams, projects, companies and deals feed the project. */

export async function listBoundSources(deps: Pick<AppDeps, 'db'>, scope: ProjectScope) {
  const rows = await listProjectSources(deps.db, scope);
  return {
    sources: rows.map((s) => ({ sourceKind: s.sourceKind, externalId: s.externalId, meta: s.meta })),
  };
}

/** Binds a source to the project (409 when it feeds another one) and audits it. */
export async function bindSource(
  actor: Actor<'clock'>,
  scope: ProjectScope,
  source: { sourceKind: SourceKind; externalId: string; meta?: Record<string, unknown> | undefined },
) {
  const b = await resolveProjectSourceBinding(
    actor.deps.db,
    scope,
    source.sourceKind,
    source.externalId,
    source.meta ?? {},
    actor.deps.clock.now(),
  );
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'connectors.sources.bind',
    entityType: source.sourceKind,
    entityId: source.externalId,
  });
  return { sourceKind: b.sourceKind, externalId: b.externalId, projectId: b.projectId };
}

export async function unbindSource(
  actor: Actor,
  scope: ProjectScope,
  source: { sourceKind: SourceKind; externalId: string },
) {
  const removed = await unbindProjectSource(actor.deps.db, scope, source.sourceKind, source.externalId);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'connectors.sources.unbind',
    entityType: source.sourceKind,
    entityId: source.externalId,
  });
  return { removed };
}

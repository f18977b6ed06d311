import { listAuditEvents } from '@keel/db/queries/audit';
import { canReadWorkspaceAudit, type Role } from '@keel/core/policy';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';

type AuditLogQuery = {
  scope: 'workspace' | 'project';
  action?: string | undefined;
  actionPrefix?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset: the `createdAt` of the last event already seen (the previous page's `nextCursor`). */
  before?: string | undefined;
  limit: number;
};

/**
 * Which history a caller sees: workspace-wide when the policy lets them read it and they ask,
 * otherwise their active project's, and nothing without one. `undefined` project = the workspace.
 */
export function auditViewOf(
  workspaceRole: Role,
  requested: AuditLogQuery['scope'],
  activeProjectId: string | null,
): { projectId: string | undefined } | null {
  if (canReadWorkspaceAudit(workspaceRole) && requested === 'workspace') return { projectId: undefined };
  return activeProjectId ? { projectId: activeProjectId } : null;
}

const toDate = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

/** GET /audit: the events the caller may see, newest first, with actor and project names. */
export async function listAuditLog(
  deps: Pick<AppDeps, 'db'>,
  caller: { auth: AuthIdentity; activeProjectId: string | null },
  query: AuditLogQuery,
) {
  const view = auditViewOf(caller.auth.workspaceRole, query.scope, caller.activeProjectId);
  if (!view) return { events: [], nextCursor: null };
  const rows = await listAuditEvents(deps.db, {
    accountScopeId: caller.auth.accountScopeId,
    projectId: view.projectId,
    action: query.action,
    actionPrefix: query.actionPrefix,
    from: toDate(query.from),
    to: toDate(query.to),
    before: toDate(query.before),
    limit: query.limit,
  });
  const events = rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    actorUserId: r.actorUserId,
    actorType: r.actorType,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    status: r.status,
    requestId: r.requestId,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
    actor:
      r.actorUserId && r.actorName !== null && r.actorEmail !== null
        ? { id: r.actorUserId, name: r.actorName, email: r.actorEmail }
        : null,
    projectName: r.projectName,
  }));
  const last = events.at(-1);
  return { events, nextCursor: events.length === query.limit && last ? last.createdAt : null };
}

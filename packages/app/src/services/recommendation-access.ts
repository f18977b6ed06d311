import { effectiveProjectRole, type Role } from '@keel/core/policy';
import type { Database } from '@keel/db/client';
import { listPortfolioProjects } from '@keel/db/queries/portfolio';
import type { AuthIdentity } from '../identity.ts';

/** The projects a caller sees (not archived), with their name and the caller's role on each. */
export type ProjectAccess = Map<string, { name: string; role: Role }>;

export async function projectAccessOf(db: Database, auth: AuthIdentity): Promise<ProjectAccess> {
  const rows = await listPortfolioProjects(db, auth.accountScopeId, auth.userId, auth.workspaceRole);
  return new Map(
    rows
      .filter((r) => !auth.keyProjectIds || auth.keyProjectIds.includes(r.id))
      .map((r) => [r.id, { name: r.name, role: effectiveProjectRole(auth.workspaceRole, r.member_role) }]),
  );
}

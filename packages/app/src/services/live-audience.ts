import { seesWholeWorkspace } from '@keel/core/policy';
import type { Database } from '@keel/db/client';
import type { AuthIdentity } from '../identity.ts';
import { listProjectsFor } from './projects.ts';

/**
 * The projects whose live events a caller may receive on a stream without a selected project
 * (the portfolio home): `all` for the workspace-wide roles — projects created later included —
 * otherwise the projects they can see now, by the same rule as the project list.
 */
export async function liveProjectsFor(db: Database, auth: AuthIdentity): Promise<'all' | string[]> {
  if (seesWholeWorkspace(auth.workspaceRole)) return 'all';
  const { projects } = await listProjectsFor(db, { auth, activeProjectId: null });
  return projects.map((p) => p.id);
}

import type { Database } from '@keel/db/client';
import { loadConnectorConfig } from '../credentials.ts';
import { check, type ResourceReport } from '../reconciliation-report.ts';
import { idsOfKind, listProjectSources } from '../sources.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { createLinearClient } from './client.ts';
import { type LinearResource, RESOURCE_QUERIES } from './queries.ts';

/**
 * Linear's side of the reconciliation: states and cycles of the bound teams, issues of the bound
 * teams and projects, and the bound projects. Null when Linear is not connected or nothing is bound.
 */
export async function reconcileLinear(db: Database, scope: ProjectScope, deps: SyncDeps) {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'linear');
  const sources = await listProjectSources(db, scope, ['linear_team', 'linear_project']);
  const teams = idsOfKind(sources, 'linear_team');
  const projects = idsOfKind(sources, 'linear_project');
  if (!config || (teams.length === 0 && projects.length === 0)) return null;
  const client = createLinearClient(config, deps);
  const readIds = async (resource: LinearResource, filter: Record<string, unknown>) => {
    const spec = RESOURCE_QUERIES[resource];
    const ids: string[] = [];
    for (let after: string | null = null; ; ) {
      const { data } = await client.request(spec.query, { first: spec.pageSize, after, filter });
      const conn = data[spec.root] as {
        nodes: Array<{ id: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      ids.push(...conn.nodes.map((n) => n.id));
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return ids;
      after = conn.pageInfo.endCursor;
    }
  };
  const out: ResourceReport[] = [];
  const teamFilter = { team: { id: { in: teams } } };
  if (teams.length > 0) {
    out.push(await check(db, scope, 'states', 'linear_states_raw', await readIds('states', teamFilter)));
    out.push(await check(db, scope, 'cycles', 'linear_cycles_raw', await readIds('cycles', teamFilter)));
  }
  const parts = [
    ...(teams.length ? [teamFilter] : []),
    ...(projects.length ? [{ project: { id: { in: projects } } }] : []),
  ];
  const issues = await readIds('issues', parts.length === 1 ? (parts[0] ?? {}) : { or: parts });
  out.push(await check(db, scope, 'issues', 'linear_issues_raw', issues));
  if (projects.length > 0)
    out.push(
      await check(
        db,
        scope,
        'projects',
        'linear_projects_raw',
        await readIds('projects', { id: { in: projects } }),
      ),
    );
  return out;
}

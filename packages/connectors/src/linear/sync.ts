import type { Database } from '@keel/db/client';
import { distinctIssueProjectIds, upsertLinearRows } from '@keel/db/queries/connectors-linear';
import { getWatermark, setWatermark, type Watermark } from '@keel/db/queries/connectors-watermarks';
import { loadConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { fetchPage } from '../http.ts';
import { idsOfKind, listProjectSources, workspaceBindingMap } from '../sources.ts';
import { SyncRun } from '../sync-run.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import { createLinearClient, type LinearClient } from './client.ts';
import { mapCycle, mapIssue, mapProject, mapState, type Node } from './map.ts';
import { type LinearResource, RESOURCE_QUERIES } from './queries.ts';

/**
 * `runLinearSync`: the project's bound teams and Linear projects → linear_states_raw,
 * linear_cycles_raw, linear_issues_raw, linear_projects_raw. Incremental by `updatedAt > watermark`
 * (archived items included, so archival is recorded). Linear's page order is not documented, so
 * the watermark moves to the newest `updatedAt` only when the last page is in; until then the
 * watermark row carries the resumable cursor.
 */
export const SOURCE = 'linear';

export type LinearSyncOptions = { only?: ReadonlySet<string> | null; mode?: 'incremental' | 'full' };

type Binding = { teams: string[]; projects: string[] };

export async function runLinearSync(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: LinearSyncOptions = {},
): Promise<SyncRun> {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'linear');
  if (!config) throw new ConnectorError('not_configured', 'Linear is not connected for this workspace');
  const run = new SyncRun(db, scope, 'linear', deps, options.only ?? null);
  const sources = await listProjectSources(db, scope, ['linear_team', 'linear_project']);
  const bound: Binding = {
    teams: idsOfKind(sources, 'linear_team'),
    projects: idsOfKind(sources, 'linear_project'),
  };
  if (bound.teams.length === 0 && bound.projects.length === 0) return run;
  const client = createLinearClient(config, deps);
  const owners = await workspaceBindingMap(db, scope.accountScopeId, ['linear_team', 'linear_project']);
  const full = options.mode === 'full';
  const order: LinearResource[] = ['states', 'cycles', 'issues', 'projects'];
  for (const resource of order) {
    if (!run.wants(resource)) continue;
    if ((resource === 'states' || resource === 'cycles') && bound.teams.length === 0) continue;
    try {
      let ids: string[] | null = null;
      if (resource === 'projects') {
        const seen = await distinctIssueProjectIds(db, scope);
        ids = [...new Set([...bound.projects, ...seen])].sort();
        if (ids.length === 0) {
          run.done(resource);
          continue;
        }
      }
      await syncResource(db, scope, client, run, resource, bound, owners, ids, full);
      run.done(resource);
    } catch (error) {
      await run.fail(resource, `${resource}.page`, null, error);
    }
  }
  return run;
}

function baseFilter(resource: LinearResource, bound: Binding, ids: string[] | null): Record<string, unknown> {
  if (resource === 'projects') return { id: { in: ids ?? [] } };
  if (resource === 'states' || resource === 'cycles') return { team: { id: { in: bound.teams } } };
  const parts: Record<string, unknown>[] = [];
  if (bound.teams.length > 0) parts.push({ team: { id: { in: bound.teams } } });
  if (bound.projects.length > 0) parts.push({ project: { id: { in: bound.projects } } });
  return parts.length === 1 ? (parts[0] ?? {}) : { or: parts };
}

/** Whether a node answers the request we sent (a stale or foreign page does not). */
function belongs(resource: LinearResource, node: Node, bound: Binding, ids: string[] | null): boolean {
  const id = (v: unknown) => (v && typeof v === 'object' ? (v as Node).id : undefined);
  if (resource === 'projects') return ids?.includes(String(node.id)) ?? false;
  const team = String(id(node.team) ?? '');
  if (resource !== 'issues') return bound.teams.includes(team);
  return bound.teams.includes(team) || bound.projects.includes(String(id(node.project) ?? ''));
}

function ownerOf(
  resource: LinearResource,
  node: Node,
  owners: Map<string, string>,
  fallback: string,
): string {
  const rel = (key: string) => {
    const v = node[key];
    return v && typeof v === 'object' ? String((v as Node).id ?? '') : '';
  };
  if (resource === 'projects') return owners.get(`linear_project:${String(node.id)}`) ?? fallback;
  if (resource === 'issues') {
    return (
      owners.get(`linear_project:${rel('project')}`) ?? owners.get(`linear_team:${rel('team')}`) ?? fallback
    );
  }
  return owners.get(`linear_team:${rel('team')}`) ?? fallback;
}

type Pending = { since: string | null; max: string | null; after: string | null };

function readPending(mark: Watermark | null): Pending | null {
  const p = mark?.meta.pending;
  if (!p || typeof p !== 'object') return null;
  const o = p as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return { since: s(o.since), max: s(o.max), after: s(o.after) };
}

async function syncResource(
  db: Database,
  scope: ProjectScope,
  client: LinearClient,
  run: SyncRun,
  resource: LinearResource,
  bound: Binding,
  owners: Map<string, string>,
  ids: string[] | null,
  full: boolean,
): Promise<void> {
  const spec = RESOURCE_QUERIES[resource];
  const mark = await getWatermark(db, scope, SOURCE, resource);
  const idsKey = ids ? ids.join(',') : null;
  // A project set that grew needs the new members' whole history, not just recent changes.
  const sameIds = idsKey === null || mark?.meta.ids === idsKey;
  const pending = full ? null : readPending(mark);
  const since = pending ? pending.since : !full && sameIds ? (mark?.cursorTs?.toISOString() ?? null) : null;
  let max = pending?.max ?? since;
  let after = pending?.after ?? null;
  let previous: string[] = [];
  for (;;) {
    const filter = { ...baseFilter(resource, bound, ids), ...(since ? { updatedAt: { gt: since } } : {}) };
    const page = await fetchPage(
      async () => {
        const { data } = await client.request(spec.query, { first: spec.pageSize, after, filter });
        const conn = data[spec.root] as {
          nodes?: unknown;
          pageInfo?: { hasNextPage?: unknown; endCursor?: unknown };
        };
        if (!conn || !Array.isArray(conn.nodes))
          throw new ConnectorError('repeated_page', `linear: no ${spec.root} in response`);
        return {
          nodes: conn.nodes as Node[],
          hasNext: conn.pageInfo?.hasNextPage === true,
          endCursor: typeof conn.pageInfo?.endCursor === 'string' ? conn.pageInfo.endCursor : null,
        };
      },
      run.deps,
      (p) => {
        const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
        const stray = p.nodes.some(
          // `<`, not `<=`: the source may keep sub-millisecond times that print equal to `since`.
          (n) => !belongs(resource, n, bound, ids) || Date.parse(String(n.updatedAt)) < sinceMs,
        );
        const repeated =
          previous.length > 0 && p.nodes.length > 0 && p.nodes.every((n, i) => n.id === previous[i]);
        if (stray || repeated)
          throw new ConnectorError('repeated_page', `linear ${resource}: page answered another request`);
      },
    );
    for (const n of page.nodes) {
      const u = typeof n.updatedAt === 'string' ? n.updatedAt : null;
      if (u && (!max || Date.parse(u) > Date.parse(max))) max = u;
    }
    const rows = page.nodes.flatMap((n) => {
      const rowScope = {
        accountScopeId: scope.accountScopeId,
        projectId: ownerOf(resource, n, owners, scope.projectId),
      };
      const row =
        resource === 'states'
          ? mapState(n, rowScope)
          : resource === 'cycles'
            ? mapCycle(n, rowScope)
            : resource === 'projects'
              ? mapProject(n, rowScope)
              : mapIssue(n, rowScope);
      return row ? [row] : [];
    });
    const last = !page.hasNext || !page.endCursor;
    const next: Watermark = last
      ? {
          resource,
          cursorTs: max ? new Date(max) : null,
          cursorId: null,
          meta: idsKey ? { ids: idsKey } : {},
        }
      : {
          resource,
          cursorTs: mark?.cursorTs ?? null,
          cursorId: null,
          meta: { ...(mark?.meta ?? {}), pending: { since, max, after: page.endCursor } },
        };
    const now = run.deps.clock.now();
    const written = await db.transaction(async (tx) => {
      const n = await upsertLinearRows(tx, resource, rows);
      await setWatermark(tx, scope, SOURCE, next, now);
      return n;
    });
    await run.page(resource, page.nodes.length, written);
    if (last) return;
    previous = page.nodes.map((n) => String(n.id));
    after = page.endCursor;
  }
}

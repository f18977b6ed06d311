/**
 * "Data as of" per connector across the projects in view: a figure is only as fresh as the
 * stalest project feeding it, so `dataAsOf` is the oldest last success among the projects that
 * use the connector (null when one of them never synced successfully).
 */

export type SyncStateRow = {
  projectId: string;
  connector: string;
  status: string;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
};

export type ConnectorFreshness = {
  connector: string;
  projects: number;
  dataAsOf: string | null;
  newestSuccessAt: string | null;
  neverSynced: number;
  failing: number;
};

export function connectorFreshness(rows: readonly SyncStateRow[]): ConnectorFreshness[] {
  const by = new Map<string, ConnectorFreshness & { oldest: string | null }>();
  for (const r of rows) {
    const f = by.get(r.connector) ?? {
      connector: r.connector,
      projects: 0,
      dataAsOf: null,
      newestSuccessAt: null,
      neverSynced: 0,
      failing: 0,
      oldest: null,
    };
    f.projects += 1;
    if (r.status === 'failed' || r.consecutiveFailures > 0) f.failing += 1;
    if (r.lastSuccessAt === null) f.neverSynced += 1;
    else {
      if (f.oldest === null || r.lastSuccessAt < f.oldest) f.oldest = r.lastSuccessAt;
      if (f.newestSuccessAt === null || r.lastSuccessAt > f.newestSuccessAt)
        f.newestSuccessAt = r.lastSuccessAt;
    }
    by.set(r.connector, f);
  }
  return [...by.values()]
    .map(({ oldest, ...f }) => ({ ...f, dataAsOf: f.neverSynced > 0 ? null : oldest }))
    .sort((a, b) => (a.connector < b.connector ? -1 : 1));
}

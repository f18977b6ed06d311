import type { Database } from '@keel/db/client';
import { presentIds, projectIds, type ReconcileTable } from '@keel/db/queries/connectors-reconciliation';
import type { ProjectScope, SyncConnector } from './types.ts';

/**
 * The seed's reconciliation: reads the source's id sets for what the project is bound to and
 * compares them with Keel's mirror. `missing` = at the source, not in Keel; `extra` = in Keel
 * for this project, gone at the source. Messages are compared per conversation for a sample
 * (every conversation with `messages: 'all'`). The report is kept in kag_event_log.
 */
export type ResourceReport = {
  resource: string;
  source: number;
  keel: number;
  missing: string[];
  extra: string[];
  differences: number;
};
export type ConnectorReport = {
  connector: SyncConnector;
  status: 'ok' | 'skipped' | 'failed';
  error: string | null;
  resources: ResourceReport[];
};
export type ReconciliationReport = { at: string; differences: number; connectors: ConnectorReport[] };

export type ReconcileOptions = { connectors?: SyncConnector[]; messages?: 'all' | number };

/** How many ids of `missing` and `extra` a report lists (the counts are always complete). */
const SHOW = 20;

/** One resource's comparison: the source's ids against Keel's rows (any project) and this project's. */
export function compare(
  resource: string,
  source: string[],
  present: Set<string>,
  inProject: Set<string>,
): ResourceReport {
  const src = new Set(source);
  const missing = [...src].filter((id) => !present.has(id));
  const extra = [...inProject].filter((id) => !src.has(id));
  return {
    resource,
    source: src.size,
    keel: src.size - missing.length + extra.length,
    missing: missing.slice(0, SHOW),
    extra: extra.slice(0, SHOW),
    differences: missing.length + extra.length,
  };
}

/** `compare` with Keel's side read from the table. */
export async function check(
  db: Database,
  scope: ProjectScope,
  resource: string,
  table: ReconcileTable,
  source: string[],
) {
  return compare(
    resource,
    source,
    await presentIds(db, table, scope.accountScopeId, source),
    await projectIds(db, table, scope),
  );
}

import type { Database } from '@keel/db/client';
import {
  messageIdsOf,
  presentIds,
  projectIds,
  type ReconcileTable,
} from '@keel/db/queries/connectors-reconciliation';
import {
  finishProcessRun,
  failProcessRun,
  latestProcessRun,
  startProcessRun,
} from '@keel/db/queries/process-log';
import {
  createAttioClient,
  RECORDS_PAGE_SIZE,
  NOTES_PAGE_SIZE,
  TASKS_PAGE_SIZE,
  type AttioItem,
} from './attio/client.ts';
import { recordId } from './attio/map.ts';
import { CONVERSATIONS_PAGE_SIZE, createChatwootClient, MESSAGES_PAGE_SIZE } from './chatwoot/client.ts';
import { asObject, num } from './chatwoot/map.ts';
import { loadConnectorConfig } from './credentials.ts';
import { toConnectorError } from './errors.ts';
import { createLinearClient } from './linear/client.ts';
import { RESOURCE_QUERIES, type LinearResource } from './linear/queries.ts';
import { idsOfKind, listProjectSources } from './sources.ts';
import { type ProjectScope, SYNC_CONNECTORS, type SyncConnector, type SyncDeps } from './types.ts';

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

const PROCESS = 'connector_reconciliation';
const SHOW = 20;

function compare(
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

async function check(
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

async function reconcileChatwoot(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: ReconcileOptions,
) {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'chatwoot');
  const inboxes = idsOfKind(await listProjectSources(db, scope, ['chatwoot_inbox']), 'chatwoot_inbox').map(
    Number,
  );
  if (!config || inboxes.length === 0) return null;
  const client = createChatwootClient(config, deps);
  const conversations: number[] = [];
  const contacts = new Set<string>();
  for (const inbox of inboxes) {
    let previous: number[] = [];
    for (let page = 1; ; page++) {
      const items = await client.listConversationsPage(inbox, page, previous);
      for (const c of items) {
        conversations.push(num(c.id) ?? 0);
        const sender = asObject(asObject(c.meta)?.sender);
        if (sender && num(sender.id) !== null) contacts.add(String(num(sender.id)));
      }
      if (items.length < CONVERSATIONS_PAGE_SIZE) break;
      previous = items.map((c) => num(c.id) ?? 0);
    }
  }
  const out: ResourceReport[] = [
    await check(db, scope, 'conversations', 'cw_conversations', conversations.map(String)),
    compare(
      'contacts',
      [...contacts],
      await presentIds(db, 'cw_contacts', scope.accountScopeId, [...contacts]),
      new Set(),
    ),
  ];
  const sample = options.messages === 'all' ? conversations : conversations.slice(0, options.messages ?? 10);
  const sourceMessages: string[] = [];
  const keelMessages = new Set<string>();
  for (const id of [...new Set(sample)]) {
    for (let after = 0; ; ) {
      const items = await client.listMessagesAfter(id, after);
      for (const m of items) sourceMessages.push(String(num(m.id)));
      if (items.length < MESSAGES_PAGE_SIZE) break;
      after = items.reduce((mx, m) => Math.max(mx, num(m.id) ?? 0), after);
    }
    for (const m of await messageIdsOf(db, scope.accountScopeId, id)) keelMessages.add(m);
  }
  out.push(compare('messages', sourceMessages, keelMessages, keelMessages));
  return out;
}

async function reconcileLinear(db: Database, scope: ProjectScope, deps: SyncDeps) {
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

async function reconcileAttio(db: Database, scope: ProjectScope, deps: SyncDeps) {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'attio');
  const sources = await listProjectSources(db, scope, ['attio_company', 'attio_deal']);
  const companies = idsOfKind(sources, 'attio_company');
  const deals = idsOfKind(sources, 'attio_deal');
  if (!config || (companies.length === 0 && deals.length === 0)) return null;
  const client = createAttioClient(config, deps);
  const all = async (object: 'companies' | 'people' | 'deals', filter: Record<string, unknown>) => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += RECORDS_PAGE_SIZE) {
      const page = await client.queryRecords(object, filter, offset, () => true);
      ids.push(...page.flatMap((r) => recordId(r) ?? []));
      if (page.length < RECORDS_PAGE_SIZE) return ids;
    }
  };
  const activities = async (kind: 'notes' | 'tasks') => {
    const ids: string[] = [];
    const size = kind === 'notes' ? NOTES_PAGE_SIZE : TASKS_PAGE_SIZE;
    for (const c of companies) {
      for (let offset = 0; ; offset += size) {
        const page: AttioItem[] =
          kind === 'notes'
            ? await client.listNotes('companies', c, offset)
            : await client.listTasks('companies', c, offset);
        ids.push(
          ...page.map((n) =>
            String((n.id as Record<string, unknown>)[kind === 'notes' ? 'note_id' : 'task_id']),
          ),
        );
        if (page.length < size) break;
      }
    }
    return ids;
  };
  const byCompany = { associated_company: { target_record_id: { $in: companies } } };
  const byId = { record_id: { $in: deals } };
  const out: ResourceReport[] = [];
  if (companies.length > 0) {
    out.push(
      await check(
        db,
        scope,
        'companies',
        'attio_accounts_raw',
        await all('companies', { record_id: { $in: companies } }),
      ),
    );
    out.push(
      await check(
        db,
        scope,
        'people',
        'attio_people_raw',
        await all('people', { company: { target_record_id: { $in: companies } } }),
      ),
    );
  }
  const dealFilter =
    companies.length && deals.length ? { $or: [byCompany, byId] } : companies.length ? byCompany : byId;
  const dealIds = await all('deals', dealFilter);
  // Deals bound to another project are read here through their company but belong there.
  out.push(
    compare(
      'deals',
      dealIds,
      await presentIds(db, 'attio_opportunities_raw', scope.accountScopeId, dealIds),
      await projectIds(db, 'attio_opportunities_raw', scope),
    ),
  );
  if (companies.length > 0) {
    const notes = await activities('notes');
    const tasks = await activities('tasks');
    out.push(
      compare(
        'notes+tasks',
        [...notes, ...tasks],
        await presentIds(db, 'attio_activities_raw', scope.accountScopeId, [...notes, ...tasks]),
        await projectIds(db, 'attio_activities_raw', scope),
      ),
    );
  }
  return out;
}

export async function runReconciliation(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: ReconcileOptions = {},
): Promise<ReconciliationReport> {
  const run = await startProcessRun(db, scope, PROCESS, { now: deps.clock.now() });
  const connectors: ConnectorReport[] = [];
  try {
    for (const connector of options.connectors ?? SYNC_CONNECTORS) {
      try {
        const resources =
          connector === 'chatwoot'
            ? await reconcileChatwoot(db, scope, deps, options)
            : connector === 'linear'
              ? await reconcileLinear(db, scope, deps)
              : await reconcileAttio(db, scope, deps);
        connectors.push(
          resources
            ? { connector, status: 'ok', error: null, resources }
            : { connector, status: 'skipped', error: null, resources: [] },
        );
      } catch (error) {
        connectors.push({
          connector,
          status: 'failed',
          error: toConnectorError(error).message,
          resources: [],
        });
      }
    }
  } catch (error) {
    await failProcessRun(db, run, toConnectorError(error).message, { now: deps.clock.now() });
    throw error;
  }
  const differences = connectors.reduce((n, c) => n + c.resources.reduce((m, r) => m + r.differences, 0), 0);
  const report: ReconciliationReport = { at: deps.clock.now().toISOString(), differences, connectors };
  await finishProcessRun(db, run, { counts: { differences }, meta: { report }, now: deps.clock.now() });
  return report;
}

export async function getLatestReconciliation(
  db: Database,
  scope: ProjectScope,
): Promise<ReconciliationReport | null> {
  const row = await latestProcessRun(db, scope, PROCESS);
  const report = row?.meta.report;
  return report && typeof report === 'object' ? (report as ReconciliationReport) : null;
}

import type { Database } from '@keel/db/client';
import {
  crmAccountIdsByRef,
  markMissingAttioDeleted,
  upsertAttioAccounts,
  upsertAttioActivities,
  upsertAttioDeals,
  upsertAttioPeople,
  upsertCrmAccounts,
  upsertCrmOpportunities,
} from '@keel/db/queries/connectors-attio';
import { setWatermark } from '@keel/db/queries/connectors-watermarks';
import { loadConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { idsOfKind, listProjectSources, workspaceBindingMap } from '../sources.ts';
import { SyncRun } from '../sync-run.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import {
  type AttioClient,
  type AttioItem,
  type AttioObject,
  createAttioClient,
  NOTES_PAGE_SIZE,
  RECORDS_PAGE_SIZE,
  TASKS_PAGE_SIZE,
} from './client.ts';
import {
  type ActivityRow,
  current,
  mapCompany,
  mapDeal,
  mapNote,
  mapPerson,
  mapTask,
  recordId,
  toCrmAccount,
  toCrmOpportunity,
} from './map.ts';

/**
 * `runAttioSync`: the project's bound companies and deals → attio_accounts_raw, attio_people_raw,
 * attio_opportunities_raw, attio_activities_raw (notes, tasks) and the crm_accounts /
 * crm_opportunities mirror. Attio offers no "changed since", so each run re-reads the bound
 * records (a few pages) and `raw_hash` keeps unchanged rows untouched; what disappeared from a
 * complete read is marked deleted.
 */
export const SOURCE = 'attio';

export type AttioSyncOptions = { only?: ReadonlySet<string> | null; mode?: 'incremental' | 'full' };

type Ctx = {
  db: Database;
  scope: ProjectScope;
  client: AttioClient;
  run: SyncRun;
  companies: string[];
  deals: string[];
  owners: Map<string, string>;
};

export async function runAttioSync(
  db: Database,
  scope: ProjectScope,
  deps: SyncDeps,
  options: AttioSyncOptions = {},
): Promise<SyncRun> {
  const config = await loadConnectorConfig(db, deps, scope.accountScopeId, 'attio');
  if (!config) throw new ConnectorError('not_configured', 'Attio is not connected for this workspace');
  const run = new SyncRun(db, scope, 'attio', deps, options.only ?? null);
  const sources = await listProjectSources(db, scope, ['attio_company', 'attio_deal']);
  const companies = idsOfKind(sources, 'attio_company');
  const deals = idsOfKind(sources, 'attio_deal');
  if (companies.length === 0 && deals.length === 0) return run;
  const ctx: Ctx = {
    db,
    scope,
    client: createAttioClient(config, deps),
    run,
    companies,
    deals,
    owners: await workspaceBindingMap(db, scope.accountScopeId, ['attio_company', 'attio_deal']),
  };
  const steps: Array<[string, (c: Ctx) => Promise<void>]> = [
    ['companies', syncCompanies],
    ['people', syncPeople],
    ['deals', syncDeals],
    ['notes', syncNotes],
    ['tasks', syncTasks],
  ];
  for (const [resource, step] of steps) {
    if (!run.wants(resource)) continue;
    try {
      await step(ctx);
      run.done(resource);
    } catch (error) {
      await run.fail(resource, `${resource}.page`, null, error);
    }
  }
  return run;
}

function owner(ctx: Ctx, kind: 'attio_company' | 'attio_deal', id: string | null | undefined): string | null {
  return id ? (ctx.owners.get(`${kind}:${id}`) ?? null) : null;
}

async function readAll(
  ctx: Ctx,
  object: AttioObject,
  filter: Record<string, unknown>,
  accept: (r: AttioItem) => boolean,
): Promise<AttioItem[]> {
  const out: AttioItem[] = [];
  for (let offset = 0; ; offset += RECORDS_PAGE_SIZE) {
    const page = await ctx.client.queryRecords(object, filter, offset, accept);
    out.push(...page);
    if (page.length < RECORDS_PAGE_SIZE) return out;
  }
}

/** Rows and their completion mark commit together; then what the read no longer returned is deleted. */
async function commit(
  ctx: Ctx,
  resource: string,
  fetched: number,
  seen: string[],
  write: (db: Database) => Promise<number>,
) {
  const now = ctx.run.deps.clock.now();
  const written = await ctx.db.transaction(async (tx) => {
    const n = await write(tx);
    await setWatermark(
      tx,
      ctx.scope,
      SOURCE,
      { resource, cursorTs: now, cursorId: null, meta: { count: fetched } },
      now,
    );
    return n;
  });
  const gone = await markMissingAttioDeleted(ctx.db, ctx.scope, resource as 'companies', seen, now);
  await ctx.run.page(resource, fetched, written + gone);
}

function refIn(record: AttioItem, slug: string, ids: string[]): boolean {
  return current(record, slug).some((v) => ids.includes(String(v.target_record_id)));
}

async function syncCompanies(ctx: Ctx): Promise<void> {
  if (ctx.companies.length === 0) return;
  const records = await readAll(ctx, 'companies', { record_id: { $in: ctx.companies } }, (r) =>
    ctx.companies.includes(recordId(r) ?? ''),
  );
  const rows = records.flatMap((r) => {
    const id = recordId(r);
    const row = mapCompany(r, {
      accountScopeId: ctx.scope.accountScopeId,
      projectId: owner(ctx, 'attio_company', id) ?? ctx.scope.projectId,
    });
    return row ? [row] : [];
  });
  await commit(
    ctx,
    'companies',
    records.length,
    rows.map((r) => r.attioRecordId),
    async (tx) => {
      const n = await upsertAttioAccounts(tx, rows);
      await upsertCrmAccounts(tx, rows.map(toCrmAccount));
      return n;
    },
  );
}

async function syncPeople(ctx: Ctx): Promise<void> {
  if (ctx.companies.length === 0) return;
  const records = await readAll(
    ctx,
    'people',
    { company: { target_record_id: { $in: ctx.companies } } },
    (r) => refIn(r, 'company', ctx.companies),
  );
  const rows = records.flatMap((r) => {
    const company = current(r, 'company')[0]?.target_record_id;
    const projectId =
      owner(ctx, 'attio_company', typeof company === 'string' ? company : null) ?? ctx.scope.projectId;
    const row = mapPerson(r, { accountScopeId: ctx.scope.accountScopeId, projectId });
    return row ? [row] : [];
  });
  await commit(
    ctx,
    'people',
    records.length,
    rows.map((r) => r.attioRecordId),
    (tx) => upsertAttioPeople(tx, rows),
  );
}

async function syncDeals(ctx: Ctx): Promise<void> {
  const byCompany = { associated_company: { target_record_id: { $in: ctx.companies } } };
  const byId = { record_id: { $in: ctx.deals } };
  const filter =
    ctx.companies.length > 0 && ctx.deals.length > 0
      ? { $or: [byCompany, byId] }
      : ctx.companies.length > 0
        ? byCompany
        : byId;
  const records = await readAll(
    ctx,
    'deals',
    filter,
    (r) => ctx.deals.includes(recordId(r) ?? '') || refIn(r, 'associated_company', ctx.companies),
  );
  const rows = records.flatMap((r) => {
    const id = recordId(r);
    const company = current(r, 'associated_company')[0]?.target_record_id;
    const projectId =
      owner(ctx, 'attio_deal', id) ??
      owner(ctx, 'attio_company', typeof company === 'string' ? company : null) ??
      ctx.scope.projectId;
    const row = mapDeal(r, { accountScopeId: ctx.scope.accountScopeId, projectId });
    return row ? [row] : [];
  });
  await commit(
    ctx,
    'deals',
    records.length,
    rows.map((r) => r.attioRecordId),
    async (tx) => {
      const n = await upsertAttioDeals(tx, rows);
      const companyRefs = [...new Set(rows.flatMap((r) => (r.companyRecordId ? [r.companyRecordId] : [])))];
      const accounts = await crmAccountIdsByRef(tx, ctx.scope.accountScopeId, companyRefs);
      await upsertCrmOpportunities(
        tx,
        rows.map((r) =>
          toCrmOpportunity(r, r.companyRecordId ? (accounts.get(r.companyRecordId) ?? null) : null),
        ),
      );
      return n;
    },
  );
}

async function readActivities(
  ctx: Ctx,
  pageSize: number,
  fetch: (company: string, offset: number) => Promise<AttioItem[]>,
  map: (item: AttioItem, company: string) => ActivityRow | null,
): Promise<{ rows: ActivityRow[]; fetched: number }> {
  const rows: ActivityRow[] = [];
  let fetched = 0;
  for (const company of ctx.companies) {
    for (let offset = 0; ; offset += pageSize) {
      const page = await fetch(company, offset);
      fetched += page.length;
      for (const item of page) {
        const row = map(item, company);
        if (row) rows.push(row);
      }
      if (page.length < pageSize) break;
    }
  }
  return { rows, fetched };
}

async function syncNotes(ctx: Ctx): Promise<void> {
  if (ctx.companies.length === 0) return;
  const { rows, fetched } = await readActivities(
    ctx,
    NOTES_PAGE_SIZE,
    (c, offset) => ctx.client.listNotes('companies', c, offset),
    (item, c) =>
      mapNote(item, {
        accountScopeId: ctx.scope.accountScopeId,
        projectId: owner(ctx, 'attio_company', c) ?? ctx.scope.projectId,
      }),
  );
  await commit(
    ctx,
    'notes',
    fetched,
    rows.map((r) => r.attioActivityId),
    (tx) => upsertAttioActivities(tx, rows),
  );
}

async function syncTasks(ctx: Ctx): Promise<void> {
  if (ctx.companies.length === 0) return;
  const { rows, fetched } = await readActivities(
    ctx,
    TASKS_PAGE_SIZE,
    (c, offset) => ctx.client.listTasks('companies', c, offset),
    (item, c) =>
      mapTask(
        item,
        {
          accountScopeId: ctx.scope.accountScopeId,
          projectId: owner(ctx, 'attio_company', c) ?? ctx.scope.projectId,
        },
        { object: 'companies', recordId: c },
      ),
  );
  await commit(
    ctx,
    'tasks',
    fetched,
    rows.map((r) => r.attioActivityId),
    (tx) => upsertAttioActivities(tx, rows),
  );
}

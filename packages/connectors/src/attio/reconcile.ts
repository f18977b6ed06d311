import type { Database } from '@keel/db/client';
import { presentIds, projectIds } from '@keel/db/queries/connectors-reconciliation';
import { loadConnectorConfig } from '../credentials.ts';
import { check, compare, type ResourceReport } from '../reconciliation-report.ts';
import { idsOfKind, listProjectSources } from '../sources.ts';
import type { ProjectScope, SyncDeps } from '../types.ts';
import {
  type AttioItem,
  createAttioClient,
  NOTES_PAGE_SIZE,
  RECORDS_PAGE_SIZE,
  TASKS_PAGE_SIZE,
} from './client.ts';
import { recordId } from './map.ts';

/**
 * Attio's side of the reconciliation: the bound companies, their people, the deals of the bound
 * companies and the bound deals, and the companies' notes and tasks. Null when Attio is not
 * connected or nothing is bound.
 */
export async function reconcileAttio(db: Database, scope: ProjectScope, deps: SyncDeps) {
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

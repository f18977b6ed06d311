import type { Dataset } from '../model.ts';
import type { AttioObject } from './attio-views.ts';

type Filter = Record<string, unknown>;

/** The values a condition `{ $in: [...] }`, `{ $eq: v }` or a bare value pins down, if it does. */
function pinned(condition: unknown): Set<string> | null {
  if (typeof condition === 'string') return new Set([condition]);
  if (!condition || typeof condition !== 'object') return null;
  const c = condition as { $in?: unknown; $eq?: unknown };
  if (Array.isArray(c.$in)) return new Set(c.$in.map(String));
  if (typeof c.$eq === 'string') return new Set([c.$eq]);
  return null;
}

/** `{ attr: { target_record_id: <pinned> } }`: the referenced record ids, if pinned. */
function pinnedReference(filter: Filter, attribute: string): Set<string> | null {
  const ref = filter[attribute];
  if (!ref || typeof ref !== 'object') return null;
  return pinned((ref as { target_record_id?: unknown }).target_record_id);
}

/** Record indexes that may match, from the id conditions connectors send; null: all of them. */
function candidates(ds: Dataset, object: AttioObject, filter: Filter): Set<number> | null {
  const ids = pinned(filter.record_id);
  const indexesWhere = <T>(items: T[], test: (item: T) => boolean) =>
    new Set(items.flatMap((item, i) => (test(item) ? [i] : [])));
  const companyOf = (clientIndex: number) => ds.clients[clientIndex]?.attioCompanyId ?? '';
  if (object === 'companies' && ids) return indexesWhere(ds.clients, (c) => ids.has(c.attioCompanyId));
  if (object === 'people') {
    if (ids) return indexesWhere(ds.people, (p) => ids.has(p.attioPersonId));
    const companies = pinnedReference(filter, 'company');
    if (companies) return indexesWhere(ds.people, (p) => companies.has(companyOf(p.clientIndex)));
  }
  if (object === 'deals') {
    if (ids) return indexesWhere(ds.deals, (d) => ids.has(d.id));
    const companies = pinnedReference(filter, 'associated_company');
    if (companies) return indexesWhere(ds.deals, (d) => companies.has(companyOf(d.clientIndex)));
  }
  if (Array.isArray(filter.$or) && filter.$or.length > 0) {
    const branches = filter.$or.map((f) => candidates(ds, object, f as Filter));
    if (branches.every((b) => b !== null)) return new Set(branches.flatMap((b) => [...(b ?? [])]));
  }
  if (Array.isArray(filter.$and)) {
    for (const f of filter.$and) {
      const narrowed = candidates(ds, object, f as Filter);
      if (narrowed) return narrowed;
    }
  }
  return null;
}

/**
 * Which records a query has to build and test. Building a record renders every attribute
 * value, so building all of an object's records for each page of each project made the
 * emulator the backfill's bottleneck. It only narrows: the full filter still runs on the rest.
 */
export function recordCandidates(ds: Dataset, object: AttioObject, filter: unknown): Set<number> | null {
  return filter && typeof filter === 'object' ? candidates(ds, object, filter as Filter) : null;
}

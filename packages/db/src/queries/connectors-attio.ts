import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  attioAccountsRaw,
  attioActivitiesRaw,
  attioOpportunitiesRaw,
  attioPeopleRaw,
} from '../schema/attio.ts';
import { crmAccounts, crmOpportunities } from '../schema/crm.ts';
import { upsertRows } from './connectors-upsert.ts';

/**
 * Attio mirror and CRM mirror writes. Attio has no `updated_at`, so every sync re-reads the
 * bound records and `raw_hash` decides whether a row changed.
 */
const ATTIO_CHANGES = { changeColumns: ['rawHash', 'projectId', 'deletedAt'] };
const CRM_CHANGES = {
  changeColumns: [
    'name',
    'domain',
    'title',
    'stage',
    'status',
    'amountMinor',
    'projectId',
    'crmAccountId',
    'meta',
    'deletedAt',
  ],
};

export const ATTIO_TABLES = {
  companies: attioAccountsRaw,
  people: attioPeopleRaw,
  deals: attioOpportunitiesRaw,
} as const;

export function upsertAttioAccounts(db: Database, rows: (typeof attioAccountsRaw.$inferInsert)[]) {
  return upsertRows(
    db,
    attioAccountsRaw,
    [attioAccountsRaw.accountScopeId, attioAccountsRaw.attioRecordId],
    rows,
    ATTIO_CHANGES,
  );
}

export function upsertAttioPeople(db: Database, rows: (typeof attioPeopleRaw.$inferInsert)[]) {
  return upsertRows(
    db,
    attioPeopleRaw,
    [attioPeopleRaw.accountScopeId, attioPeopleRaw.attioRecordId],
    rows,
    ATTIO_CHANGES,
  );
}

export function upsertAttioDeals(db: Database, rows: (typeof attioOpportunitiesRaw.$inferInsert)[]) {
  return upsertRows(
    db,
    attioOpportunitiesRaw,
    [attioOpportunitiesRaw.accountScopeId, attioOpportunitiesRaw.attioRecordId],
    rows,
    ATTIO_CHANGES,
  );
}

export function upsertAttioActivities(db: Database, rows: (typeof attioActivitiesRaw.$inferInsert)[]) {
  return upsertRows(
    db,
    attioActivitiesRaw,
    [attioActivitiesRaw.accountScopeId, attioActivitiesRaw.attioActivityId],
    rows,
    ATTIO_CHANGES,
  );
}

export function upsertCrmAccounts(db: Database, rows: (typeof crmAccounts.$inferInsert)[]) {
  return upsertRows(
    db,
    crmAccounts,
    [crmAccounts.accountScopeId, crmAccounts.source, crmAccounts.externalRef],
    rows,
    CRM_CHANGES,
  );
}

export function upsertCrmOpportunities(db: Database, rows: (typeof crmOpportunities.$inferInsert)[]) {
  return upsertRows(
    db,
    crmOpportunities,
    [crmOpportunities.accountScopeId, crmOpportunities.source, crmOpportunities.externalRef],
    rows,
    CRM_CHANGES,
  );
}

/** crm_accounts ids of mirrored Attio companies, by record id. */
export async function crmAccountIdsByRef(
  db: Database,
  accountScopeId: string,
  refs: string[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .select({ id: crmAccounts.id, ref: crmAccounts.externalRef })
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, accountScopeId),
        eq(crmAccounts.source, 'attio'),
        inArray(crmAccounts.externalRef, refs),
      ),
    );
  return new Map(rows.flatMap((r) => (r.ref ? [[r.ref, r.id] as const] : [])));
}

type Scope = { accountScopeId: string; projectId: string };

/** After a complete scan: the project's rows Attio no longer returns are marked deleted (mirror included). */
export async function markMissingAttioDeleted(
  db: Database,
  scope: Scope,
  resource: 'companies' | 'people' | 'deals' | 'notes' | 'tasks',
  seenIds: string[],
  now: Date,
): Promise<number> {
  if (resource === 'notes' || resource === 'tasks') {
    const t = attioActivitiesRaw;
    const rows = await db
      .update(t)
      .set({ deletedAt: now, updatedAt: now })
      .where(
        and(
          eq(t.accountScopeId, scope.accountScopeId),
          eq(t.projectId, scope.projectId),
          eq(t.kind, resource === 'notes' ? 'note' : 'task'),
          isNull(t.deletedAt),
          seenIds.length > 0 ? notInArray(t.attioActivityId, seenIds) : sql`true`,
        ),
      )
      .returning({ id: t.id });
    return rows.length;
  }
  const t = ATTIO_TABLES[resource];
  const rows = await db
    .update(t)
    .set({ deletedAt: now, updatedAt: now })
    .where(
      and(
        eq(t.accountScopeId, scope.accountScopeId),
        eq(t.projectId, scope.projectId),
        isNull(t.deletedAt),
        seenIds.length > 0 ? notInArray(t.attioRecordId, seenIds) : sql`true`,
      ),
    )
    .returning({ ref: t.attioRecordId });
  if (rows.length > 0 && resource !== 'people') {
    const mirror = resource === 'companies' ? crmAccounts : crmOpportunities;
    await db
      .update(mirror)
      .set({ deletedAt: now, updatedAt: now })
      .where(
        and(
          eq(mirror.accountScopeId, scope.accountScopeId),
          eq(mirror.source, 'attio'),
          inArray(
            mirror.externalRef,
            rows.map((r) => r.ref),
          ),
        ),
      );
  }
  return rows.length;
}

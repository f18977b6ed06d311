import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ProjectScope } from '@keel/core/scope';
import type { Database } from '../client.ts';
import { attioOpportunitiesRaw } from '../schema/attio.ts';
import { crmAccounts, crmOpportunities } from '../schema/crm.ts';
import { attioRecordOfOpportunity } from './crm-joins.ts';

/**
 * The CRM screen's reads and Keel-side writes over the mirror (`crm_accounts`,
 * `crm_opportunities`): Attio rows the sync wrote and rows created in Keel. Every query is
 * scoped to the workspace and the project; deleted rows are left out.
 */
export type CrmAccount = typeof crmAccounts.$inferSelect;
export type CrmOpportunity = typeof crmOpportunities.$inferSelect;
type Key = { t: string; id: string };

const accountColumns = {
  id: crmAccounts.id,
  source: crmAccounts.source,
  externalRef: crmAccounts.externalRef,
  name: crmAccounts.name,
  domain: crmAccounts.domain,
  status: crmAccounts.status,
  ownerName: crmAccounts.ownerName,
  createdAt: crmAccounts.createdAt,
  updatedAt: crmAccounts.updatedAt,
};

const opportunityColumns = {
  id: crmOpportunities.id,
  crmAccountId: crmOpportunities.crmAccountId,
  accountName: crmAccounts.name,
  source: crmOpportunities.source,
  externalRef: crmOpportunities.externalRef,
  title: crmOpportunities.title,
  stage: crmOpportunities.stage,
  status: crmOpportunities.status,
  amountMinor: crmOpportunities.amountMinor,
  currency: crmOpportunities.currency,
  probability: crmOpportunities.probability,
  expectedCloseDate: crmOpportunities.expectedCloseDate,
  stageChangedAt: crmOpportunities.stageChangedAt,
  closedAt: crmOpportunities.closedAt,
  createdAt: crmOpportunities.createdAt,
  updatedAt: crmOpportunities.updatedAt,
  /** Attio keeps the renewal date in the record; a deal created in Keel keeps it in meta. */
  renewalDate: sql<
    string | null
  >`coalesce(${attioOpportunitiesRaw.raw}->'values'->'renewal_date'->0->>'value', ${crmOpportunities.meta}->>'renewalDate')`,
  webUrl: attioOpportunitiesRaw.webUrl,
};
export type CrmOpportunityView = {
  [K in keyof typeof opportunityColumns]: K extends 'accountName' | 'webUrl'
    ? string | null
    : K extends 'renewalDate'
      ? string | null
      : CrmOpportunity[K & keyof CrmOpportunity];
};

function after(created: PgColumn, id: PgColumn, key: Key | null): SQL | undefined {
  if (!key) return undefined;
  const t = new Date(key.t);
  return or(lt(created, t), and(eq(created, t), lt(id, key.id)));
}

export async function listCrmAccounts(
  db: Database,
  scope: ProjectScope,
  p: { limit: number; after: Key | null },
) {
  return db
    .select(accountColumns)
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, scope.accountScopeId),
        eq(crmAccounts.projectId, scope.projectId),
        isNull(crmAccounts.deletedAt),
        after(crmAccounts.createdAt, crmAccounts.id, p.after),
      ),
    )
    .orderBy(desc(crmAccounts.createdAt), desc(crmAccounts.id))
    .limit(p.limit + 1);
}

export async function getCrmAccount(db: Database, scope: ProjectScope, id: string) {
  const rows = await db
    .select(accountColumns)
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, scope.accountScopeId),
        eq(crmAccounts.projectId, scope.projectId),
        eq(crmAccounts.id, id),
        isNull(crmAccounts.deletedAt),
      ),
    );
  return rows[0] ?? null;
}

function opportunities(db: Database, scope: ProjectScope, ...extra: Array<SQL | undefined>) {
  return db
    .select(opportunityColumns)
    .from(crmOpportunities)
    .leftJoin(crmAccounts, eq(crmAccounts.id, crmOpportunities.crmAccountId))
    .leftJoin(attioOpportunitiesRaw, attioRecordOfOpportunity)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        isNull(crmOpportunities.deletedAt),
        ...extra,
      ),
    );
}

export async function listCrmOpportunities(
  db: Database,
  scope: ProjectScope,
  p: { limit: number; after: Key | null; stage?: string | undefined },
): Promise<CrmOpportunityView[]> {
  return opportunities(
    db,
    scope,
    p.stage ? eq(crmOpportunities.stage, p.stage) : undefined,
    after(crmOpportunities.createdAt, crmOpportunities.id, p.after),
  )
    .orderBy(desc(crmOpportunities.createdAt), desc(crmOpportunities.id))
    .limit(p.limit + 1);
}

/** Every live deal of the project: the overview's input (a project has tens of deals, not thousands). */
export async function listAllCrmOpportunities(
  db: Database,
  scope: ProjectScope,
): Promise<CrmOpportunityView[]> {
  return opportunities(db, scope).orderBy(desc(crmOpportunities.createdAt)).limit(5000);
}

export async function getCrmOpportunity(
  db: Database,
  scope: ProjectScope,
  id: string,
): Promise<CrmOpportunityView | null> {
  const rows = await opportunities(db, scope, eq(crmOpportunities.id, id));
  return rows[0] ?? null;
}

/** A Keel-side row (no Attio), keyed by its idempotency key in meta so a retried create returns the first row. */
export async function findManualByKey(
  db: Database,
  scope: ProjectScope,
  table: 'accounts' | 'opportunities',
  key: string,
): Promise<string | null> {
  const t = table === 'accounts' ? crmAccounts : crmOpportunities;
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        eq(t.accountScopeId, scope.accountScopeId),
        eq(t.projectId, scope.projectId),
        sql`${t.meta}->>'keelRef' = ${key}`,
      ),
    )
    .limit(1);
  return rows[0]?.id ?? null;
}

/**
 * Inserts a Keel-side row once per idempotency key: two concurrent retries serialise on a
 * transaction-scoped advisory lock of the key, and the second finds the first's row.
 */
export async function insertManualOnce(
  db: Database,
  scope: ProjectScope,
  key: string,
  row: { account: typeof crmAccounts.$inferInsert } | { opportunity: typeof crmOpportunities.$inferInsert },
): Promise<string | null> {
  const table = 'account' in row ? 'accounts' : 'opportunities';
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm:${key}`}))`);
    const existing = await findManualByKey(tx, scope, table, key);
    if (existing) return existing;
    const [created] =
      'account' in row
        ? await tx.insert(crmAccounts).values(row.account).returning({ id: crmAccounts.id })
        : await tx.insert(crmOpportunities).values(row.opportunity).returning({ id: crmOpportunities.id });
    return created?.id ?? null;
  });
}

/** The mirror row of an Attio record (by its external ref), once the writer has written it. */
export async function crmIdByExternalRef(
  db: Database,
  accountScopeId: string,
  table: 'accounts' | 'opportunities',
  ref: string,
): Promise<string | null> {
  const t = table === 'accounts' ? crmAccounts : crmOpportunities;
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.accountScopeId, accountScopeId), eq(t.source, 'attio'), eq(t.externalRef, ref)))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** A stage change on the mirror row (either source); null when the row is not in the project. */
export async function setOpportunityStage(
  db: Database,
  scope: ProjectScope,
  id: string,
  values: Pick<
    typeof crmOpportunities.$inferInsert,
    'stage' | 'status' | 'closedAt' | 'stageChangedAt' | 'probability' | 'updatedAt'
  >,
): Promise<boolean> {
  const rows = await db
    .update(crmOpportunities)
    .set(values)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        eq(crmOpportunities.id, id),
      ),
    )
    .returning({ id: crmOpportunities.id });
  return rows.length > 0;
}

/** Stage titles the project's deals carry (the manual path's extra known stages). */
export async function distinctStages(db: Database, scope: ProjectScope): Promise<string[]> {
  const rows = await db
    .selectDistinct({ stage: crmOpportunities.stage })
    .from(crmOpportunities)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        isNull(crmOpportunities.deletedAt),
      ),
    );
  return rows.map((r) => r.stage);
}

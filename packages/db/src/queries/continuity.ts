import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { attioAccountsRaw, attioOpportunitiesRaw } from '../schema/attio.ts';
import { cwContacts, cwConversations } from '../schema/chatwoot.ts';
import { crmAccounts } from '../schema/crm.ts';
import { continuityActions } from '../schema/operations.ts';

/**
 * continuity_actions: one row per idempotency key (project + trigger + action type). A preview
 * writes or refreshes rows not yet acted on; apply claims a row (compare-and-set to `applying`,
 * so concurrent applies never run it twice), then records `applied` with the vendor's id, or
 * `failed` with the error (and a later apply claims it again).
 */
type Scope = { accountScopeId: string; projectId: string };
export type ContinuityRow = typeof continuityActions.$inferSelect;
export type ContinuityWrite = Pick<
  typeof continuityActions.$inferInsert,
  'trigger' | 'actionType' | 'targetRef' | 'title' | 'payload' | 'status' | 'idempotencyKey' | 'error'
>;

const inScope = (scope: Scope) =>
  and(
    eq(continuityActions.accountScopeId, scope.accountScopeId),
    eq(continuityActions.projectId, scope.projectId),
  );

/** Writes the plan; rows already applying, applied or failed keep what they have. */
export async function upsertContinuityPreview(
  db: Database,
  scope: Scope,
  rows: readonly ContinuityWrite[],
  now: Date,
): Promise<ContinuityRow[]> {
  if (rows.length === 0) return [];
  const c = continuityActions;
  await db
    .insert(c)
    .values(rows.map((r) => ({ ...scope, ...r, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [c.idempotencyKey, c.accountScopeId],
      set: {
        targetRef: sql`excluded.target_ref`,
        title: sql`excluded.title`,
        payload: sql`excluded.payload`,
        status: sql`excluded.status`,
        error: sql`excluded.error`,
        updatedAt: sql`excluded.updated_at`,
      },
      // Only a plan nobody acted on is refreshed; the key is per project, so never another's row.
      where: and(inArray(c.status, ['previewed', 'skipped']), eq(c.projectId, scope.projectId)),
    });
  return listContinuityByKeys(
    db,
    scope,
    rows.map((r) => r.idempotencyKey),
  );
}

export async function listContinuityByKeys(
  db: Database,
  scope: Scope,
  keys: string[],
): Promise<ContinuityRow[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select()
    .from(continuityActions)
    .where(and(inScope(scope), inArray(continuityActions.idempotencyKey, keys)));
  return keys.flatMap((k) => rows.filter((r) => r.idempotencyKey === k));
}

export async function listContinuityRows(
  db: Database,
  scope: Scope,
  params: { trigger?: ContinuityRow['trigger'] | undefined; limit: number },
): Promise<ContinuityRow[]> {
  return db
    .select()
    .from(continuityActions)
    .where(and(inScope(scope), params.trigger ? eq(continuityActions.trigger, params.trigger) : undefined))
    .orderBy(desc(continuityActions.createdAt), continuityActions.actionType)
    .limit(params.limit);
}

/**
 * Takes a row to apply: previewed or failed, or applying for longer than the lease (its worker
 * died). Undefined when another apply holds it or it is done.
 */
export async function claimContinuityAction(
  db: Database,
  scope: Scope,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<ContinuityRow | undefined> {
  const c = continuityActions;
  const rows = await db
    .update(c)
    .set({ status: 'applying', error: null, updatedAt: now })
    .where(
      and(
        inScope(scope),
        eq(c.id, id),
        or(
          inArray(c.status, ['previewed', 'failed']),
          and(eq(c.status, 'applying'), lt(c.updatedAt, new Date(now.getTime() - leaseMs))),
        ),
      ),
    )
    .returning();
  return rows[0];
}

export async function finishContinuityAction(
  db: Database,
  scope: Scope,
  id: string,
  set: Pick<
    Partial<ContinuityRow>,
    'status' | 'externalId' | 'error' | 'appliedAt' | 'appliedBy' | 'payload'
  > & {
    updatedAt: Date;
  },
): Promise<ContinuityRow | undefined> {
  const rows = await db
    .update(continuityActions)
    .set(set)
    .where(and(inScope(scope), eq(continuityActions.id, id), eq(continuityActions.status, 'applying')))
    .returning();
  return rows[0];
}

/**
 * The project's Attio company and the owner of its latest deal (the account owner). A project
 * bound to some of a client's deals (another project owns the company) reaches the company
 * through its own deals.
 */
export async function continuityAttioTarget(db: Database, scope: Scope) {
  const d = attioOpportunitiesRaw;
  const [account] = await db
    .select({ externalRef: crmAccounts.externalRef, name: crmAccounts.name })
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, scope.accountScopeId),
        eq(crmAccounts.projectId, scope.projectId),
        eq(crmAccounts.source, 'attio'),
        isNotNull(crmAccounts.externalRef),
        isNull(crmAccounts.deletedAt),
      ),
    )
    .orderBy(desc(crmAccounts.updatedAt))
    .limit(1);
  const latestDeal = (where: ReturnType<typeof and>) =>
    db
      .select({ ownerActorId: d.ownerActorId, companyRecordId: d.companyRecordId })
      .from(d)
      .where(and(eq(d.accountScopeId, scope.accountScopeId), isNull(d.deletedAt), where))
      .orderBy(sql`${d.stageChangedAt} desc nulls last`)
      .limit(1);
  if (account?.externalRef) {
    const [deal] = await latestDeal(
      and(eq(d.companyRecordId, account.externalRef), isNotNull(d.ownerActorId)),
    );
    return {
      companyRecordId: account.externalRef,
      companyName: account.name,
      ownerActorId: deal?.ownerActorId ?? null,
    };
  }
  const [own] = await latestDeal(and(eq(d.projectId, scope.projectId), isNotNull(d.companyRecordId)));
  if (!own?.companyRecordId) return null;
  const [company] = await db
    .select({ name: attioAccountsRaw.name, domain: attioAccountsRaw.primaryDomain })
    .from(attioAccountsRaw)
    .where(
      and(
        eq(attioAccountsRaw.accountScopeId, scope.accountScopeId),
        eq(attioAccountsRaw.attioRecordId, own.companyRecordId),
      ),
    )
    .limit(1);
  return {
    companyRecordId: own.companyRecordId,
    companyName: company?.name ?? company?.domain ?? 'the client',
    ownerActorId: own.ownerActorId,
  };
}

/** The client's most recently active conversation that has a contact, with the contact's name. */
export async function continuityChatwootTarget(db: Database, scope: Scope) {
  const [row] = await db
    .select({
      conversationId: cwConversations.cwConversationId,
      contactId: cwConversations.cwContactId,
      contactName: cwContacts.name,
    })
    .from(cwConversations)
    .leftJoin(
      cwContacts,
      and(
        eq(cwContacts.accountScopeId, cwConversations.accountScopeId),
        eq(cwContacts.cwContactId, cwConversations.cwContactId),
      ),
    )
    .where(
      and(
        eq(cwConversations.accountScopeId, scope.accountScopeId),
        eq(cwConversations.projectId, scope.projectId),
        isNull(cwConversations.deletedAt),
        isNotNull(cwConversations.cwContactId),
      ),
    )
    .orderBy(sql`${cwConversations.lastActivityAt} desc nulls last`, desc(cwConversations.cwConversationId))
    .limit(1);
  if (!row || row.contactId === null) return null;
  return {
    conversationId: String(row.conversationId),
    contactId: String(row.contactId),
    contactName: row.contactName,
  };
}

import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { offers } from '../schema/outbound.ts';

/** offers: a commercial offer with a discount approval and a send approval (seed: outbox.js). */
type Scope = { accountScopeId: string; projectId: string };
export type OfferRow = typeof offers.$inferSelect;
type OfferStatus = OfferRow['status'];

const inScope = (scope: Scope) =>
  and(eq(offers.accountScopeId, scope.accountScopeId), eq(offers.projectId, scope.projectId));

export async function insertOffer(
  db: Database,
  scope: Scope,
  values: Omit<typeof offers.$inferInsert, 'accountScopeId' | 'projectId'>,
): Promise<OfferRow> {
  const rows = await db
    .insert(offers)
    .values({ ...scope, ...values })
    .returning();
  if (!rows[0]) throw new Error('offer insert returned nothing');
  return rows[0];
}

export async function getOffer(db: Database, scope: Scope, id: string): Promise<OfferRow | undefined> {
  const rows = await db
    .select()
    .from(offers)
    .where(and(inScope(scope), eq(offers.id, id)))
    .limit(1);
  return rows[0];
}

export async function listOffers(
  db: Database,
  scope: Scope,
  params: { statuses?: OfferStatus[] | undefined; limit: number },
): Promise<OfferRow[]> {
  return db
    .select()
    .from(offers)
    .where(and(inScope(scope), params.statuses?.length ? inArray(offers.status, params.statuses) : undefined))
    .orderBy(desc(offers.createdAt))
    .limit(params.limit);
}

/** Moves an offer from `from` with `set`; null when it was no longer in that status. */
export async function transitionOffer(
  db: Database,
  scope: Scope,
  id: string,
  from: OfferStatus,
  set: Partial<typeof offers.$inferInsert>,
): Promise<OfferRow | undefined> {
  const rows = await db
    .update(offers)
    .set(set)
    .where(and(inScope(scope), eq(offers.id, id), eq(offers.status, from)))
    .returning();
  return rows[0];
}

export async function markOfferSent(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(offers)
    .set({ status: 'sent', sentAt: now, updatedAt: now })
    .where(and(eq(offers.id, id), eq(offers.status, 'approved')));
}

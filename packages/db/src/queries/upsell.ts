import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { crmOpportunities } from '../schema/crm.ts';
import type { EvidenceRef } from '../schema/kag-core.ts';
import { upsellOpportunities } from '../schema/operations.ts';

/**
 * upsell_opportunities: one row per project and dedupe key (cue + conversation). A refresh
 * rewrites what the radar computed (score, evidence, value) and never the status a person set.
 */
type Scope = { accountScopeId: string; projectId: string };
export type UpsellRow = typeof upsellOpportunities.$inferSelect;
export type UpsellStatusValue = UpsellRow['status'];

export type UpsellWrite = {
  cue: string;
  dedupeKey: string;
  title: string;
  rationale: string;
  score: number;
  estimatedValueMinor: number | null;
  currency: string | null;
  crmAccountId: string | null;
  evidence: EvidenceRef[];
};

const inScope = (scope: Scope) =>
  and(
    eq(upsellOpportunities.accountScopeId, scope.accountScopeId),
    eq(upsellOpportunities.projectId, scope.projectId),
  );

/** The project's won deals (the basis of an opportunity's value). */
export async function listWonDeals(db: Database, scope: Scope) {
  return db
    .select({
      id: crmOpportunities.id,
      crmAccountId: crmOpportunities.crmAccountId,
      title: crmOpportunities.title,
      amountMinor: crmOpportunities.amountMinor,
      currency: crmOpportunities.currency,
      closedAt: crmOpportunities.closedAt,
    })
    .from(crmOpportunities)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        eq(crmOpportunities.status, 'won'),
        isNull(crmOpportunities.deletedAt),
      ),
    );
}

/** Upserts by (project, dedupe key); returns the ids of rows that did not exist before. */
export async function upsertUpsellOpportunities(
  db: Database,
  scope: Scope,
  rows: readonly UpsellWrite[],
  now: Date,
): Promise<{ created: string[]; updated: number }> {
  if (rows.length === 0) return { created: [], updated: 0 };
  const written = await db
    .insert(upsellOpportunities)
    .values(rows.map((r) => ({ ...scope, ...r, asOf: now, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [
        upsellOpportunities.projectId,
        upsellOpportunities.dedupeKey,
        upsellOpportunities.accountScopeId,
      ],
      set: {
        cue: sql`excluded.cue`,
        title: sql`excluded.title`,
        rationale: sql`excluded.rationale`,
        score: sql`excluded.score`,
        estimatedValueMinor: sql`excluded.estimated_value_minor`,
        currency: sql`excluded.currency`,
        crmAccountId: sql`excluded.crm_account_id`,
        evidence: sql`excluded.evidence`,
        asOf: sql`excluded.as_of`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    // xmax = 0 only on a freshly inserted row version: how PostgreSQL tells insert from update.
    .returning({ id: upsellOpportunities.id, inserted: sql<boolean>`(xmax = 0)` });
  const created = written.filter((w) => w.inserted).map((w) => w.id);
  return { created, updated: written.length - created.length };
}

export async function getUpsellOpportunity(db: Database, scope: Scope, id: string) {
  const rows = await db
    .select()
    .from(upsellOpportunities)
    .where(and(inScope(scope), eq(upsellOpportunities.id, id)))
    .limit(1);
  return rows[0];
}

/** Highest score first, then id (keyset: `cursor` is the last row's score and id). */
export async function listUpsellOpportunities(
  db: Database,
  scope: Scope,
  params: {
    statuses?: UpsellStatusValue[] | undefined;
    cursor: { p: number; id: string } | null;
    limit: number;
  },
): Promise<UpsellRow[]> {
  const o = upsellOpportunities;
  // The score is a real (float4): the cursor's value is compared as one, or 0.73 ≠ 0.73.
  const p = params.cursor ? sql`${params.cursor.p}::real` : null;
  const after =
    params.cursor && p
      ? or(sql`${o.score} < ${p}`, and(sql`${o.score} = ${p}`, gt(o.id, params.cursor.id)))
      : undefined;
  return db
    .select()
    .from(o)
    .where(
      and(inScope(scope), params.statuses?.length ? inArray(o.status, params.statuses) : undefined, after),
    )
    .orderBy(desc(o.score), o.id)
    .limit(params.limit + 1);
}

/** Moves a row from `from` to `to`; undefined when it was no longer in `from` (a concurrent move). */
export async function transitionUpsell(
  db: Database,
  scope: Scope,
  id: string,
  from: UpsellStatusValue,
  to: UpsellStatusValue,
  now: Date,
): Promise<UpsellRow | undefined> {
  const rows = await db
    .update(upsellOpportunities)
    .set({ status: to, updatedAt: now })
    .where(and(inScope(scope), eq(upsellOpportunities.id, id), eq(upsellOpportunities.status, from)))
    .returning();
  return rows[0];
}

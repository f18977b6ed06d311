import { and, eq, inArray, sql } from 'drizzle-orm';
import { attioRecordOfOpportunity } from './crm-joins.ts';
import type { Database } from '../client.ts';
import { attioOpportunitiesRaw } from '../schema/attio.ts';
import { crmOpportunities } from '../schema/crm.ts';
import { kagEvents, kagSignals } from '../schema/kag-core.ts';
import { linearCyclesRaw, linearIssuesRaw } from '../schema/linear.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * Where a signal's evidence lives: the rows an `EvidenceRef` points at, read just far enough to
 * link them (a message's conversation, an issue's identifier and URL, a deal's CRM page).
 * Every read is scoped to the project, so a ref can never reveal another project's row.
 */

export async function findKagSignal(db: Database, scope: KagScope, id: string) {
  const rows = await db
    .select({
      id: kagSignals.id,
      key: kagSignals.key,
      title: kagSignals.title,
      evidence: kagSignals.evidence,
    })
    .from(kagSignals)
    .where(
      and(
        eq(kagSignals.accountScopeId, scope.accountScopeId),
        eq(kagSignals.projectId, scope.projectId),
        eq(kagSignals.id, id),
      ),
    );
  return rows[0] ?? null;
}

/** Chatwoot message events: the conversation id sits in the payload, the message id is the source ref. */
export async function listEvidenceEvents(db: Database, scope: KagScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: kagEvents.id,
      kind: kagEvents.kind,
      source: kagEvents.source,
      sourceRef: kagEvents.sourceRef,
      conversationId: sql<unknown>`${kagEvents.payload}->'conversationId'`,
    })
    .from(kagEvents)
    .where(
      and(
        eq(kagEvents.accountScopeId, scope.accountScopeId),
        eq(kagEvents.projectId, scope.projectId),
        inArray(kagEvents.id, [...ids]),
      ),
    );
}

export async function listEvidenceIssues(db: Database, scope: KagScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: linearIssuesRaw.id, identifier: linearIssuesRaw.identifier, url: linearIssuesRaw.url })
    .from(linearIssuesRaw)
    .where(
      and(
        eq(linearIssuesRaw.accountScopeId, scope.accountScopeId),
        eq(linearIssuesRaw.projectId, scope.projectId),
        inArray(linearIssuesRaw.id, [...ids]),
      ),
    );
}

export async function listEvidenceCycles(db: Database, scope: KagScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: linearCyclesRaw.id, number: linearCyclesRaw.number })
    .from(linearCyclesRaw)
    .where(
      and(
        eq(linearCyclesRaw.accountScopeId, scope.accountScopeId),
        eq(linearCyclesRaw.projectId, scope.projectId),
        inArray(linearCyclesRaw.id, [...ids]),
      ),
    );
}

/** Deals from the CRM mirror; mirrored Attio deals carry the record's web URL. */
export async function listEvidenceDeals(db: Database, scope: KagScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: crmOpportunities.id,
      title: crmOpportunities.title,
      webUrl: attioOpportunitiesRaw.webUrl,
    })
    .from(crmOpportunities)
    .leftJoin(attioOpportunitiesRaw, attioRecordOfOpportunity)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        inArray(crmOpportunities.id, [...ids]),
      ),
    );
}

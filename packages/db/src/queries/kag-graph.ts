import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { attioRecordOfOpportunity } from './crm-joins.ts';
import { listLinkPairs } from './identity.ts';
import type { Database } from '../client.ts';
import { attioOpportunitiesRaw, attioPeopleRaw } from '../schema/attio.ts';
import { cwContacts, cwConversations } from '../schema/chatwoot.ts';
import { crmAccounts, crmOpportunities } from '../schema/crm.ts';
import { kagEdges, kagNodes } from '../schema/kag-core.ts';
import { linearCyclesRaw, linearIssuesRaw } from '../schema/linear.ts';
import { projects } from '../schema/platform.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * The graph step's reads (the project's rows that become nodes) and writes (kag_nodes and
 * kag_edges, upserted on their unique keys, stale ones deleted). Every query is scoped by
 * workspace and project.
 */

const BATCH = 500;

export async function loadGraphSources(db: Database, scope: KagScope) {
  const { accountScopeId, projectId } = scope;
  const [project] = await db
    .select({ id: projects.id, name: projects.name, clientName: projects.clientName })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.accountScopeId, accountScopeId)))
    .limit(1);
  const conversations = await db
    .select({
      cwConversationId: cwConversations.cwConversationId,
      displayId: cwConversations.displayId,
      cwContactId: cwConversations.cwContactId,
      status: cwConversations.status,
    })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, accountScopeId),
        eq(cwConversations.projectId, projectId),
        isNull(cwConversations.deletedAt),
      ),
    );
  const contactIds = [
    ...new Set(conversations.flatMap((c) => (c.cwContactId === null ? [] : [c.cwContactId]))),
  ];
  const contacts = await db
    .select({ cwContactId: cwContacts.cwContactId, name: cwContacts.name, email: cwContacts.email })
    .from(cwContacts)
    .where(
      and(
        eq(cwContacts.accountScopeId, accountScopeId),
        isNull(cwContacts.deletedAt),
        or(
          eq(cwContacts.projectId, projectId),
          contactIds.length > 0 ? inArray(cwContacts.cwContactId, contactIds) : undefined,
        ),
      ),
    );
  const deals = await db
    .select({
      id: crmOpportunities.id,
      source: crmOpportunities.source,
      externalRef: crmOpportunities.externalRef,
      title: crmOpportunities.title,
      status: crmOpportunities.status,
      stage: crmOpportunities.stage,
      crmAccountId: crmOpportunities.crmAccountId,
      personRecordIds: attioOpportunitiesRaw.personRecordIds,
    })
    .from(crmOpportunities)
    .leftJoin(attioOpportunitiesRaw, attioRecordOfOpportunity)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, accountScopeId),
        eq(crmOpportunities.projectId, projectId),
        isNull(crmOpportunities.deletedAt),
      ),
    );
  const dealAccountIds = [...new Set(deals.flatMap((d) => (d.crmAccountId ? [d.crmAccountId] : [])))];
  const accounts = await db
    .select({
      id: crmAccounts.id,
      source: crmAccounts.source,
      externalRef: crmAccounts.externalRef,
      name: crmAccounts.name,
    })
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, accountScopeId),
        isNull(crmAccounts.deletedAt),
        or(
          eq(crmAccounts.projectId, projectId),
          dealAccountIds.length > 0 ? inArray(crmAccounts.id, dealAccountIds) : undefined,
        ),
      ),
    );
  const companyRefs = accounts.flatMap((a) => (a.source === 'attio' && a.externalRef ? [a.externalRef] : []));
  const dealPeople = [...new Set(deals.flatMap((d) => d.personRecordIds ?? []))];
  const attioPeople = await db
    .select({
      attioRecordId: attioPeopleRaw.attioRecordId,
      fullName: attioPeopleRaw.fullName,
      primaryEmail: attioPeopleRaw.primaryEmail,
      companyRecordId: attioPeopleRaw.companyRecordId,
    })
    .from(attioPeopleRaw)
    .where(
      and(
        eq(attioPeopleRaw.accountScopeId, accountScopeId),
        isNull(attioPeopleRaw.deletedAt),
        or(
          eq(attioPeopleRaw.projectId, projectId),
          companyRefs.length > 0 ? inArray(attioPeopleRaw.companyRecordId, companyRefs) : undefined,
          dealPeople.length > 0 ? inArray(attioPeopleRaw.attioRecordId, dealPeople) : undefined,
        ),
      ),
    );
  const issues = await db
    .select({
      linearIssueId: linearIssuesRaw.linearIssueId,
      identifier: linearIssuesRaw.identifier,
      title: linearIssuesRaw.title,
      stateType: linearIssuesRaw.stateType,
      linearCycleId: linearIssuesRaw.linearCycleId,
      assigneeId: linearIssuesRaw.assigneeId,
      assigneeName: linearIssuesRaw.assigneeName,
      assigneeEmail: linearIssuesRaw.assigneeEmail,
    })
    .from(linearIssuesRaw)
    .where(
      and(
        eq(linearIssuesRaw.accountScopeId, accountScopeId),
        eq(linearIssuesRaw.projectId, projectId),
        isNull(linearIssuesRaw.archivedAt),
        eq(linearIssuesRaw.trashed, false),
      ),
    );
  const cycles = await db
    .select({ linearCycleId: linearCyclesRaw.linearCycleId, number: linearCyclesRaw.number })
    .from(linearCyclesRaw)
    .where(
      and(
        eq(linearCyclesRaw.accountScopeId, accountScopeId),
        eq(linearCyclesRaw.projectId, projectId),
        isNull(linearCyclesRaw.archivedAt),
      ),
    );
  // Links a reviewer confirmed in the identity graph: they join people across systems.
  const identityLinks = await listLinkPairs(db, scope);
  return {
    project: project ?? null,
    identityLinks,
    accounts,
    contacts,
    conversations,
    attioPeople,
    issues,
    cycles,
    deals: deals.map((d) => ({ ...d, personRecordIds: d.personRecordIds ?? [] })),
  };
}

const projectFilter = <T extends typeof kagNodes | typeof kagEdges>(t: T, scope: KagScope) =>
  and(eq(t.accountScopeId, scope.accountScopeId), eq(t.projectId, scope.projectId));

export async function listGraphNodes(db: Database, scope: KagScope) {
  return db
    .select({
      id: kagNodes.id,
      nodeType: kagNodes.nodeType,
      nodeKey: kagNodes.nodeKey,
      label: kagNodes.label,
      props: kagNodes.props,
    })
    .from(kagNodes)
    .where(projectFilter(kagNodes, scope));
}

export async function listGraphEdges(db: Database, scope: KagScope) {
  return db
    .select({
      id: kagEdges.id,
      fromNodeId: kagEdges.fromNodeId,
      toNodeId: kagEdges.toNodeId,
      edgeType: kagEdges.edgeType,
    })
    .from(kagEdges)
    .where(projectFilter(kagEdges, scope));
}

export type GraphNodeWrite = {
  nodeType: (typeof kagNodes.$inferInsert)['nodeType'];
  nodeKey: string;
  label: string | null;
  props: Record<string, unknown>;
};

/** Upserts on (project, type, key); returns the ids of the written nodes by key. */
export async function upsertGraphNodes(
  db: Database,
  scope: KagScope,
  nodes: readonly GraphNodeWrite[],
): Promise<Array<{ id: string; nodeKey: string }>> {
  const out: Array<{ id: string; nodeKey: string }> = [];
  for (let i = 0; i < nodes.length; i += BATCH) {
    const rows = await db
      .insert(kagNodes)
      .values(nodes.slice(i, i + BATCH).map((n) => ({ ...n, ...scope })))
      .onConflictDoUpdate({
        target: [kagNodes.projectId, kagNodes.nodeType, kagNodes.nodeKey, kagNodes.accountScopeId],
        set: { label: sql`excluded.label`, props: sql`excluded.props`, updatedAt: sql`now()` },
      })
      .returning({ id: kagNodes.id, nodeKey: kagNodes.nodeKey });
    out.push(...rows);
  }
  return out;
}

/** Deletes nodes by id (their edges go with them: the foreign keys cascade). */
export async function deleteGraphNodes(db: Database, scope: KagScope, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += BATCH)
    await db
      .delete(kagNodes)
      .where(and(projectFilter(kagNodes, scope), inArray(kagNodes.id, ids.slice(i, i + BATCH))));
}

export async function insertGraphEdges(
  db: Database,
  scope: KagScope,
  edges: ReadonlyArray<{ fromNodeId: string; toNodeId: string; edgeType: string }>,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < edges.length; i += BATCH) {
    const rows = await db
      .insert(kagEdges)
      .values(edges.slice(i, i + BATCH).map((e) => ({ ...e, ...scope })))
      .onConflictDoNothing({
        target: [kagEdges.fromNodeId, kagEdges.toNodeId, kagEdges.edgeType, kagEdges.accountScopeId],
      })
      .returning({ id: kagEdges.id });
    inserted += rows.length;
  }
  return inserted;
}

export async function deleteGraphEdges(db: Database, scope: KagScope, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += BATCH)
    await db
      .delete(kagEdges)
      .where(and(projectFilter(kagEdges, scope), inArray(kagEdges.id, ids.slice(i, i + BATCH))));
}

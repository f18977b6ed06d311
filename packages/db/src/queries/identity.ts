import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { attioAccountsRaw, attioPeopleRaw } from '../schema/attio.ts';
import { cwContacts, cwConversations } from '../schema/chatwoot.ts';
import { crmAccounts } from '../schema/crm.ts';
import {
  type IdentityKind,
  type IdentityMatch,
  identityLinkSuggestions,
  identityLinks,
} from '../schema/identity.ts';
import { linearIssuesRaw } from '../schema/linear.ts';

/**
 * The identity graph's reads and writes (seed: identity-graph.js). The people of a project are
 * the same rows the kag graph reads: its conversations' contacts, the Attio people of its
 * accounts, the assignees of its Linear issues. Every query is scoped by workspace and project.
 */
type Scope = { accountScopeId: string; projectId: string };

export type SuggestionRow = typeof identityLinkSuggestions.$inferSelect;
export type LinkRow = typeof identityLinks.$inferSelect;
export type SuggestionStatus = SuggestionRow['status'];

export type IdentitySourceRows = {
  contacts: Array<{
    cwContactId: number;
    name: string | null;
    email: string | null;
    phoneNumber: string | null;
    companyName: string | null;
  }>;
  people: Array<{
    attioRecordId: string;
    fullName: string | null;
    primaryEmail: string | null;
    emails: string[];
    phoneNumbers: string[];
  }>;
  companies: Array<{
    attioRecordId: string;
    name: string | null;
    primaryDomain: string | null;
    domains: string[];
  }>;
  users: Array<{ assigneeId: string; assigneeName: string | null; assigneeEmail: string | null }>;
};

export async function loadIdentitySources(db: Database, scope: Scope): Promise<IdentitySourceRows> {
  const { accountScopeId, projectId } = scope;
  const conversationContacts = db
    .select({ id: cwConversations.cwContactId })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, accountScopeId),
        eq(cwConversations.projectId, projectId),
        isNotNull(cwConversations.cwContactId),
      ),
    );
  const contacts = await db
    .select({
      cwContactId: cwContacts.cwContactId,
      name: cwContacts.name,
      email: cwContacts.email,
      phoneNumber: cwContacts.phoneNumber,
      companyName: cwContacts.companyName,
    })
    .from(cwContacts)
    .where(
      and(
        eq(cwContacts.accountScopeId, accountScopeId),
        isNull(cwContacts.deletedAt),
        or(eq(cwContacts.projectId, projectId), inArray(cwContacts.cwContactId, conversationContacts)),
      ),
    );
  const accountRefs = db
    .select({ ref: crmAccounts.externalRef })
    .from(crmAccounts)
    .where(
      and(
        eq(crmAccounts.accountScopeId, accountScopeId),
        eq(crmAccounts.projectId, projectId),
        eq(crmAccounts.source, 'attio'),
        isNull(crmAccounts.deletedAt),
      ),
    );
  const companies = await db
    .select({
      attioRecordId: attioAccountsRaw.attioRecordId,
      name: attioAccountsRaw.name,
      primaryDomain: attioAccountsRaw.primaryDomain,
      domains: attioAccountsRaw.domains,
    })
    .from(attioAccountsRaw)
    .where(
      and(
        eq(attioAccountsRaw.accountScopeId, accountScopeId),
        isNull(attioAccountsRaw.deletedAt),
        or(eq(attioAccountsRaw.projectId, projectId), inArray(attioAccountsRaw.attioRecordId, accountRefs)),
      ),
    );
  const companyIds = companies.map((c) => c.attioRecordId);
  const people = await db
    .select({
      attioRecordId: attioPeopleRaw.attioRecordId,
      fullName: attioPeopleRaw.fullName,
      primaryEmail: attioPeopleRaw.primaryEmail,
      emails: attioPeopleRaw.emails,
      phoneNumbers: attioPeopleRaw.phoneNumbers,
    })
    .from(attioPeopleRaw)
    .where(
      and(
        eq(attioPeopleRaw.accountScopeId, accountScopeId),
        isNull(attioPeopleRaw.deletedAt),
        or(
          eq(attioPeopleRaw.projectId, projectId),
          companyIds.length > 0 ? inArray(attioPeopleRaw.companyRecordId, companyIds) : undefined,
        ),
      ),
    );
  const users = await db
    .selectDistinctOn([linearIssuesRaw.assigneeId], {
      assigneeId: sql<string>`${linearIssuesRaw.assigneeId}`,
      assigneeName: linearIssuesRaw.assigneeName,
      assigneeEmail: linearIssuesRaw.assigneeEmail,
    })
    .from(linearIssuesRaw)
    .where(
      and(
        eq(linearIssuesRaw.accountScopeId, accountScopeId),
        eq(linearIssuesRaw.projectId, projectId),
        isNotNull(linearIssuesRaw.assigneeId),
      ),
    )
    .orderBy(linearIssuesRaw.assigneeId, desc(linearIssuesRaw.sourceUpdatedAt));
  return { contacts, people, companies, users };
}

const suggestionScope = (scope: Scope) =>
  and(
    eq(identityLinkSuggestions.accountScopeId, scope.accountScopeId),
    eq(identityLinkSuggestions.projectId, scope.projectId),
  );
const linkScope = (scope: Scope) =>
  and(eq(identityLinks.accountScopeId, scope.accountScopeId), eq(identityLinks.projectId, scope.projectId));

export type SuggestionWrite = {
  leftKind: IdentityKind;
  leftRef: string;
  rightKind: IdentityKind;
  rightRef: string;
  confidence: number;
  matchedFields: IdentityMatch[];
};

/**
 * Puts candidates in the review queue: a new pair is `proposed`; a pair still proposed gets the
 * new confidence and fields; an applied or dismissed pair keeps its decision (a person said so).
 * Returns how many rows were inserted and how many changed.
 */
export async function upsertSuggestions(
  db: Database,
  scope: Scope,
  rows: readonly SuggestionWrite[],
  now: Date,
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const out = await db
      .insert(identityLinkSuggestions)
      .values(
        rows
          .slice(i, i + 500)
          .map((r) => ({ ...r, ...scope, status: 'proposed' as const, createdAt: now, updatedAt: now })),
      )
      .onConflictDoUpdate({
        target: [
          identityLinkSuggestions.projectId,
          identityLinkSuggestions.leftKind,
          identityLinkSuggestions.leftRef,
          identityLinkSuggestions.rightKind,
          identityLinkSuggestions.rightRef,
          identityLinkSuggestions.accountScopeId,
        ],
        set: {
          confidence: sql`excluded.confidence`,
          matchedFields: sql`excluded.matched_fields`,
          updatedAt: sql`excluded.updated_at`,
        },
        // Only rows whose evidence changed are touched, so a quiet refresh writes nothing.
        setWhere: sql`${identityLinkSuggestions.status} = 'proposed' and (${identityLinkSuggestions.confidence} <> excluded.confidence or ${identityLinkSuggestions.matchedFields} <> excluded.matched_fields)`,
      })
      .returning({
        createdAt: identityLinkSuggestions.createdAt,
        updatedAt: identityLinkSuggestions.updatedAt,
      });
    for (const r of out) {
      if (r.createdAt.getTime() === now.getTime()) inserted++;
      else updated++;
    }
  }
  return { inserted, updated };
}

/** Proposed suggestions whose pair the matcher no longer finds: the evidence went away. */
export async function deleteStaleProposals(
  db: Database,
  scope: Scope,
  keep: ReadonlySet<string>,
): Promise<number> {
  const proposed = await db
    .select({
      id: identityLinkSuggestions.id,
      leftKind: identityLinkSuggestions.leftKind,
      leftRef: identityLinkSuggestions.leftRef,
      rightKind: identityLinkSuggestions.rightKind,
      rightRef: identityLinkSuggestions.rightRef,
    })
    .from(identityLinkSuggestions)
    .where(and(suggestionScope(scope), eq(identityLinkSuggestions.status, 'proposed')));
  const stale = proposed.filter((s) => !keep.has(pairKey(s))).map((s) => s.id);
  for (let i = 0; i < stale.length; i += 500)
    await db
      .delete(identityLinkSuggestions)
      .where(and(suggestionScope(scope), inArray(identityLinkSuggestions.id, stale.slice(i, i + 500))));
  return stale.length;
}

export const pairKey = (p: { leftKind: string; leftRef: string; rightKind: string; rightRef: string }) =>
  `${p.leftKind}:${p.leftRef}|${p.rightKind}:${p.rightRef}`;

export async function listSuggestions(
  db: Database,
  scope: Scope,
  params: {
    status?: SuggestionStatus | undefined;
    limit: number;
    before?: { confidence: number; id: string } | undefined;
  },
): Promise<SuggestionRow[]> {
  const b = params.before;
  return db
    .select()
    .from(identityLinkSuggestions)
    .where(
      and(
        suggestionScope(scope),
        params.status ? eq(identityLinkSuggestions.status, params.status) : undefined,
        b
          ? or(
              lt(identityLinkSuggestions.confidence, b.confidence),
              and(eq(identityLinkSuggestions.confidence, b.confidence), lt(identityLinkSuggestions.id, b.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(identityLinkSuggestions.confidence), desc(identityLinkSuggestions.id))
    .limit(params.limit);
}

export async function countSuggestions(
  db: Database,
  scope: Scope,
  status: SuggestionStatus,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(identityLinkSuggestions)
    .where(and(suggestionScope(scope), eq(identityLinkSuggestions.status, status)));
  return row?.n ?? 0;
}

export async function getSuggestions(
  db: Database,
  scope: Scope,
  ids: readonly string[],
): Promise<SuggestionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(identityLinkSuggestions)
    .where(and(suggestionScope(scope), inArray(identityLinkSuggestions.id, [...ids])));
}

export async function setSuggestionStatus(
  db: Database,
  scope: Scope,
  id: string,
  from: readonly SuggestionStatus[],
  set: { status: SuggestionStatus; decidedBy: string | null; decidedAt: Date | null; updatedAt: Date },
): Promise<SuggestionRow | undefined> {
  const rows = await db
    .update(identityLinkSuggestions)
    .set(set)
    .where(
      and(
        suggestionScope(scope),
        eq(identityLinkSuggestions.id, id),
        inArray(identityLinkSuggestions.status, [...from]),
      ),
    )
    .returning();
  return rows[0];
}

/** Inserts the link once: a second insert of the same pair returns the first row. */
export async function insertLinkOnce(
  db: Database,
  scope: Scope,
  values: Omit<typeof identityLinks.$inferInsert, 'accountScopeId' | 'projectId'>,
): Promise<{ link: LinkRow; created: boolean }> {
  const rows = await db
    .insert(identityLinks)
    .values({ ...values, ...scope })
    .onConflictDoNothing({
      target: [
        identityLinks.projectId,
        identityLinks.leftKind,
        identityLinks.leftRef,
        identityLinks.rightKind,
        identityLinks.rightRef,
        identityLinks.accountScopeId,
      ],
    })
    .returning();
  if (rows[0]) return { link: rows[0], created: true };
  const [existing] = await db
    .select()
    .from(identityLinks)
    .where(
      and(
        linkScope(scope),
        eq(identityLinks.leftKind, values.leftKind),
        eq(identityLinks.leftRef, values.leftRef),
        eq(identityLinks.rightKind, values.rightKind),
        eq(identityLinks.rightRef, values.rightRef),
      ),
    )
    .limit(1);
  if (!existing) throw new Error('identity link insert returned nothing');
  return { link: existing, created: false };
}

export async function listLinks(db: Database, scope: Scope, params: { limit: number }): Promise<LinkRow[]> {
  return db
    .select()
    .from(identityLinks)
    .where(linkScope(scope))
    .orderBy(desc(identityLinks.createdAt), desc(identityLinks.id))
    .limit(params.limit);
}

export async function getLink(db: Database, scope: Scope, id: string): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(identityLinks)
    .where(and(linkScope(scope), eq(identityLinks.id, id)))
    .limit(1);
  return row;
}

/** Links touching any of these (kind, ref) records: the person a new link joins. */
export async function linksTouching(
  db: Database,
  scope: Scope,
  records: ReadonlyArray<{ kind: IdentityKind; ref: string }>,
): Promise<LinkRow[]> {
  const conds = records.flatMap((r) => [
    and(eq(identityLinks.leftKind, r.kind), eq(identityLinks.leftRef, r.ref)),
    and(eq(identityLinks.rightKind, r.kind), eq(identityLinks.rightRef, r.ref)),
  ]);
  if (conds.length === 0) return [];
  return db
    .select()
    .from(identityLinks)
    .where(and(linkScope(scope), or(...conds)));
}

export async function deleteLink(db: Database, scope: Scope, id: string): Promise<LinkRow | undefined> {
  const rows = await db
    .delete(identityLinks)
    .where(and(linkScope(scope), eq(identityLinks.id, id)))
    .returning();
  return rows[0];
}

/** The confirmed links of a project as graph node pairs (the kag graph step reads them). */
export async function listLinkPairs(db: Database, scope: Scope) {
  return db
    .select({
      leftKind: identityLinks.leftKind,
      leftRef: identityLinks.leftRef,
      rightKind: identityLinks.rightKind,
      rightRef: identityLinks.rightRef,
    })
    .from(identityLinks)
    .where(linkScope(scope));
}

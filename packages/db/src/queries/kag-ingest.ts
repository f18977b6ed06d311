import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { attioRecordOfOpportunity } from './crm-joins.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../client.ts';
import { attioActivitiesRaw, attioOpportunitiesRaw } from '../schema/attio.ts';
import { cwContacts, cwConversations, cwMessages } from '../schema/chatwoot.ts';
import { crmAccounts, crmOpportunities } from '../schema/crm.ts';
import { kagEvents, kagSignalState, type KagEventKind } from '../schema/kag-core.ts';
import { linearCyclesRaw, linearIssuesRaw } from '../schema/linear.ts';
import { projects } from '../schema/platform.ts';

/**
 * The pipeline's reads of the raw mirror and its writes of kag_events. Raw rows are read
 * incrementally by `updated_at` (the mirror stamps it on every upsert) past a cursor kept per
 * project and source in kag_signal_state (`ingest:<source>`).
 */
export type KagScope = { accountScopeId: string; projectId: string };
export type IngestSource = 'chatwoot' | 'linear' | 'attio';

const cursorKey = (source: IngestSource) => `ingest:${source}`;

export async function getIngestCursor(
  db: Database,
  scope: KagScope,
  source: IngestSource,
): Promise<Date | null> {
  const rows = await db
    .select({ cursor: kagSignalState.cursorOccurredAt })
    .from(kagSignalState)
    .where(
      and(eq(kagSignalState.projectId, scope.projectId), eq(kagSignalState.signalKey, cursorKey(source))),
    )
    .limit(1);
  return rows[0]?.cursor ?? null;
}

export async function setIngestCursor(
  db: Database,
  scope: KagScope,
  source: IngestSource,
  cursor: Date,
  configVersion: string,
  counts: Record<string, number>,
): Promise<void> {
  await db
    .insert(kagSignalState)
    .values({
      ...scope,
      signalKey: cursorKey(source),
      cursorOccurredAt: cursor,
      configVersion,
      state: { counts },
    })
    .onConflictDoUpdate({
      target: [kagSignalState.projectId, kagSignalState.signalKey],
      set: { cursorOccurredAt: cursor, configVersion, state: { counts }, updatedAt: sql`now()` },
    });
}

/** Forgets the ingest cursors, so the next refresh re-reads the whole mirror (the daily full pass). */
export async function resetIngestCursors(db: Database, scope: KagScope): Promise<void> {
  await db
    .delete(kagSignalState)
    .where(
      and(eq(kagSignalState.projectId, scope.projectId), sql`${kagSignalState.signalKey} like 'ingest:%'`),
    );
}

const since = (col: AnyPgColumn, cursor: Date | null) => (cursor ? gt(col, cursor) : undefined);

/** Name, client and settings (timezone) of the project, for sentences and business hours. */
export async function loadProjectProfile(db: Database, scope: KagScope) {
  const rows = await db
    .select({ name: projects.name, clientName: projects.clientName, settings: projects.settings })
    .from(projects)
    .where(and(eq(projects.id, scope.projectId), eq(projects.accountScopeId, scope.accountScopeId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function loadChatwootChanges(db: Database, scope: KagScope, cursor: Date | null) {
  const messages = await db
    .select({
      id: cwMessages.id,
      cwMessageId: cwMessages.cwMessageId,
      cwConversationId: cwMessages.cwConversationId,
      messageType: cwMessages.messageType,
      private: cwMessages.private,
      senderType: cwMessages.senderType,
      senderId: cwMessages.senderId,
      senderName: cwMessages.senderName,
      content: cwMessages.content,
      createdAtSource: cwMessages.createdAtSource,
      updatedAt: cwMessages.updatedAt,
      conversationDisplayId: cwConversations.displayId,
      contactName: cwContacts.name,
    })
    .from(cwMessages)
    .leftJoin(
      cwConversations,
      and(
        eq(cwConversations.accountScopeId, cwMessages.accountScopeId),
        eq(cwConversations.cwConversationId, cwMessages.cwConversationId),
      ),
    )
    .leftJoin(
      cwContacts,
      and(
        eq(cwContacts.accountScopeId, cwMessages.accountScopeId),
        eq(cwContacts.cwContactId, cwMessages.cwContactId),
      ),
    )
    .where(
      and(
        eq(cwMessages.accountScopeId, scope.accountScopeId),
        eq(cwMessages.projectId, scope.projectId),
        isNull(cwMessages.deletedAt),
        since(cwMessages.updatedAt, cursor),
      ),
    );
  const conversations = await db
    .select({
      id: cwConversations.id,
      cwConversationId: cwConversations.cwConversationId,
      displayId: cwConversations.displayId,
      status: cwConversations.status,
      createdAtSource: cwConversations.createdAtSource,
      lastActivityAt: cwConversations.lastActivityAt,
      sourceUpdatedAt: cwConversations.sourceUpdatedAt,
      updatedAt: cwConversations.updatedAt,
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
        since(cwConversations.updatedAt, cursor),
      ),
    );
  return { messages, conversations };
}

const issueColumns = {
  id: linearIssuesRaw.id,
  linearIssueId: linearIssuesRaw.linearIssueId,
  identifier: linearIssuesRaw.identifier,
  title: linearIssuesRaw.title,
  priority: linearIssuesRaw.priority,
  estimate: linearIssuesRaw.estimate,
  stateId: linearIssuesRaw.stateId,
  stateName: linearIssuesRaw.stateName,
  stateType: linearIssuesRaw.stateType,
  dueDate: linearIssuesRaw.dueDate,
  labels: linearIssuesRaw.labels,
  linearCycleId: linearIssuesRaw.linearCycleId,
  createdAtSource: linearIssuesRaw.createdAtSource,
  startedAt: linearIssuesRaw.startedAt,
  completedAt: linearIssuesRaw.completedAt,
  canceledAt: linearIssuesRaw.canceledAt,
  sourceUpdatedAt: linearIssuesRaw.sourceUpdatedAt,
  updatedAt: linearIssuesRaw.updatedAt,
  assigneeName: linearIssuesRaw.assigneeName,
};

const liveIssues = (scope: KagScope) =>
  and(
    eq(linearIssuesRaw.accountScopeId, scope.accountScopeId),
    eq(linearIssuesRaw.projectId, scope.projectId),
    isNull(linearIssuesRaw.archivedAt),
    eq(linearIssuesRaw.trashed, false),
  );

/**
 * Changed issues, plus open issues whose due date has passed: becoming overdue is a fact the
 * clock creates without any row changing.
 */
export async function loadLinearChanges(db: Database, scope: KagScope, cursor: Date | null, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const changedOrOverdue = cursor
    ? or(
        gt(linearIssuesRaw.updatedAt, cursor),
        and(
          isNull(linearIssuesRaw.completedAt),
          isNull(linearIssuesRaw.canceledAt),
          lt(linearIssuesRaw.dueDate, today),
        ),
      )
    : undefined;
  const issues = await db
    .select(issueColumns)
    .from(linearIssuesRaw)
    .where(and(liveIssues(scope), changedOrOverdue));
  const cycles = await loadCycles(db, scope);
  return { issues, cycles };
}

export async function loadIssues(db: Database, scope: KagScope) {
  return db.select(issueColumns).from(linearIssuesRaw).where(liveIssues(scope));
}

/** Cycles are few and their start and end are made by the clock: always read them all. */
export async function loadCycles(db: Database, scope: KagScope) {
  return db
    .select({
      id: linearCyclesRaw.id,
      linearCycleId: linearCyclesRaw.linearCycleId,
      number: linearCyclesRaw.number,
      startsAt: linearCyclesRaw.startsAt,
      endsAt: linearCyclesRaw.endsAt,
      completedAt: linearCyclesRaw.completedAt,
      updatedAt: linearCyclesRaw.updatedAt,
    })
    .from(linearCyclesRaw)
    .where(
      and(
        eq(linearCyclesRaw.accountScopeId, scope.accountScopeId),
        eq(linearCyclesRaw.projectId, scope.projectId),
        isNull(linearCyclesRaw.archivedAt),
      ),
    );
}

/** Deals of the project with the renewal date Attio keeps in the raw record (`renewal_date`). */
export async function loadDeals(db: Database, scope: KagScope, cursor: Date | null = null) {
  return db
    .select({
      id: crmOpportunities.id,
      externalRef: crmOpportunities.externalRef,
      title: crmOpportunities.title,
      stage: crmOpportunities.stage,
      status: crmOpportunities.status,
      amountMinor: crmOpportunities.amountMinor,
      currency: crmOpportunities.currency,
      expectedCloseDate: crmOpportunities.expectedCloseDate,
      stageChangedAt: crmOpportunities.stageChangedAt,
      closedAt: crmOpportunities.closedAt,
      createdAt: crmOpportunities.createdAt,
      /** When the deal was created in Attio (the mirror row's own time is when Keel first saw it). */
      createdAtSource: attioOpportunitiesRaw.createdAtSource,
      updatedAt: crmOpportunities.updatedAt,
      accountName: crmAccounts.name,
      renewalDate: sql<string | null>`${attioOpportunitiesRaw.raw}->'values'->'renewal_date'->0->>'value'`,
    })
    .from(crmOpportunities)
    .leftJoin(crmAccounts, eq(crmAccounts.id, crmOpportunities.crmAccountId))
    .leftJoin(attioOpportunitiesRaw, attioRecordOfOpportunity)
    .where(
      and(
        eq(crmOpportunities.accountScopeId, scope.accountScopeId),
        eq(crmOpportunities.projectId, scope.projectId),
        isNull(crmOpportunities.deletedAt),
        cursor ? gt(crmOpportunities.updatedAt, cursor) : undefined,
      ),
    );
}

export async function loadActivities(
  db: Database,
  scope: KagScope,
  options: { cursor?: Date | null; from?: Date } = {},
) {
  return db
    .select({
      id: attioActivitiesRaw.id,
      attioActivityId: attioActivitiesRaw.attioActivityId,
      kind: attioActivitiesRaw.kind,
      title: attioActivitiesRaw.title,
      occurredAt: attioActivitiesRaw.occurredAt,
      createdAtSource: attioActivitiesRaw.createdAtSource,
      updatedAt: attioActivitiesRaw.updatedAt,
    })
    .from(attioActivitiesRaw)
    .where(
      and(
        eq(attioActivitiesRaw.accountScopeId, scope.accountScopeId),
        eq(attioActivitiesRaw.projectId, scope.projectId),
        isNull(attioActivitiesRaw.deletedAt),
        options.cursor ? gt(attioActivitiesRaw.updatedAt, options.cursor) : undefined,
        options.from ? gte(attioActivitiesRaw.occurredAt, options.from) : undefined,
      ),
    );
}

export type KagEventInsert = {
  kind: KagEventKind;
  source: 'chatwoot' | 'linear' | 'attio' | 'system';
  sourceRef: string;
  occurredAt: Date;
  actor: string | null;
  actorRef: string | null;
  payload: Record<string, unknown>;
};

const BATCH = 500;

/** Set-based, idempotent on (project, source, source_ref, kind); returns how many were new. */
export async function insertKagEvents(
  db: Database,
  scope: KagScope,
  events: readonly KagEventInsert[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const rows = await db
      .insert(kagEvents)
      .values(events.slice(i, i + BATCH).map((e) => ({ ...e, ...scope })))
      .onConflictDoNothing({
        target: [kagEvents.projectId, kagEvents.source, kagEvents.sourceRef, kagEvents.kind],
      })
      .returning({ id: kagEvents.id });
    inserted += rows.length;
  }
  return inserted;
}

/** Message events of the trailing window, oldest first: the communication detectors' input. */
export async function loadMessageEvents(db: Database, scope: KagScope, from: Date) {
  return db
    .select({
      id: kagEvents.id,
      kind: kagEvents.kind,
      occurredAt: kagEvents.occurredAt,
      actor: kagEvents.actor,
      payload: kagEvents.payload,
    })
    .from(kagEvents)
    .where(
      and(
        eq(kagEvents.projectId, scope.projectId),
        eq(kagEvents.accountScopeId, scope.accountScopeId),
        inArray(kagEvents.kind, ['message_in', 'message_out']),
        gte(kagEvents.occurredAt, from),
      ),
    )
    .orderBy(asc(kagEvents.occurredAt));
}

/** Conversations a client may be waiting in. */
/**
 * The project's conversations: only open and pending ones by default (what today's refresh
 * needs); `all` for a history rebuild, which judges each past day's status from its messages.
 */
export async function loadConversations(db: Database, scope: KagScope, opts: { all?: boolean } = {}) {
  return db
    .select({
      id: cwConversations.id,
      cwConversationId: cwConversations.cwConversationId,
      displayId: cwConversations.displayId,
      status: cwConversations.status,
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
        opts.all ? undefined : inArray(cwConversations.status, ['open', 'pending']),
      ),
    );
}

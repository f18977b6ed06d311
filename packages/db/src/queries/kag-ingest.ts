import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { attioRecordOfOpportunity } from './crm-joins.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Database, queryRows } from '../client.ts';
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
 *
 * The cursor keeps PostgreSQL's microseconds (`IngestCursor`, an ISO string): through a JS Date
 * it lost them, so every row of the last write batch (one transaction, one `now()`) compared
 * greater than the cursor and was read, mapped and re-inserted at every refresh — after a
 * backfill, a project's whole mirror.
 */
export type KagScope = { accountScopeId: string; projectId: string };
export type IngestSource = 'chatwoot' | 'linear' | 'attio';
/** The mirror tables whose rows become events (cycles are re-read every time). */
export type IngestTable =
  | 'cw_messages'
  | 'cw_conversations'
  | 'linear_issues_raw'
  | 'crm_opportunities'
  | 'attio_activities_raw';
/** A timestamp to the microsecond, UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`: sorts as it compares. */
export type IngestCursor = string;

/** `col` to the microsecond as an `IngestCursor` (a Date would keep milliseconds only). */
const exactTime = (col: AnyPgColumn) =>
  sql<IngestCursor>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const cursorKey = (source: IngestSource) => `ingest:${source}`;

/**
 * What the last full read of a source saw, per mirror table: the rows the read selects at that
 * instant, as a count and a sum of 64-bit hashes of (row id, `updated_at` to the microsecond),
 * with the newest `updated_at` among them (`upTo`). See `checkIngestTable`.
 */
export type IngestTableCheck = { upTo: IngestCursor | null; count: number; sum: string };
export type IngestFullState = {
  configVersion: string;
  tables: Partial<Record<IngestTable, IngestTableCheck>>;
};
export type IngestCursorState = { cursor: IngestCursor | null; full: IngestFullState | null };

export async function getIngestCursor(
  db: Database,
  scope: KagScope,
  source: IngestSource,
): Promise<IngestCursor | null> {
  return (await getIngestCursorState(db, scope, source)).cursor;
}

/** The cursor and what the source's last full read saw (null before the first). */
export async function getIngestCursorState(
  db: Database,
  scope: KagScope,
  source: IngestSource,
): Promise<IngestCursorState> {
  const rows = await db
    .select({ cursor: exactTime(kagSignalState.cursorOccurredAt), state: kagSignalState.state })
    .from(kagSignalState)
    .where(
      and(eq(kagSignalState.projectId, scope.projectId), eq(kagSignalState.signalKey, cursorKey(source))),
    )
    .limit(1);
  const row = rows[0];
  const full = row?.state?.full;
  return {
    cursor: row?.cursor ?? null,
    full: full && typeof full === 'object' ? (full as IngestFullState) : null,
  };
}

/**
 * Moves the cursor. `full` (after a full or verified read) replaces what the last full read saw;
 * without it the stored one is kept, so incremental refreshes do not forget it.
 */
export async function setIngestCursor(
  db: Database,
  scope: KagScope,
  source: IngestSource,
  cursor: IngestCursor,
  configVersion: string,
  counts: Record<string, number>,
  full?: IngestFullState,
): Promise<void> {
  const at = sql`${cursor}::timestamptz`;
  const state: Record<string, unknown> = full ? { counts, full } : { counts };
  await db
    .insert(kagSignalState)
    .values({
      ...scope,
      signalKey: cursorKey(source),
      cursorOccurredAt: at,
      configVersion,
      state,
    })
    .onConflictDoUpdate({
      target: [kagSignalState.projectId, kagSignalState.signalKey, kagSignalState.accountScopeId],
      set: {
        cursorOccurredAt: at,
        configVersion,
        state: full ? state : sql`${kagSignalState.state} || ${JSON.stringify(state)}::jsonb`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * A mirror table's live rows in the project: what an ingest read selects (issues: `liveIssues`).
 * The reads and the full read's check (`checkIngestTable`) share it, so they cover the same rows.
 */
const liveInProject = (
  t: typeof cwMessages | typeof cwConversations | typeof crmOpportunities | typeof attioActivitiesRaw,
  scope: KagScope,
) => and(eq(t.accountScopeId, scope.accountScopeId), eq(t.projectId, scope.projectId), isNull(t.deletedAt));

/** The rows of each ingested table that its read selects (live, in the project). */
const ingestTables = (scope: KagScope) => ({
  cw_messages: {
    table: cwMessages,
    id: cwMessages.id,
    updatedAt: cwMessages.updatedAt,
    where: liveInProject(cwMessages, scope),
  },
  cw_conversations: {
    table: cwConversations,
    id: cwConversations.id,
    updatedAt: cwConversations.updatedAt,
    where: liveInProject(cwConversations, scope),
  },
  linear_issues_raw: {
    table: linearIssuesRaw,
    id: linearIssuesRaw.id,
    updatedAt: linearIssuesRaw.updatedAt,
    where: liveIssues(scope),
  },
  crm_opportunities: {
    table: crmOpportunities,
    id: crmOpportunities.id,
    updatedAt: crmOpportunities.updatedAt,
    where: liveInProject(crmOpportunities, scope),
  },
  attio_activities_raw: {
    table: attioActivitiesRaw,
    id: attioActivitiesRaw.id,
    updatedAt: attioActivitiesRaw.updatedAt,
    where: liveInProject(attioActivitiesRaw, scope),
  },
});

/**
 * One statement over the rows a table's read selects: `now` is their check (count, sum of
 * 64-bit hashes of id and `updated_at` to the microsecond, newest `updated_at`), `below` the same
 * for the rows at or below `upTo` — equal to what the last full read saw exactly when none of
 * those rows changed, disappeared or appeared since (whatever their `updated_at`), the hash
 * colliding aside. Order-free, so no sort; the project's rows come by index.
 */
export async function checkIngestTable(
  db: Database,
  scope: KagScope,
  name: IngestTable,
  upTo: IngestCursor | null,
): Promise<{ now: IngestTableCheck; below: { count: number; sum: string } }> {
  const t = ingestTables(scope)[name];
  const hash = sql`hashtextextended(${t.id}::text, (extract(epoch from ${t.updatedAt}) * 1000000)::bigint)`;
  const inside = upTo ? sql`${t.updatedAt} <= ${upTo}::timestamptz` : sql`false`;
  const rows = await db
    .select({
      count: sql<number>`count(*)::int`,
      sum: sql<string>`coalesce(sum(${hash}), 0)::text`,
      upTo: sql<IngestCursor | null>`to_char(max(${t.updatedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      belowCount: sql<number>`(count(*) filter (where ${inside}))::int`,
      belowSum: sql<string>`coalesce(sum(${hash}) filter (where ${inside}), 0)::text`,
    })
    .from(t.table)
    .where(t.where);
  const r = rows[0];
  return {
    now: { upTo: r?.upTo ?? null, count: Number(r?.count ?? 0), sum: String(r?.sum ?? '0') },
    below: { count: Number(r?.belowCount ?? 0), sum: String(r?.belowSum ?? '0') },
  };
}

const after = (col: AnyPgColumn, cursor: IngestCursor) => sql`${col} > ${cursor}::timestamptz`;
const since = (col: AnyPgColumn, cursor: IngestCursor | null) => (cursor ? after(col, cursor) : undefined);

/** Name, client and settings (timezone) of the project, for sentences and business hours. */
export async function loadProjectProfile(db: Database, scope: KagScope) {
  const rows = await db
    .select({ name: projects.name, clientName: projects.clientName, settings: projects.settings })
    .from(projects)
    .where(and(eq(projects.id, scope.projectId), eq(projects.accountScopeId, scope.accountScopeId)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Chatwoot rows changed since the cursor; `{ messages, conversations }` gives each table its own
 * (a verified full read, `checkIngestTable`).
 */
export async function loadChatwootChanges(
  db: Database,
  scope: KagScope,
  cursor: IngestCursor | null | { messages: IngestCursor | null; conversations: IngestCursor | null },
) {
  const cursors =
    cursor !== null && typeof cursor === 'object' ? cursor : { messages: cursor, conversations: cursor };
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
      updatedAtExact: exactTime(cwMessages.updatedAt),
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
    .where(and(liveInProject(cwMessages, scope), since(cwMessages.updatedAt, cursors.messages)));
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
      updatedAtExact: exactTime(cwConversations.updatedAt),
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
      and(liveInProject(cwConversations, scope), since(cwConversations.updatedAt, cursors.conversations)),
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
  updatedAtExact: exactTime(linearIssuesRaw.updatedAt),
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
export async function loadLinearChanges(
  db: Database,
  scope: KagScope,
  cursor: IngestCursor | null,
  now: Date,
) {
  const today = now.toISOString().slice(0, 10);
  const changedOrOverdue = cursor
    ? or(
        after(linearIssuesRaw.updatedAt, cursor),
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
export async function loadDeals(db: Database, scope: KagScope, cursor: IngestCursor | null = null) {
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
      updatedAtExact: exactTime(crmOpportunities.updatedAt),
      accountName: crmAccounts.name,
      renewalDate: sql<string | null>`${attioOpportunitiesRaw.raw}->'values'->'renewal_date'->0->>'value'`,
    })
    .from(crmOpportunities)
    .leftJoin(crmAccounts, eq(crmAccounts.id, crmOpportunities.crmAccountId))
    .leftJoin(attioOpportunitiesRaw, attioRecordOfOpportunity)
    .where(and(liveInProject(crmOpportunities, scope), since(crmOpportunities.updatedAt, cursor)));
}

export async function loadActivities(
  db: Database,
  scope: KagScope,
  options: { cursor?: IngestCursor | null; from?: Date } = {},
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
      updatedAtExact: exactTime(attioActivitiesRaw.updatedAt),
    })
    .from(attioActivitiesRaw)
    .where(
      and(
        liveInProject(attioActivitiesRaw, scope),
        since(attioActivitiesRaw.updatedAt, options.cursor ?? null),
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

/** Rows per statement: one JSON parameter each, so the batch is bounded by memory, not parameters. */
const BATCH = 2000;

/**
 * Set-based, idempotent on (project, source, source_ref, kind); returns how many were new. One
 * JSON parameter through `jsonb_to_recordset` per batch, as the connectors' upserts do: drizzle's
 * insert builder spent 16–20 ms of Node per 500 rows turning each value into a parameter.
 */
export async function insertKagEvents(
  db: Database,
  scope: KagScope,
  events: readonly KagEventInsert[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const payload = JSON.stringify(
      events.slice(i, i + BATCH).map((e) => ({
        kind: e.kind,
        source: e.source,
        source_ref: e.sourceRef,
        occurred_at: e.occurredAt.toISOString(),
        actor: e.actor,
        actor_ref: e.actorRef,
        payload: e.payload,
      })),
    );
    const rows = await queryRows<{ n: number }>(
      db,
      sql`with written as (
            insert into kag_events (account_scope_id, project_id, kind, source, source_ref, occurred_at, actor, actor_ref, payload)
            select ${scope.accountScopeId}::uuid, ${scope.projectId}::uuid, x.kind, x.source, x.source_ref, x.occurred_at,
                   x.actor, x.actor_ref, coalesce(x.payload, '{}'::jsonb)
            from jsonb_to_recordset(${payload}::jsonb)
              as x(kind text, source text, source_ref text, occurred_at timestamptz, actor text, actor_ref text, payload jsonb)
            on conflict (project_id, source, source_ref, kind, account_scope_id) do nothing
            returning 1
          )
          select count(*)::int as n from written`,
    );
    inserted += Number(rows[0]?.n ?? 0);
  }
  return inserted;
}

/** The project's message events from `from` (and before `to` when given). */
const messageEventsSince = (scope: KagScope, from: Date, to?: Date) =>
  and(
    eq(kagEvents.projectId, scope.projectId),
    eq(kagEvents.accountScopeId, scope.accountScopeId),
    inArray(kagEvents.kind, ['message_in', 'message_out']),
    gte(kagEvents.occurredAt, from),
    to ? lt(kagEvents.occurredAt, to) : undefined,
  );

/** When the project's first message event in [from, to) happened (null: none); by the time index. */
export async function firstMessageEventAt(
  db: Database,
  scope: KagScope,
  from: Date,
  to: Date,
): Promise<Date | null> {
  const rows = await db
    .select({ at: sql<Date | null>`min(${kagEvents.occurredAt})`.mapWith(kagEvents.occurredAt) })
    .from(kagEvents)
    .where(messageEventsSince(scope, from, to));
  return rows[0]?.at ?? null;
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
    .where(messageEventsSince(scope, from))
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

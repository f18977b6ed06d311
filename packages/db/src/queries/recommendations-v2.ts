import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type EvidenceRef, kagEvents } from '../schema/kag-core.ts';
import { linearIssuesRaw } from '../schema/linear.ts';
import {
  kagRiskForecasts,
  OPEN_RECOMMENDATION_STATUSES,
  openRecommendationWhere,
  type RecommendationStatus,
  recommendationsV2,
  type SuggestedAction,
} from '../schema/kag-v2.ts';
import type { KagScope } from './kag-ingest.ts';

/** recommendations_v2: the refresh's upsert and closing, the ranked list, status and feedback. */

export type RecommendationV2Write = {
  type: string;
  subjectKey: string;
  title: string;
  body: string;
  status: 'new' | 'suppressed';
  suppressionReason: string | null;
  priority: number;
  severity: number;
  confidence: number;
  signalKeys: string[];
  evidence: EvidenceRef[];
  suggestedAction: SuggestedAction;
  configVersion: string;
  asOf: Date;
};

/** Per type in the workspace: what people accepted (or found helpful) and dismissed (or not). */
export async function listTypeFeedback(db: Database, accountScopeId: string) {
  const r = recommendationsV2;
  const rows = await db
    .select({
      type: r.type,
      accepted: sql<number>`(count(*) filter (where ${r.status} in ('accepted', 'done') and ${r.statusChangedBy} is not null)
        + count(*) filter (where ${r.feedback} = 'helpful'))::int`,
      dismissed: sql<number>`(count(*) filter (where ${r.status} = 'dismissed')
        + count(*) filter (where ${r.feedback} = 'not_helpful'))::int`,
    })
    .from(r)
    .where(eq(r.accountScopeId, accountScopeId))
    .groupBy(r.type);
  return rows.map((x) => ({ type: x.type, accepted: Number(x.accepted), dismissed: Number(x.dismissed) }));
}

/** The newest forecast per horizon (none until forecasts are built). */
export async function listLatestForecasts(db: Database, scope: KagScope) {
  const f = kagRiskForecasts;
  return db
    .selectDistinctOn([f.horizonDays], {
      horizonDays: f.horizonDays,
      probability: f.probability,
      dataSufficient: f.dataSufficient,
    })
    .from(f)
    .where(and(eq(f.accountScopeId, scope.accountScopeId), eq(f.projectId, scope.projectId)))
    .orderBy(f.horizonDays, desc(f.asOf));
}

/** Subjects a person closed recently (dismissed, or done after accepting) — a refresh does not reopen them. */
export async function listRecentlyClosedSubjects(
  db: Database,
  scope: KagScope,
  since: { dismissed: Date; done: Date },
) {
  const r = recommendationsV2;
  return db
    .select({ type: r.type, subjectKey: r.subjectKey })
    .from(r)
    .where(
      and(
        eq(r.accountScopeId, scope.accountScopeId),
        eq(r.projectId, scope.projectId),
        isNotNull(r.statusChangedBy),
        or(
          and(eq(r.status, 'dismissed'), gt(r.statusChangedAt, since.dismissed)),
          and(eq(r.status, 'done'), gt(r.statusChangedAt, since.done)),
        ),
      ),
    );
}

/**
 * One open row per (project, type, subject): inserts new subjects, refreshes the text, scores
 * and evidence of open ones. Only the gate's statuses move here — `new ⇄ suppressed` while
 * nobody has seen it, and an expired snooze back to `shown`; what a person set stays.
 */
export async function upsertRecommendationsV2(
  db: Database,
  scope: KagScope,
  rows: readonly RecommendationV2Write[],
): Promise<{ id: string; inserted: boolean; status: RecommendationStatus }[]> {
  if (rows.length === 0) return [];
  const r = recommendationsV2;
  return db
    .insert(r)
    .values(rows.map((x) => ({ ...x, ...scope })))
    .onConflictDoUpdate({
      target: [r.projectId, r.type, r.subjectKey, r.accountScopeId],
      targetWhere: openRecommendationWhere,
      set: {
        title: sql`excluded.title`,
        body: sql`excluded.body`,
        priority: sql`excluded.priority`,
        severity: sql`excluded.severity`,
        confidence: sql`excluded.confidence`,
        signalKeys: sql`excluded.signal_keys`,
        evidence: sql`excluded.evidence`,
        suggestedAction: sql`excluded.suggested_action`,
        configVersion: sql`excluded.config_version`,
        asOf: sql`excluded.as_of`,
        status: sql`case
          when ${r.status} in ('new', 'suppressed') then excluded.status
          when ${r.status} = 'snoozed' and ${r.snoozedUntil} <= excluded.as_of then 'shown'
          else ${r.status} end`,
        suppressionReason: sql`case when ${r.status} in ('new', 'suppressed') then excluded.suppression_reason else null end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: r.id, inserted: sql<boolean>`(xmax = 0)`, status: r.status });
}

/**
 * Closes (`done`) the open rows whose subject no longer appears in the signals. An accepted row
 * keeps who accepted it, so the learned weights still count it as accepted.
 */
export async function closeVanishedRecommendations(
  db: Database,
  scope: KagScope,
  live: readonly { type: string; subjectKey: string }[],
  now: Date,
): Promise<{ id: string; type: string; subjectKey: string }[]> {
  const r = recommendationsV2;
  const textArray = (values: readonly string[]) =>
    sql`${`{${values.map((v) => JSON.stringify(v)).join(',')}}`}::text[]`;
  const types = textArray(live.map((x) => x.type));
  const subjects = textArray(live.map((x) => x.subjectKey));
  return db
    .update(r)
    .set({
      status: 'done',
      statusChangedAt: now,
      statusChangedBy: sql`case when ${r.status} = 'accepted' then ${r.statusChangedBy} else null end`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(r.accountScopeId, scope.accountScopeId),
        eq(r.projectId, scope.projectId),
        inArray(r.status, [...OPEN_RECOMMENDATION_STATUSES]),
        live.length > 0
          ? sql`(${r.type}, ${r.subjectKey}) not in (select * from unnest(${types}, ${subjects}))`
          : undefined,
      ),
    )
    .returning({ id: r.id, type: r.type, subjectKey: r.subjectKey });
}

export const recommendationV2Columns = {
  id: recommendationsV2.id,
  accountScopeId: recommendationsV2.accountScopeId,
  projectId: recommendationsV2.projectId,
  type: recommendationsV2.type,
  subjectKey: recommendationsV2.subjectKey,
  title: recommendationsV2.title,
  body: recommendationsV2.body,
  status: recommendationsV2.status,
  suppressionReason: recommendationsV2.suppressionReason,
  priority: recommendationsV2.priority,
  severity: recommendationsV2.severity,
  confidence: recommendationsV2.confidence,
  signalKeys: recommendationsV2.signalKeys,
  evidence: recommendationsV2.evidence,
  suggestedAction: recommendationsV2.suggestedAction,
  snoozedUntil: recommendationsV2.snoozedUntil,
  firstShownAt: recommendationsV2.firstShownAt,
  statusChangedAt: recommendationsV2.statusChangedAt,
  feedback: recommendationsV2.feedback,
  feedbackComment: recommendationsV2.feedbackComment,
  asOf: recommendationsV2.asOf,
  createdAt: recommendationsV2.createdAt,
};

export type RecommendationV2Row = NonNullable<Awaited<ReturnType<typeof getRecommendationV2>>>;

export type RecommendationV2ListFilter = {
  /** Projects the caller sees; suppressed rows only from `suppressedProjectIds` (owners). */
  projectIds: readonly string[];
  suppressedProjectIds: readonly string[];
  type?: string | undefined;
  /** `open`: new, shown, accepted, and snoozed ones whose time has come. */
  status: 'open' | RecommendationStatus;
  now: Date;
  cursor: { p: number; id: string } | null;
  limit: number;
};

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The ranked queue over some projects: priority first, then id (the cursor's key). */
export async function listRecommendationsV2Rows(
  db: Database,
  accountScopeId: string,
  f: RecommendationV2ListFilter,
) {
  const r = recommendationsV2;
  if (f.projectIds.length === 0) return [];
  // One array parameter per list, not one per project: 500 projects are 2 parameters, not 1,000
  // (binding and planning a thousand parameters cost more than the query itself).
  const inProjects = (ids: readonly string[]) => sql`${r.projectId} = any(${uuidArray(ids)})`;
  const visible =
    f.suppressedProjectIds.length > 0
      ? or(
          and(inProjects(f.projectIds), sql`${r.status} <> 'suppressed'`),
          inProjects(f.suppressedProjectIds),
        )
      : and(inProjects(f.projectIds), sql`${r.status} <> 'suppressed'`);
  const status: SQL | undefined =
    f.status === 'open'
      ? or(
          inArray(r.status, ['new', 'shown', 'accepted']),
          and(eq(r.status, 'snoozed'), sql`${r.snoozedUntil} <= ${f.now.toISOString()}::timestamptz`),
        )
      : eq(r.status, f.status);
  const after = f.cursor
    ? or(lt(r.priority, f.cursor.p), and(eq(r.priority, f.cursor.p), gt(r.id, f.cursor.id)))
    : undefined;
  return db
    .select(recommendationV2Columns)
    .from(r)
    .where(
      and(
        eq(r.accountScopeId, accountScopeId),
        visible,
        status,
        f.type ? eq(r.type, f.type) : undefined,
        after,
      ),
    )
    .orderBy(desc(r.priority), asc(r.id))
    .limit(f.limit + 1);
}

export async function getRecommendationV2(db: Database, accountScopeId: string, id: string) {
  const [row] = await db
    .select(recommendationV2Columns)
    .from(recommendationsV2)
    .where(and(eq(recommendationsV2.accountScopeId, accountScopeId), eq(recommendationsV2.id, id)));
  return row ?? null;
}

/** Moves one row from `from` to a new status; null when someone else moved it first. */
export async function setRecommendationV2Status(
  db: Database,
  id: string,
  from: RecommendationStatus,
  set: {
    status: RecommendationStatus;
    at: Date;
    by: string;
    snoozedUntil?: Date | null;
  },
) {
  const r = recommendationsV2;
  const [row] = await db
    .update(r)
    .set({
      status: set.status,
      statusChangedAt: set.at,
      statusChangedBy: set.by,
      firstShownAt: sql`coalesce(${r.firstShownAt}, ${set.at.toISOString()}::timestamptz)`,
      ...(set.snoozedUntil !== undefined ? { snoozedUntil: set.snoozedUntil } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(r.id, id), eq(r.status, from)))
    .returning(recommendationV2Columns);
  return row ?? null;
}

export async function setRecommendationV2Feedback(
  db: Database,
  id: string,
  set: { feedback: 'helpful' | 'not_helpful'; comment: string | null; at: Date; by: string },
) {
  const r = recommendationsV2;
  const [row] = await db
    .update(r)
    .set({
      feedback: set.feedback,
      feedbackComment: set.comment,
      feedbackAt: set.at,
      feedbackBy: set.by,
      updatedAt: sql`now()`,
    })
    .where(eq(r.id, id))
    .returning(recommendationV2Columns);
  return row ?? null;
}

/** new → shown for the given rows of the given projects; rows already shown are left alone. */
export async function markRecommendationsV2ShownRows(
  db: Database,
  accountScopeId: string,
  projectIds: readonly string[],
  ids: readonly string[],
  at: Date,
) {
  const r = recommendationsV2;
  if (ids.length === 0 || projectIds.length === 0) return [];
  return db
    .update(r)
    .set({
      status: 'shown',
      firstShownAt: sql`coalesce(${r.firstShownAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(r.accountScopeId, accountScopeId),
        inArray(r.projectId, [...projectIds]),
        inArray(r.id, [...ids]),
        eq(r.status, 'new'),
      ),
    )
    .returning({ id: r.id, projectId: r.projectId });
}

/** Rows by id within the workspace (for the shown call's role check). */
export async function listRecommendationV2Projects(
  db: Database,
  accountScopeId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .select({ id: recommendationsV2.id, projectId: recommendationsV2.projectId })
    .from(recommendationsV2)
    .where(
      and(eq(recommendationsV2.accountScopeId, accountScopeId), inArray(recommendationsV2.id, [...ids])),
    );
}

/**
 * Where each cited row opens: a message event → its Chatwoot conversation and message ids
 * (the in-app conversation screen), a Linear issue → its Linear URL. Other rows have no page.
 */
export async function resolveEvidenceTargets(
  db: Database,
  accountScopeId: string,
  evidence: readonly EvidenceRef[],
) {
  const ids = (table: string) => [...new Set(evidence.filter((e) => e.table === table).map((e) => e.id))];
  const uuid = /^[0-9a-f-]{36}$/i;
  const events = ids('kag_events').filter((id) => uuid.test(id));
  const issues = ids('linear_issues_raw').filter((id) => uuid.test(id));
  const [eventRows, issueRows] = await Promise.all([
    events.length === 0
      ? []
      : db
          .select({
            id: kagEvents.id,
            sourceRef: kagEvents.sourceRef,
            conversationId: sql<string | null>`${kagEvents.payload}->>'conversationId'`,
          })
          .from(kagEvents)
          .where(and(eq(kagEvents.accountScopeId, accountScopeId), inArray(kagEvents.id, events))),
    issues.length === 0
      ? []
      : db
          .select({ id: linearIssuesRaw.id, url: linearIssuesRaw.url })
          .from(linearIssuesRaw)
          .where(
            and(eq(linearIssuesRaw.accountScopeId, accountScopeId), inArray(linearIssuesRaw.id, issues)),
          ),
  ]);
  const targets = new Map<string, { conversationId: number; messageId: number } | { url: string }>();
  for (const e of eventRows)
    if (e.conversationId && /^\d+$/.test(e.sourceRef))
      targets.set(`kag_events:${e.id}`, {
        conversationId: Number(e.conversationId),
        messageId: Number(e.sourceRef),
      });
  for (const i of issueRows) if (i.url) targets.set(`linear_issues_raw:${i.id}`, { url: i.url });
  return targets;
}

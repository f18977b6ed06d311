import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type EvidenceRef, kagEvents, kagSignals, type SignalCategory } from '../schema/kag-core.ts';
import { openRecommendationWhere, recommendationsV2 } from '../schema/kag-v2.ts';
import { type LEGACY_STATUSES, nextBestActions, signals } from '../schema/legacy.ts';
import type { KagScope } from './kag-ingest.ts';

/** The legacy signals / next-best-actions tables (seed: signals.js), written only by the projection of kag signals. */

export type LegacyStatus = (typeof LEGACY_STATUSES)[number];

const inProject = (scope: KagScope) =>
  and(eq(signals.accountScopeId, scope.accountScopeId), eq(signals.projectId, scope.projectId));
const nbaInProject = (scope: KagScope) =>
  and(
    eq(nextBestActions.accountScopeId, scope.accountScopeId),
    eq(nextBestActions.projectId, scope.projectId),
  );

export async function listProjectionInputs(db: Database, scope: KagScope) {
  const [kag, recs, stored] = await Promise.all([
    db
      .select({
        key: kagSignals.key,
        category: kagSignals.category,
        subjectKey: kagSignals.subjectKey,
        severity: kagSignals.severity,
        title: kagSignals.title,
        sentence: kagSignals.sentence,
        evidence: kagSignals.evidence,
        configVersion: kagSignals.configVersion,
        asOf: kagSignals.asOf,
      })
      .from(kagSignals)
      .where(
        and(eq(kagSignals.accountScopeId, scope.accountScopeId), eq(kagSignals.projectId, scope.projectId)),
      )
      .orderBy(kagSignals.key, kagSignals.subjectKey),
    db
      .select({
        id: recommendationsV2.id,
        type: recommendationsV2.type,
        subjectKey: recommendationsV2.subjectKey,
        title: recommendationsV2.title,
        body: recommendationsV2.body,
        priority: recommendationsV2.priority,
        signalKeys: recommendationsV2.signalKeys,
        suggestedAction: recommendationsV2.suggestedAction,
        status: recommendationsV2.status,
      })
      .from(recommendationsV2)
      .where(
        and(
          eq(recommendationsV2.accountScopeId, scope.accountScopeId),
          eq(recommendationsV2.projectId, scope.projectId),
          openRecommendationWhere,
        ),
      ),
    db
      .select({ id: signals.id, dedupeKey: signals.dedupeKey, resolvedAt: signals.resolvedAt })
      .from(signals)
      .where(inProject(scope)),
  ]);
  // Suppressed recommendations are held back by evidence gating: not a suggestion to act on.
  return { kag, recs: recs.filter((r) => r.status !== 'suppressed'), stored };
}

/** kag_events id → source system, for the events that signals cite. */
export async function listEventSources(db: Database, scope: KagScope, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: kagEvents.id, source: kagEvents.source })
    .from(kagEvents)
    .where(
      and(
        eq(kagEvents.accountScopeId, scope.accountScopeId),
        eq(kagEvents.projectId, scope.projectId),
        inArray(kagEvents.id, [...ids]),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.source]));
}

export type LegacySignalWrite = {
  dedupeKey: string;
  key: string;
  category: SignalCategory;
  source: 'chatwoot' | 'linear' | 'attio';
  sourceRef: string;
  severity: number;
  confidence: number;
  title: string;
  sentence: string;
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

/** Upserts by dedupe key; the status is never touched, and a signal firing again is open again. */
export async function upsertLegacySignals(
  db: Database,
  scope: KagScope,
  rows: readonly LegacySignalWrite[],
  now: Date,
): Promise<Array<{ id: string; dedupeKey: string; inserted: boolean }>> {
  if (rows.length === 0) return [];
  return db
    .insert(signals)
    .values(rows.map((r) => ({ ...r, ...scope, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [signals.projectId, signals.dedupeKey, signals.accountScopeId],
      set: {
        key: sql`excluded.key`,
        category: sql`excluded.category`,
        source: sql`excluded.source`,
        sourceRef: sql`excluded.source_ref`,
        severity: sql`excluded.severity`,
        confidence: sql`excluded.confidence`,
        title: sql`excluded.title`,
        sentence: sql`excluded.sentence`,
        evidence: sql`excluded.evidence`,
        configVersion: sql`excluded.config_version`,
        asOf: sql`excluded.as_of`,
        resolvedAt: null,
        updatedAt: now,
      },
    })
    .returning({
      id: signals.id,
      dedupeKey: signals.dedupeKey,
      // xmax is 0 only on a freshly inserted tuple: tells inserts from updates in one statement.
      inserted: sql<boolean>`(xmax = 0)`,
    });
}

export async function markLegacySignalsResolved(
  db: Database,
  scope: KagScope,
  dedupeKeys: readonly string[],
  now: Date,
): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const rows = await db
    .update(signals)
    .set({ resolvedAt: now, updatedAt: now })
    .where(and(inProject(scope), inArray(signals.dedupeKey, [...dedupeKeys]), isNull(signals.resolvedAt)))
    .returning({ id: signals.id });
  return rows.length;
}

export type NbaWrite = {
  dedupeKey: string;
  signalId: string | null;
  actionType: string;
  title: string;
  rationale: string;
  priority: number;
  dueAt: Date | null;
  evidence: EvidenceRef[];
};

/** Upserts by dedupe key; the status and the first due date are kept (a due date that moved every run would never come). */
export async function upsertNextBestActions(
  db: Database,
  scope: KagScope,
  rows: readonly NbaWrite[],
  now: Date,
) {
  if (rows.length === 0) return [];
  return db
    .insert(nextBestActions)
    .values(rows.map((r) => ({ ...r, ...scope, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [nextBestActions.projectId, nextBestActions.dedupeKey, nextBestActions.accountScopeId],
      set: {
        signalId: sql`excluded.signal_id`,
        actionType: sql`excluded.action_type`,
        title: sql`excluded.title`,
        rationale: sql`excluded.rationale`,
        priority: sql`excluded.priority`,
        evidence: sql`excluded.evidence`,
        dueAt: sql`coalesce(${nextBestActions.dueAt}, excluded.due_at)`,
        updatedAt: now,
      },
    })
    .returning({ id: nextBestActions.id });
}

const signalColumns = {
  id: signals.id,
  key: signals.key,
  category: signals.category,
  source: signals.source,
  sourceRef: signals.sourceRef,
  severity: signals.severity,
  confidence: signals.confidence,
  title: signals.title,
  sentence: signals.sentence,
  evidence: signals.evidence,
  status: signals.status,
  resolvedAt: signals.resolvedAt,
  dedupeKey: signals.dedupeKey,
  configVersion: signals.configVersion,
  asOf: signals.asOf,
  createdAt: signals.createdAt,
  updatedAt: signals.updatedAt,
};
export type LegacySignalRow = Awaited<ReturnType<typeof getLegacySignal>> & {};

export type LegacySignalFilter = {
  state: 'open' | 'resolved' | 'all';
  status?: LegacyStatus | undefined;
  limit: number;
  /** Keyset: rows before (createdAt, id) in (createdAt desc, id desc). */
  after: { t: Date; id: string } | null;
};

export async function listLegacySignals(db: Database, scope: KagScope, f: LegacySignalFilter) {
  const where: SQL[] = [inProject(scope) as SQL];
  if (f.state === 'open') where.push(isNull(signals.resolvedAt));
  if (f.state === 'resolved') where.push(isNotNull(signals.resolvedAt));
  if (f.status) where.push(eq(signals.status, f.status));
  if (f.after)
    where.push(
      or(
        lt(signals.createdAt, f.after.t),
        and(eq(signals.createdAt, f.after.t), lt(signals.id, f.after.id)),
      ) as SQL,
    );
  return db
    .select(signalColumns)
    .from(signals)
    .where(and(...where))
    .orderBy(desc(signals.createdAt), desc(signals.id))
    .limit(f.limit + 1);
}

export async function getLegacySignal(db: Database, scope: KagScope, id: string) {
  const rows = await db
    .select(signalColumns)
    .from(signals)
    .where(and(inProject(scope), eq(signals.id, id)));
  return rows[0] ?? null;
}

/** Compare-and-set on the status: null when someone moved it meanwhile. */
export async function setLegacySignalStatus(
  db: Database,
  scope: KagScope,
  id: string,
  from: LegacyStatus,
  to: LegacyStatus,
  now: Date,
) {
  const rows = await db
    .update(signals)
    .set({ status: to, updatedAt: now })
    .where(and(inProject(scope), eq(signals.id, id), eq(signals.status, from)))
    .returning(signalColumns);
  return rows[0] ?? null;
}

const nbaColumns = {
  id: nextBestActions.id,
  signalId: nextBestActions.signalId,
  actionType: nextBestActions.actionType,
  title: nextBestActions.title,
  rationale: nextBestActions.rationale,
  priority: nextBestActions.priority,
  status: nextBestActions.status,
  dueAt: nextBestActions.dueAt,
  evidence: nextBestActions.evidence,
  dedupeKey: nextBestActions.dedupeKey,
  createdAt: nextBestActions.createdAt,
  updatedAt: nextBestActions.updatedAt,
  signalResolvedAt: signals.resolvedAt,
};

export type NbaFilter = {
  status?: LegacyStatus | undefined;
  limit: number;
  /** Keyset: rows after (priority desc, id desc). */
  after: { p: number; id: string } | null;
};

export async function listNextBestActions(db: Database, scope: KagScope, f: NbaFilter) {
  const where: SQL[] = [nbaInProject(scope) as SQL];
  if (f.status) where.push(eq(nextBestActions.status, f.status));
  if (f.after)
    where.push(
      or(
        lt(nextBestActions.priority, f.after.p),
        and(eq(nextBestActions.priority, f.after.p), lt(nextBestActions.id, f.after.id)),
      ) as SQL,
    );
  return db
    .select(nbaColumns)
    .from(nextBestActions)
    .leftJoin(signals, eq(signals.id, nextBestActions.signalId))
    .where(and(...where))
    .orderBy(desc(nextBestActions.priority), desc(nextBestActions.id))
    .limit(f.limit + 1);
}

export async function getNextBestAction(db: Database, scope: KagScope, id: string) {
  const rows = await db
    .select(nbaColumns)
    .from(nextBestActions)
    .leftJoin(signals, eq(signals.id, nextBestActions.signalId))
    .where(and(nbaInProject(scope), eq(nextBestActions.id, id)));
  return rows[0] ?? null;
}

export async function setNextBestActionStatus(
  db: Database,
  scope: KagScope,
  id: string,
  from: LegacyStatus,
  to: LegacyStatus,
  now: Date,
) {
  const rows = await db
    .update(nextBestActions)
    .set({ status: to, updatedAt: now })
    .where(and(nbaInProject(scope), eq(nextBestActions.id, id), eq(nextBestActions.status, from)))
    .returning({ id: nextBestActions.id });
  return rows[0] ? getNextBestAction(db, scope, id) : null;
}

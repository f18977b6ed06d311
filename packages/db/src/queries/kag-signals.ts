import { and, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import {
  type EvidenceRef,
  kagRecommendations,
  kagScoreHistory,
  kagScores,
  kagSignalHistory,
  kagSignals,
  type ScoreComponent,
  type ScoreContributor,
  type SignalCategory,
} from '../schema/kag-core.ts';
import type { KagScope } from './kag-ingest.ts';

/** Writes and reads of the computed half: current signals and their history, scores, v1 recommendations. */
export type SignalWrite = {
  key: string;
  category: SignalCategory;
  subjectKey: string;
  severity: number;
  value: number | null;
  title: string;
  sentence: string;
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

export type SignalHistoryWrite = SignalWrite & { change: 'appeared' | 'changed' | 'resolved' };

export async function listCurrentSignals(db: Database, scope: KagScope) {
  return db
    .select({
      id: kagSignals.id,
      key: kagSignals.key,
      category: kagSignals.category,
      subjectKey: kagSignals.subjectKey,
      severity: kagSignals.severity,
      evidence: kagSignals.evidence,
      firstDetectedAt: kagSignals.firstDetectedAt,
    })
    .from(kagSignals)
    .where(
      and(eq(kagSignals.accountScopeId, scope.accountScopeId), eq(kagSignals.projectId, scope.projectId)),
    );
}

/** Replaces the current set: upserts what fires, deletes what resolved, appends history for changes. */
export async function writeSignalSet(
  db: Database,
  scope: KagScope,
  upserts: readonly SignalWrite[],
  resolvedIds: readonly string[],
  history: readonly SignalHistoryWrite[],
): Promise<void> {
  if (upserts.length > 0)
    await db
      .insert(kagSignals)
      .values(upserts.map((s) => ({ ...s, ...scope, firstDetectedAt: s.asOf })))
      .onConflictDoUpdate({
        target: [kagSignals.projectId, kagSignals.key, kagSignals.subjectKey, kagSignals.accountScopeId],
        // first_detected_at is kept from the first insert: how long a signal has fired matters.
        set: {
          category: sql`excluded.category`,
          severity: sql`excluded.severity`,
          value: sql`excluded.value`,
          title: sql`excluded.title`,
          sentence: sql`excluded.sentence`,
          evidence: sql`excluded.evidence`,
          configVersion: sql`excluded.config_version`,
          asOf: sql`excluded.as_of`,
          updatedAt: sql`now()`,
        },
      });
  if (resolvedIds.length > 0)
    await db
      .delete(kagSignals)
      .where(and(eq(kagSignals.projectId, scope.projectId), inArray(kagSignals.id, [...resolvedIds])));
  if (history.length > 0)
    await db.insert(kagSignalHistory).values(
      history.map((h) => ({
        ...scope,
        key: h.key,
        category: h.category,
        subjectKey: h.subjectKey,
        change: h.change,
        severity: h.severity,
        value: h.value,
        sentence: h.sentence,
        evidence: h.evidence,
        configVersion: h.configVersion,
        asOf: h.asOf,
      })),
    );
}

export async function listKagSignals(
  db: Database,
  scope: KagScope,
  options: { category?: SignalCategory; minSeverity?: number; limit: number },
) {
  const filters: Array<SQL | undefined> = [
    eq(kagSignals.accountScopeId, scope.accountScopeId),
    eq(kagSignals.projectId, scope.projectId),
    options.category ? eq(kagSignals.category, options.category) : undefined,
    options.minSeverity !== undefined ? gte(kagSignals.severity, options.minSeverity) : undefined,
  ];
  return db
    .select({
      id: kagSignals.id,
      key: kagSignals.key,
      category: kagSignals.category,
      subjectKey: kagSignals.subjectKey,
      severity: kagSignals.severity,
      value: kagSignals.value,
      title: kagSignals.title,
      sentence: kagSignals.sentence,
      evidence: kagSignals.evidence,
      firstDetectedAt: kagSignals.firstDetectedAt,
      configVersion: kagSignals.configVersion,
      asOf: kagSignals.asOf,
    })
    .from(kagSignals)
    .where(and(...filters))
    .orderBy(desc(kagSignals.severity), kagSignals.key, kagSignals.subjectKey)
    .limit(options.limit);
}

export type ScoreWrite = {
  scoreType: 'health' | 'risk';
  value: number;
  components: ScoreComponent[];
  topContributors: ScoreContributor[];
  configVersion: string;
  asOf: Date;
};

export async function writeScores(
  db: Database,
  scope: KagScope,
  scores: readonly ScoreWrite[],
): Promise<void> {
  if (scores.length === 0) return;
  const rows = scores.map((s) => ({ ...s, ...scope }));
  await db
    .insert(kagScores)
    .values(rows)
    .onConflictDoUpdate({
      target: [kagScores.projectId, kagScores.scoreType, kagScores.accountScopeId],
      set: {
        value: sql`excluded.value`,
        components: sql`excluded.components`,
        topContributors: sql`excluded.top_contributors`,
        configVersion: sql`excluded.config_version`,
        asOf: sql`excluded.as_of`,
        updatedAt: sql`now()`,
      },
    });
  // One history row per refresh; a rerun at the same instant replaces its own row.
  await db
    .insert(kagScoreHistory)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        kagScoreHistory.projectId,
        kagScoreHistory.scoreType,
        kagScoreHistory.asOf,
        kagScoreHistory.accountScopeId,
      ],
      set: {
        value: sql`excluded.value`,
        components: sql`excluded.components`,
        topContributors: sql`excluded.top_contributors`,
        configVersion: sql`excluded.config_version`,
      },
    });
}

export async function listKagScores(db: Database, scope: KagScope) {
  return db
    .select({
      id: kagScores.id,
      scoreType: kagScores.scoreType,
      value: kagScores.value,
      components: kagScores.components,
      topContributors: kagScores.topContributors,
      configVersion: kagScores.configVersion,
      asOf: kagScores.asOf,
    })
    .from(kagScores)
    .where(and(eq(kagScores.accountScopeId, scope.accountScopeId), eq(kagScores.projectId, scope.projectId)))
    .orderBy(kagScores.scoreType);
}

export async function listScoreHistory(db: Database, scope: KagScope, from: Date) {
  return db
    .select({
      scoreType: kagScoreHistory.scoreType,
      value: kagScoreHistory.value,
      asOf: kagScoreHistory.asOf,
    })
    .from(kagScoreHistory)
    .where(
      and(
        eq(kagScoreHistory.accountScopeId, scope.accountScopeId),
        eq(kagScoreHistory.projectId, scope.projectId),
        gte(kagScoreHistory.asOf, from),
      ),
    )
    .orderBy(kagScoreHistory.asOf);
}

export type RecommendationWrite = {
  ruleKey: string;
  subjectKey: string;
  title: string;
  body: string;
  priority: number;
  signalKeys: string[];
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

/**
 * Upserts the open recommendations and closes (`done`) open ones whose signal stopped firing.
 * A dismissed recommendation stays dismissed while its signal keeps firing. Returns the new ones.
 */
export async function writeRecommendations(
  db: Database,
  scope: KagScope,
  recs: readonly RecommendationWrite[],
): Promise<{ created: number; closed: number }> {
  const existing = await db
    .select({
      id: kagRecommendations.id,
      ruleKey: kagRecommendations.ruleKey,
      subjectKey: kagRecommendations.subjectKey,
      status: kagRecommendations.status,
    })
    .from(kagRecommendations)
    .where(
      and(
        eq(kagRecommendations.accountScopeId, scope.accountScopeId),
        eq(kagRecommendations.projectId, scope.projectId),
      ),
    );
  const key = (r: { ruleKey: string; subjectKey: string }) => `${r.ruleKey}\u0000${r.subjectKey}`;
  const byKey = new Map(existing.map((r) => [key(r), r]));
  const live = new Set(recs.map(key));
  const created = recs.filter((r) => {
    const old = byKey.get(key(r));
    return !old || old.status === 'done';
  }).length;
  if (recs.length > 0)
    await db
      .insert(kagRecommendations)
      .values(recs.map((r) => ({ ...r, ...scope, status: 'open' as const })))
      .onConflictDoUpdate({
        target: [
          kagRecommendations.projectId,
          kagRecommendations.ruleKey,
          kagRecommendations.subjectKey,
          kagRecommendations.accountScopeId,
        ],
        set: {
          title: sql`excluded.title`,
          body: sql`excluded.body`,
          priority: sql`excluded.priority`,
          signalKeys: sql`excluded.signal_keys`,
          evidence: sql`excluded.evidence`,
          configVersion: sql`excluded.config_version`,
          asOf: sql`excluded.as_of`,
          status: sql`case when ${kagRecommendations.status} = 'dismissed' then 'dismissed' else 'open' end`,
          updatedAt: sql`now()`,
        },
      });
  const toClose = existing.filter((r) => r.status === 'open' && !live.has(key(r))).map((r) => r.id);
  if (toClose.length > 0)
    await db
      .update(kagRecommendations)
      .set({ status: 'done', updatedAt: sql`now()` })
      .where(and(eq(kagRecommendations.projectId, scope.projectId), inArray(kagRecommendations.id, toClose)));
  return { created, closed: toClose.length };
}

export async function listKagRecommendations(
  db: Database,
  scope: KagScope,
  options: { status?: 'open' | 'done' | 'dismissed'; limit: number },
) {
  return db
    .select({
      id: kagRecommendations.id,
      ruleKey: kagRecommendations.ruleKey,
      subjectKey: kagRecommendations.subjectKey,
      title: kagRecommendations.title,
      body: kagRecommendations.body,
      priority: kagRecommendations.priority,
      status: kagRecommendations.status,
      signalKeys: kagRecommendations.signalKeys,
      evidence: kagRecommendations.evidence,
      configVersion: kagRecommendations.configVersion,
      asOf: kagRecommendations.asOf,
      createdAt: kagRecommendations.createdAt,
    })
    .from(kagRecommendations)
    .where(
      and(
        eq(kagRecommendations.accountScopeId, scope.accountScopeId),
        eq(kagRecommendations.projectId, scope.projectId),
        options.status ? eq(kagRecommendations.status, options.status) : undefined,
      ),
    )
    .orderBy(desc(kagRecommendations.priority), kagRecommendations.ruleKey, kagRecommendations.subjectKey)
    .limit(options.limit);
}

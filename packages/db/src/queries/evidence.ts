import { and, desc, eq, exists, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../client.ts';
import { attioActivitiesRaw } from '../schema/attio.ts';
import { cwMessages } from '../schema/chatwoot.ts';
import { crmOpportunities } from '../schema/crm.ts';
import { kagEvents, kagRecommendations, kagScores, kagSignals } from '../schema/kag-core.ts';
import { recommendationsV2 } from '../schema/kag-v2.ts';
import { nextBestActions, riskRadarItems, signals } from '../schema/legacy.ts';
import { linearCyclesRaw, linearIssuesRaw } from '../schema/linear.ts';
import { evidenceCitations, evidenceItems } from '../schema/operations.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * The evidence index (seed: audit.js `indexEvidenceRefs`): `evidence_items` holds one row per
 * cited row (message, issue, deal …) with a searchable snippet; `evidence_citations` says which
 * signal, score, recommendation, radar item or legacy signal cites it. Every read and write is
 * scoped to the project.
 */

/** The tables whose rows cite evidence, in the order the search lists them. */
export const CITING_TABLES = [
  'kag_signals',
  'kag_scores',
  'kag_recommendations',
  'recommendations_v2',
  'risk_radar_items',
  'signals',
  'next_best_actions',
] as const;
export type CitingTable = (typeof CITING_TABLES)[number];

const scoped = (t: { accountScopeId: PgColumn; projectId: PgColumn }, scope: KagScope) =>
  and(eq(t.accountScopeId, scope.accountScopeId), eq(t.projectId, scope.projectId)) as SQL;

/** Every citing row of the project with its raw evidence (scores cite through their top contributors). */
export async function listCitingRows(db: Database, scope: KagScope) {
  const [sig, scores, v1, v2, radar, legacy, nba] = await Promise.all([
    db
      .select({
        id: kagSignals.id,
        key: kagSignals.key,
        subjectKey: kagSignals.subjectKey,
        evidence: kagSignals.evidence,
      })
      .from(kagSignals)
      .where(scoped(kagSignals, scope)),
    db
      .select({ id: kagScores.id, topContributors: kagScores.topContributors })
      .from(kagScores)
      .where(scoped(kagScores, scope)),
    db
      .select({ id: kagRecommendations.id, evidence: kagRecommendations.evidence })
      .from(kagRecommendations)
      .where(scoped(kagRecommendations, scope)),
    db
      .select({ id: recommendationsV2.id, evidence: recommendationsV2.evidence })
      .from(recommendationsV2)
      .where(scoped(recommendationsV2, scope)),
    db
      .select({ id: riskRadarItems.id, evidence: riskRadarItems.evidence })
      .from(riskRadarItems)
      .where(scoped(riskRadarItems, scope)),
    db.select({ id: signals.id, evidence: signals.evidence }).from(signals).where(scoped(signals, scope)),
    db
      .select({ id: nextBestActions.id, evidence: nextBestActions.evidence })
      .from(nextBestActions)
      .where(scoped(nextBestActions, scope)),
  ]);
  return { signals: sig, scores, v1, v2, radar, legacy, nba };
}

export async function listEvidenceItemKeys(db: Database, scope: KagScope) {
  return db
    .select({
      id: evidenceItems.id,
      sourceTable: evidenceItems.sourceTable,
      sourceRef: evidenceItems.sourceRef,
    })
    .from(evidenceItems)
    .where(scoped(evidenceItems, scope));
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (ids: readonly string[]) => [...new Set(ids.filter((id) => uuidRe.test(id)))];

/** The text and time of the rows refs point at, for the tables that have text; the rest keep their label. */
export async function loadEvidenceSources(
  db: Database,
  scope: KagScope,
  idsByTable: ReadonlyMap<string, string[]>,
) {
  const ids = (t: string) => uuids(idsByTable.get(t) ?? []);
  const q = async <T>(list: string[], run: (l: string[]) => Promise<T[]>) =>
    list.length === 0 ? [] : run(list);
  const [events, messages, issues, cycles, deals, activities] = await Promise.all([
    q(ids('kag_events'), (l) =>
      db
        .select({
          id: kagEvents.id,
          kind: kagEvents.kind,
          source: kagEvents.source,
          sourceRef: kagEvents.sourceRef,
          occurredAt: kagEvents.occurredAt,
          payload: kagEvents.payload,
        })
        .from(kagEvents)
        .where(and(scoped(kagEvents, scope), inArray(kagEvents.id, l))),
    ),
    q(ids('cw_messages'), (l) =>
      db
        .select({ id: cwMessages.id, content: cwMessages.content, occurredAt: cwMessages.createdAtSource })
        .from(cwMessages)
        .where(and(scoped(cwMessages, scope), inArray(cwMessages.id, l))),
    ),
    q(ids('linear_issues_raw'), (l) =>
      db
        .select({
          id: linearIssuesRaw.id,
          identifier: linearIssuesRaw.identifier,
          title: linearIssuesRaw.title,
          description: linearIssuesRaw.description,
          occurredAt: linearIssuesRaw.createdAtSource,
        })
        .from(linearIssuesRaw)
        .where(and(scoped(linearIssuesRaw, scope), inArray(linearIssuesRaw.id, l))),
    ),
    q(ids('linear_cycles_raw'), (l) =>
      db
        .select({
          id: linearCyclesRaw.id,
          number: linearCyclesRaw.number,
          name: linearCyclesRaw.name,
          occurredAt: linearCyclesRaw.startsAt,
        })
        .from(linearCyclesRaw)
        .where(and(scoped(linearCyclesRaw, scope), inArray(linearCyclesRaw.id, l))),
    ),
    q(ids('crm_opportunities'), (l) =>
      db
        .select({
          id: crmOpportunities.id,
          title: crmOpportunities.title,
          stage: crmOpportunities.stage,
          occurredAt: crmOpportunities.stageChangedAt,
        })
        .from(crmOpportunities)
        .where(and(scoped(crmOpportunities, scope), inArray(crmOpportunities.id, l))),
    ),
    q(ids('attio_activities_raw'), (l) =>
      db
        .select({
          id: attioActivitiesRaw.id,
          title: attioActivitiesRaw.title,
          content: attioActivitiesRaw.content,
          occurredAt: attioActivitiesRaw.occurredAt,
        })
        .from(attioActivitiesRaw)
        .where(and(scoped(attioActivitiesRaw, scope), inArray(attioActivitiesRaw.id, l))),
    ),
  ]);
  return { events, messages, issues, cycles, deals, activities };
}

export type EvidenceItemWrite = {
  sourceTable: string;
  sourceRef: string;
  kind: string;
  snippet: string;
  occurredAt: Date | null;
  meta: Record<string, unknown>;
};

/** New items only: an item already indexed keeps its snippet (the index is incremental). */
export async function insertEvidenceItems(
  db: Database,
  scope: KagScope,
  rows: readonly EvidenceItemWrite[],
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db
    .insert(evidenceItems)
    .values(rows.map((r) => ({ ...r, ...scope, createdAt: now, updatedAt: now })))
    .onConflictDoNothing({
      target: [
        evidenceItems.projectId,
        evidenceItems.sourceTable,
        evidenceItems.sourceRef,
        evidenceItems.accountScopeId,
      ],
    })
    .returning({ id: evidenceItems.id });
  return written.length;
}

export async function listCitationKeys(db: Database, scope: KagScope) {
  return db
    .select({
      id: evidenceCitations.id,
      evidenceItemId: evidenceCitations.evidenceItemId,
      citingTable: evidenceCitations.citingTable,
      citingId: evidenceCitations.citingId,
    })
    .from(evidenceCitations)
    .where(scoped(evidenceCitations, scope));
}

export async function replaceCitations(
  db: Database,
  scope: KagScope,
  remove: readonly string[],
  add: ReadonlyArray<{ evidenceItemId: string; citingTable: string; citingId: string }>,
  now: Date,
) {
  // Batches keep each statement's parameter count far below PostgreSQL's 65 535.
  for (let i = 0; i < remove.length; i += 1000)
    await db
      .delete(evidenceCitations)
      .where(and(scoped(evidenceCitations, scope), inArray(evidenceCitations.id, remove.slice(i, i + 1000))));
  for (let i = 0; i < add.length; i += 1000)
    await db
      .insert(evidenceCitations)
      .values(add.slice(i, i + 1000).map((a) => ({ ...a, ...scope, createdAt: now })))
      .onConflictDoNothing();
}

export type EvidenceSearch = {
  q?: string | undefined;
  sourceTable?: string | undefined;
  sourceRef?: string | undefined;
  limit: number;
  after: { t: Date; id: string } | null;
};

/** The sort time of an item: when the cited row happened, else when it was indexed. */
const sortTime = sql<Date>`coalesce(${evidenceItems.occurredAt}, ${evidenceItems.createdAt})`;

/**
 * Cited items of the project, newest first: text search over snippets ('simple' config, as the
 * generated column), and/or everything citing one row — by its id, or by the vendor id the
 * item remembers (a Chatwoot message id finds the event that carries it).
 */
export async function searchEvidenceItems(db: Database, scope: KagScope, f: EvidenceSearch) {
  const where: SQL[] = [
    scoped(evidenceItems, scope),
    exists(
      db
        .select({ one: sql`1` })
        .from(evidenceCitations)
        .where(eq(evidenceCitations.evidenceItemId, evidenceItems.id)),
    ),
  ];
  if (f.q) where.push(sql`${evidenceItems.searchTsv} @@ websearch_to_tsquery('simple', ${f.q})`);
  if (f.sourceTable) where.push(eq(evidenceItems.sourceTable, f.sourceTable));
  if (f.sourceRef)
    where.push(
      or(
        eq(evidenceItems.sourceRef, f.sourceRef),
        sql`${evidenceItems.meta}->>'vendorRef' = ${f.sourceRef}`,
      ) as SQL,
    );
  if (f.after)
    where.push(
      sql`(${sortTime}, ${evidenceItems.id}) < (${f.after.t.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    );
  return db
    .select({
      id: evidenceItems.id,
      sourceTable: evidenceItems.sourceTable,
      sourceRef: evidenceItems.sourceRef,
      kind: evidenceItems.kind,
      snippet: evidenceItems.snippet,
      occurredAt: evidenceItems.occurredAt,
      meta: evidenceItems.meta,
      sortAt: sortTime,
    })
    .from(evidenceItems)
    .where(and(...where))
    .orderBy(desc(sortTime), desc(evidenceItems.id))
    .limit(f.limit + 1);
}

export async function listCitationsOf(db: Database, scope: KagScope, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({
      evidenceItemId: evidenceCitations.evidenceItemId,
      citingTable: evidenceCitations.citingTable,
      citingId: evidenceCitations.citingId,
    })
    .from(evidenceCitations)
    .where(and(scoped(evidenceCitations, scope), inArray(evidenceCitations.evidenceItemId, [...itemIds])))
    .orderBy(evidenceCitations.citingTable, evidenceCitations.citingId);
}

/** A title for each citing row, so a result says what cites it in words. */
export async function listCitingTitles(
  db: Database,
  scope: KagScope,
  byTable: ReadonlyMap<string, string[]>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tables = {
    kag_signals: { t: kagSignals, title: kagSignals.title, id: kagSignals.id },
    kag_scores: { t: kagScores, title: sql<string>`${kagScores.scoreType} || ' score'`, id: kagScores.id },
    kag_recommendations: {
      t: kagRecommendations,
      title: kagRecommendations.title,
      id: kagRecommendations.id,
    },
    recommendations_v2: { t: recommendationsV2, title: recommendationsV2.title, id: recommendationsV2.id },
    risk_radar_items: { t: riskRadarItems, title: riskRadarItems.title, id: riskRadarItems.id },
    signals: { t: signals, title: signals.title, id: signals.id },
    next_best_actions: { t: nextBestActions, title: nextBestActions.title, id: nextBestActions.id },
  } as const;
  await Promise.all(
    Object.entries(tables).map(async ([name, s]) => {
      const ids = uuids(byTable.get(name) ?? []);
      if (ids.length === 0) return;
      const rows = await db
        .select({ id: s.id, title: s.title })
        .from(s.t)
        .where(and(scoped(s.t, scope), inArray(s.id, ids)));
      for (const r of rows) out.set(`${name}:${r.id}`, r.title);
    }),
  );
  return out;
}

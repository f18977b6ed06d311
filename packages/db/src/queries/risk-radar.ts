import { and, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type EvidenceRef, kagSignals } from '../schema/kag-core.ts';
import { healthScores, riskRadarItems } from '../schema/legacy.ts';

/**
 * risk_radar_items: the seed's `refreshRiskAndHealth` view of the kag signals — one item per
 * project and risk (dedupe key), upserted every refresh; an item whose signals cleared is
 * closed (kept, so "cleared risks" can be listed), and reopened if they fire again.
 */
export type RiskScope = { accountScopeId: string; projectId: string };
export type RiskRadarRow = typeof riskRadarItems.$inferSelect;
export type RiskRadarStatus = RiskRadarRow['status'];

export type RiskRadarWrite = {
  dedupeKey: string;
  riskType: string;
  title: string;
  description: string | null;
  severity: number;
  probability: number | null;
  exposureMinor: number | null;
  currency: string | null;
  mitigation: string | null;
  signalKeys: string[];
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

/**
 * Upserts the open items and closes every other open item of the project. Returns the dedupe
 * keys that were opened (new or reopened) and closed by this call, for the event and digests.
 */
export async function syncRiskRadarItems(
  db: Database,
  scope: RiskScope,
  items: readonly RiskRadarWrite[],
  asOf: Date,
): Promise<{ opened: string[]; closed: string[]; open: number }> {
  return db.transaction(async (tx) => {
    const before = await tx
      .select({ key: riskRadarItems.dedupeKey, status: riskRadarItems.status })
      .from(riskRadarItems)
      .where(
        and(
          eq(riskRadarItems.accountScopeId, scope.accountScopeId),
          eq(riskRadarItems.projectId, scope.projectId),
        ),
      );
    const wasOpen = new Set(before.filter((b) => b.status === 'open').map((b) => b.key));
    for (const item of items) {
      await tx
        .insert(riskRadarItems)
        .values({ ...scope, ...item, status: 'open' })
        .onConflictDoUpdate({
          target: [riskRadarItems.projectId, riskRadarItems.dedupeKey, riskRadarItems.accountScopeId],
          set: {
            riskType: sql`excluded.risk_type`,
            title: sql`excluded.title`,
            description: sql`excluded.description`,
            severity: sql`excluded.severity`,
            probability: sql`excluded.probability`,
            exposureMinor: sql`excluded.exposure_minor`,
            currency: sql`excluded.currency`,
            mitigation: sql`excluded.mitigation`,
            signalKeys: sql`excluded.signal_keys`,
            evidence: sql`excluded.evidence`,
            configVersion: sql`excluded.config_version`,
            asOf: sql`excluded.as_of`,
            status: sql`'open'`,
            updatedAt: sql`now()`,
          },
        });
    }
    const keep = items.map((i) => i.dedupeKey);
    const closeWhere: SQL[] = [
      eq(riskRadarItems.accountScopeId, scope.accountScopeId),
      eq(riskRadarItems.projectId, scope.projectId),
      eq(riskRadarItems.status, 'open'),
    ];
    if (keep.length > 0) closeWhere.push(notInArray(riskRadarItems.dedupeKey, keep));
    const closed = await tx
      .update(riskRadarItems)
      .set({ status: 'closed', asOf, updatedAt: sql`now()` })
      .where(and(...closeWhere))
      .returning({ key: riskRadarItems.dedupeKey });
    return {
      opened: keep.filter((k) => !wasOpen.has(k)),
      closed: closed.map((c) => c.key),
      open: items.length,
    };
  });
}

export type RiskRadarFilter = { status?: RiskRadarStatus | 'all'; limit?: number };

/** Items of the given projects, most severe first (open only unless asked). */
export async function listRiskRadarItems(
  db: Database,
  scopes: readonly RiskScope[],
  filter: RiskRadarFilter = {},
): Promise<RiskRadarRow[]> {
  if (scopes.length === 0) return [];
  const where: SQL[] = [
    inArray(riskRadarItems.projectId, [...new Set(scopes.map((s) => s.projectId))]),
    inArray(riskRadarItems.accountScopeId, [...new Set(scopes.map((s) => s.accountScopeId))]),
  ];
  const status = filter.status ?? 'open';
  if (status !== 'all') where.push(eq(riskRadarItems.status, status));
  return db
    .select()
    .from(riskRadarItems)
    .where(and(...where))
    .orderBy(desc(riskRadarItems.severity), desc(riskRadarItems.updatedAt))
    .limit(filter.limit ?? 200);
}

export type LatestHealth = {
  projectId: string;
  score: number;
  band: string;
  configVersion: string;
  asOf: Date;
};

/** The newest health_scores row per project (what the kag refresh wrote last). */
export async function latestHealthScores(
  db: Database,
  scopes: readonly RiskScope[],
): Promise<LatestHealth[]> {
  if (scopes.length === 0) return [];
  const rows = await db
    .selectDistinctOn([healthScores.projectId], {
      projectId: healthScores.projectId,
      score: healthScores.score,
      band: healthScores.band,
      configVersion: healthScores.configVersion,
      asOf: healthScores.asOf,
    })
    .from(healthScores)
    .where(
      and(
        inArray(healthScores.projectId, [...new Set(scopes.map((s) => s.projectId))]),
        inArray(healthScores.accountScopeId, [...new Set(scopes.map((s) => s.accountScopeId))]),
      ),
    )
    .orderBy(healthScores.projectId, desc(healthScores.asOf));
  return rows;
}

/** The project's current kag signals with their sentences (what the radar items are made of). */
export async function listRadarSignals(db: Database, scope: RiskScope) {
  return db
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
    );
}

/** The newest health_scores row of one project, with its contributors. */
export async function latestProjectHealth(db: Database, scope: RiskScope) {
  const rows = await db
    .select()
    .from(healthScores)
    .where(
      and(eq(healthScores.accountScopeId, scope.accountScopeId), eq(healthScores.projectId, scope.projectId)),
    )
    .orderBy(desc(healthScores.asOf))
    .limit(1);
  return rows[0] ?? null;
}

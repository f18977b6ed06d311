import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { TimeUuidCursor } from '@keel/core/cursor';
import type { Database } from '../client.ts';
import { pastCaseOutcomes, projectSnapshots } from '../schema/snapshots.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * project_snapshots (one row per project and UTC day, upserted on (project, date)) and
 * past_case_outcomes (one label per snapshot and horizon, inserted once, never updated).
 */

const BATCH = 200;

const snapshotScope = (scope: KagScope) =>
  and(
    eq(projectSnapshots.accountScopeId, scope.accountScopeId),
    eq(projectSnapshots.projectId, scope.projectId),
  );
const outcomeScope = (scope: KagScope) =>
  and(
    eq(pastCaseOutcomes.accountScopeId, scope.accountScopeId),
    eq(pastCaseOutcomes.projectId, scope.projectId),
  );

/** Stored snapshot dates from `from` on, with their `as_of`. */
export async function listSnapshotDates(
  db: Database,
  scope: KagScope,
  from: string,
): Promise<Map<string, Date>> {
  const rows = await db
    .select({ date: projectSnapshots.snapshotDate, asOf: projectSnapshots.asOf })
    .from(projectSnapshots)
    .where(and(snapshotScope(scope), gte(projectSnapshots.snapshotDate, from)));
  return new Map(rows.map((r) => [r.date, r.asOf]));
}

export async function hasProjectSnapshots(db: Database, scope: KagScope): Promise<boolean> {
  const rows = await db
    .select({ id: projectSnapshots.id })
    .from(projectSnapshots)
    .where(snapshotScope(scope))
    .limit(1);
  return rows.length > 0;
}

export type SnapshotWrite = {
  snapshotDate: string;
  health: number;
  risk: number;
  scores: Record<string, unknown>;
  signals: Record<string, unknown>;
  metrics: Record<string, number | null>;
  configVersion: string;
  asOf: Date;
};

/** Batched upsert on (project, snapshot_date); returns how many rows were written. */
export async function upsertSnapshots(
  db: Database,
  scope: KagScope,
  rows: readonly SnapshotWrite[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const out = await db
      .insert(projectSnapshots)
      .values(rows.slice(i, i + BATCH).map((r) => ({ ...r, ...scope })))
      .onConflictDoUpdate({
        target: [projectSnapshots.projectId, projectSnapshots.snapshotDate, projectSnapshots.accountScopeId],
        set: {
          health: sql`excluded.health`,
          risk: sql`excluded.risk`,
          scores: sql`excluded.scores`,
          signals: sql`excluded.signals`,
          metrics: sql`excluded.metrics`,
          configVersion: sql`excluded.config_version`,
          asOf: sql`excluded.as_of`,
        },
      })
      .returning({ id: projectSnapshots.id });
    written += out.length;
  }
  return written;
}

/** Snapshots from `from` on, oldest first, with what outcome labelling reads. */
export async function listSnapshotDays(db: Database, scope: KagScope, from: string) {
  return db
    .select({
      id: projectSnapshots.id,
      date: projectSnapshots.snapshotDate,
      health: projectSnapshots.health,
      signals: projectSnapshots.signals,
      metrics: projectSnapshots.metrics,
    })
    .from(projectSnapshots)
    .where(and(snapshotScope(scope), gte(projectSnapshots.snapshotDate, from)))
    .orderBy(asc(projectSnapshots.snapshotDate));
}

/** `snapshotId:horizon` of the labels that exist for these snapshots. */
export async function listLabelledOutcomeKeys(
  db: Database,
  scope: KagScope,
  snapshotIds: readonly string[],
): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < snapshotIds.length; i += 1000) {
    const rows = await db
      .select({ snapshotId: pastCaseOutcomes.snapshotId, horizonDays: pastCaseOutcomes.horizonDays })
      .from(pastCaseOutcomes)
      .where(and(outcomeScope(scope), inArray(pastCaseOutcomes.snapshotId, snapshotIds.slice(i, i + 1000))));
    for (const r of rows) keys.add(`${r.snapshotId}:${r.horizonDays}`);
  }
  return keys;
}

export type OutcomeWrite = {
  snapshotId: string;
  windowStart: string;
  windowEnd: string;
  horizonDays: number;
  riskEvent: boolean;
  eventKind: string | null;
  eventAt: Date | null;
  labeledAt: Date;
};

/** Inserts labels; an existing (snapshot, horizon) label is kept as it is (never relabelled). */
export async function insertOutcomes(
  db: Database,
  scope: KagScope,
  rows: readonly OutcomeWrite[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH * 2) {
    const out = await db
      .insert(pastCaseOutcomes)
      .values(rows.slice(i, i + BATCH * 2).map((r) => ({ ...r, ...scope })))
      .onConflictDoNothing({
        target: [pastCaseOutcomes.snapshotId, pastCaseOutcomes.horizonDays, pastCaseOutcomes.accountScopeId],
      })
      .returning({ id: pastCaseOutcomes.id });
    inserted += out.length;
  }
  return inserted;
}

/** A date cursor's instant back to its date (the lists issue `YYYY-MM-DDT00:00:00.000Z`). */
const cursorDate = (c: TimeUuidCursor) => c.t.slice(0, 10);

/**
 * GET /kag/snapshots: newest first, keyset-paged by (snapshot_date, id); up to `limit + 1` rows.
 */
export async function listProjectSnapshots(
  db: Database,
  scope: KagScope,
  options: { from?: string; to?: string; limit: number; cursor: TimeUuidCursor | null },
) {
  const c = options.cursor;
  return db
    .select({
      id: projectSnapshots.id,
      snapshotDate: projectSnapshots.snapshotDate,
      health: projectSnapshots.health,
      risk: projectSnapshots.risk,
      scores: projectSnapshots.scores,
      signals: projectSnapshots.signals,
      metrics: projectSnapshots.metrics,
      configVersion: projectSnapshots.configVersion,
      asOf: projectSnapshots.asOf,
    })
    .from(projectSnapshots)
    .where(
      and(
        snapshotScope(scope),
        options.from ? gte(projectSnapshots.snapshotDate, options.from) : undefined,
        options.to ? lte(projectSnapshots.snapshotDate, options.to) : undefined,
        c
          ? or(
              lt(projectSnapshots.snapshotDate, cursorDate(c)),
              and(eq(projectSnapshots.snapshotDate, cursorDate(c)), lt(projectSnapshots.id, c.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(projectSnapshots.snapshotDate), desc(projectSnapshots.id))
    .limit(options.limit + 1);
}

/** GET /kag/outcomes: newest window first, keyset-paged by (window_start, id); up to `limit + 1` rows. */
export async function listPastCaseOutcomes(
  db: Database,
  scope: KagScope,
  options: { horizonDays?: number; limit: number; cursor: TimeUuidCursor | null },
) {
  const c = options.cursor;
  return db
    .select({
      id: pastCaseOutcomes.id,
      snapshotId: pastCaseOutcomes.snapshotId,
      windowStart: pastCaseOutcomes.windowStart,
      windowEnd: pastCaseOutcomes.windowEnd,
      horizonDays: pastCaseOutcomes.horizonDays,
      riskEvent: pastCaseOutcomes.riskEvent,
      eventKind: pastCaseOutcomes.eventKind,
      eventAt: pastCaseOutcomes.eventAt,
      labeledAt: pastCaseOutcomes.labeledAt,
    })
    .from(pastCaseOutcomes)
    .where(
      and(
        outcomeScope(scope),
        options.horizonDays ? eq(pastCaseOutcomes.horizonDays, options.horizonDays) : undefined,
        c
          ? or(
              lt(pastCaseOutcomes.windowStart, cursorDate(c)),
              and(eq(pastCaseOutcomes.windowStart, cursorDate(c)), lt(pastCaseOutcomes.id, c.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(pastCaseOutcomes.windowStart), desc(pastCaseOutcomes.id))
    .limit(options.limit + 1);
}

import { type SQL, and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';
import { caseSignatures, pastCaseOutcomes } from '../schema/snapshots.ts';
import type { KagScope } from './kag-ingest.ts';

/**
 * case_signatures (one vector per snapshot and signature version, `real[]`) and the two ways to
 * search them: an exact scan that hands every candidate to the caller, and pgvector's `<->` over
 * the expression `vector::vector` where the extension exists. Both read the same candidate set
 * (`candidateWhere`), so they can return the same neighbours.
 */
const BATCH = 500;

export type SignatureWrite = { snapshotId: string; snapshotDate: string; vector: number[] };

/** Upsert on (snapshot, version): a rebuilt snapshot gets its signature rewritten. */
export async function upsertCaseSignatures(
  db: Database,
  scope: KagScope,
  version: string,
  rows: readonly SignatureWrite[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const out = await db
      .insert(caseSignatures)
      .values(
        rows.slice(i, i + BATCH).map((r) => ({
          ...scope,
          snapshotId: r.snapshotId,
          snapshotDate: r.snapshotDate,
          vector: r.vector,
          dims: r.vector.length,
          signatureVersion: version,
        })),
      )
      .onConflictDoUpdate({
        target: [caseSignatures.snapshotId, caseSignatures.signatureVersion, caseSignatures.accountScopeId],
        set: {
          vector: sql`excluded.vector`,
          dims: sql`excluded.dims`,
          snapshotDate: sql`excluded.snapshot_date`,
        },
      })
      .returning({ id: caseSignatures.id });
    written += out.length;
  }
  return written;
}

/** Snapshot ids of the project that already have a signature of `version`. */
export async function listSignedSnapshotIds(
  db: Database,
  scope: KagScope,
  version: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ snapshotId: caseSignatures.snapshotId })
    .from(caseSignatures)
    .where(
      and(
        eq(caseSignatures.accountScopeId, scope.accountScopeId),
        eq(caseSignatures.projectId, scope.projectId),
        eq(caseSignatures.signatureVersion, version),
      ),
    );
  return new Set(rows.map((r) => r.snapshotId));
}

/** Signatures of other versions are never compared: a rebuild removes them. */
export async function deleteOtherSignatureVersions(db: Database, scope: KagScope, version: string) {
  const out = await db
    .delete(caseSignatures)
    .where(
      and(
        eq(caseSignatures.accountScopeId, scope.accountScopeId),
        eq(caseSignatures.projectId, scope.projectId),
        ne(caseSignatures.signatureVersion, version),
      ),
    )
    .returning({ id: caseSignatures.id });
  return out.length;
}

export type StoredSignature = {
  snapshotId: string;
  projectId: string;
  snapshotDate: string;
  vector: number[];
};

/** The project's signature for one snapshot, or its latest one. */
export async function findProjectSignature(
  db: Database,
  scope: KagScope,
  version: string,
  snapshotId: string | null,
): Promise<StoredSignature | null> {
  const rows = await db
    .select({
      snapshotId: caseSignatures.snapshotId,
      projectId: caseSignatures.projectId,
      snapshotDate: caseSignatures.snapshotDate,
      vector: caseSignatures.vector,
    })
    .from(caseSignatures)
    .where(
      and(
        eq(caseSignatures.accountScopeId, scope.accountScopeId),
        eq(caseSignatures.projectId, scope.projectId),
        eq(caseSignatures.signatureVersion, version),
        snapshotId ? eq(caseSignatures.snapshotId, snapshotId) : undefined,
      ),
    )
    .orderBy(desc(caseSignatures.snapshotDate))
    .limit(1);
  return rows[0] ? { ...rows[0], vector: rows[0].vector.map(Number) } : null;
}

/**
 * Past cases a query of `projectId` on day `before` may compare with: signatures of the same
 * version and length from OTHER projects of the workspace whose 7-day window had closed before
 * that day (a labelled 7-day outcome ending before it) — nothing from the query day's future.
 */
export type CandidateFilter = {
  accountScopeId: string;
  excludeProjectId: string;
  version: string;
  dims: number;
  before: string;
};

const candidateWhere = (f: CandidateFilter): SQL =>
  sql`cs.account_scope_id = ${f.accountScopeId}::uuid and cs.signature_version = ${f.version}
      and cs.project_id <> ${f.excludeProjectId}::uuid and cs.dims = ${f.dims}
      and exists (select 1 from past_case_outcomes o
                  where o.snapshot_id = cs.snapshot_id and o.horizon_days = 7
                    and o.window_end < ${f.before}::date)`;

type CandidateRow = {
  snapshot_id: string;
  project_id: string;
  snapshot_date: string | Date;
  vector: number[] | string;
};

const toSignature = (r: CandidateRow): StoredSignature => ({
  snapshotId: r.snapshot_id,
  projectId: r.project_id,
  snapshotDate:
    typeof r.snapshot_date === 'string'
      ? r.snapshot_date.slice(0, 10)
      : r.snapshot_date.toISOString().slice(0, 10),
  vector: parseRealArray(r.vector),
});

/** `real[]` as the drivers hand it back: an array, or (raw SQL on some drivers) the `{…}` text. */
export function parseRealArray(v: number[] | string): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s.length > 0)
    .map(Number);
}

/** The exact scan's input: every candidate, unordered (the caller ranks them). */
export async function listCandidateSignatures(db: Database, f: CandidateFilter): Promise<StoredSignature[]> {
  const rows = await queryRows<CandidateRow>(
    db,
    sql`select cs.snapshot_id, cs.project_id, cs.snapshot_date::text as snapshot_date, cs.vector
        from case_signatures cs where ${candidateWhere(f)}`,
  );
  return rows.map(toSignature);
}

/**
 * pgvector: the `limit` candidates nearest `query` by `<->` (Euclidean) over `vector::vector`,
 * ties by snapshot id — or, with `within`, every candidate at most that far (no limit). No index:
 * an exact distance sort, so nothing is missed; callers re-rank with the exact comparator.
 */
export async function nearestSignaturesByVector(
  db: Database,
  f: CandidateFilter,
  query: readonly number[],
  bound: { limit: number } | { within: number },
): Promise<StoredSignature[]> {
  const literal = `[${query.join(',')}]`;
  const rows = await queryRows<CandidateRow>(
    db,
    'within' in bound
      ? sql`select cs.snapshot_id, cs.project_id, cs.snapshot_date::text as snapshot_date, cs.vector
            from case_signatures cs
            where ${candidateWhere(f)} and cs.vector::vector <-> ${literal}::vector <= ${bound.within}`
      : sql`select cs.snapshot_id, cs.project_id, cs.snapshot_date::text as snapshot_date, cs.vector
            from case_signatures cs where ${candidateWhere(f)}
            order by cs.vector::vector <-> ${literal}::vector, cs.snapshot_id
            limit ${bound.limit}`,
  );
  return rows.map(toSignature);
}

/** Every signature of a workspace (one version), for the track-record replay's in-memory pool. */
export async function listWorkspaceSignatures(
  db: Database,
  accountScopeId: string,
  version: string,
): Promise<StoredSignature[]> {
  const rows = await db
    .select({
      snapshotId: caseSignatures.snapshotId,
      projectId: caseSignatures.projectId,
      snapshotDate: caseSignatures.snapshotDate,
      vector: caseSignatures.vector,
    })
    .from(caseSignatures)
    .where(
      and(eq(caseSignatures.accountScopeId, accountScopeId), eq(caseSignatures.signatureVersion, version)),
    );
  return rows.map((r) => ({ ...r, vector: r.vector.map(Number) }));
}

export type OutcomeLabelRow = {
  snapshotId: string;
  projectId: string;
  horizonDays: number;
  windowEnd: string;
  riskEvent: boolean;
  eventKind: string | null;
};

const outcomeColumns = {
  snapshotId: pastCaseOutcomes.snapshotId,
  projectId: pastCaseOutcomes.projectId,
  horizonDays: pastCaseOutcomes.horizonDays,
  windowEnd: pastCaseOutcomes.windowEnd,
  riskEvent: pastCaseOutcomes.riskEvent,
  eventKind: pastCaseOutcomes.eventKind,
};

/** The outcome labels of these snapshots (any project of the workspace). */
export async function listOutcomesOfSnapshots(
  db: Database,
  accountScopeId: string,
  snapshotIds: readonly string[],
): Promise<OutcomeLabelRow[]> {
  if (snapshotIds.length === 0) return [];
  const out: OutcomeLabelRow[] = [];
  for (let i = 0; i < snapshotIds.length; i += 1000) {
    out.push(
      ...(await db
        .select(outcomeColumns)
        .from(pastCaseOutcomes)
        .where(
          and(
            eq(pastCaseOutcomes.accountScopeId, accountScopeId),
            inArray(pastCaseOutcomes.snapshotId, snapshotIds.slice(i, i + 1000)),
          ),
        )),
    );
  }
  return out;
}

/** Every outcome label of a workspace (the track-record replay). */
export async function listWorkspaceOutcomes(
  db: Database,
  accountScopeId: string,
): Promise<OutcomeLabelRow[]> {
  return db
    .select(outcomeColumns)
    .from(pastCaseOutcomes)
    .where(eq(pastCaseOutcomes.accountScopeId, accountScopeId));
}

/** A cheap fingerprint of a workspace's labelled history: changes whenever a label or a snapshot day is added. */
export async function workspaceHistoryStamp(db: Database, accountScopeId: string): Promise<string> {
  const rows = await queryRows<{
    outcomes: number;
    labeled: string | null;
    snapshots: number;
    last: string | null;
  }>(
    db,
    sql`select (select count(*)::int from past_case_outcomes where account_scope_id = ${accountScopeId}::uuid) as outcomes,
               (select max(labeled_at)::text from past_case_outcomes where account_scope_id = ${accountScopeId}::uuid) as labeled,
               (select count(*)::int from case_signatures where account_scope_id = ${accountScopeId}::uuid) as snapshots,
               (select max(snapshot_date)::text from project_snapshots where account_scope_id = ${accountScopeId}::uuid) as last`,
  );
  const r = rows[0];
  return r ? `${r.outcomes}:${r.labeled}:${r.snapshots}:${r.last}` : 'empty';
}

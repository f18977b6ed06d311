import { readCapabilities } from '@keel/db/capabilities';
import type { Database } from '@keel/db/client';
import {
  type CandidateFilter,
  type StoredSignature,
  findProjectSignature,
  listCandidateSignatures,
  listOutcomesOfSnapshots,
  nearestSignaturesByVector,
} from '@keel/db/queries/case-signatures';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import type { CaseOutcomes, ForecastHorizon } from '../forecast/features.ts';
import { nearestCases } from './nearest.ts';
import { SIGNATURE_VERSION } from './signature.ts';

/**
 * The seed's similarity.js `findSimilarCases`: the k past snapshots of OTHER projects of the
 * workspace nearest the project's signature (a given snapshot, or its latest), among those whose
 * 7-day window had closed before the query's day, each with what happened next per horizon.
 *
 * Two searches, one answer: with pgvector, `<->` over `vector::vector` returns k × 4 rows, which
 * are re-ranked with the exact comparator (`nearestCases`: distance rounded to 1e-9, then
 * snapshot id); without it, every candidate is scanned exactly. The candidate set, the distance
 * and the tie-break are the same, so both return the same neighbours.
 */
export type SimilarityMode = 'vector' | 'exact';
export const OVERFETCH = 4;

export type CaseOutcomeView = { riskEvent: boolean; eventKind: string | null };
export type SimilarCaseView = {
  snapshotId: string;
  projectId: string;
  snapshotDate: string;
  distance: number;
  /** Per horizon whose window had closed before the query's day. */
  outcomes: Partial<Record<`${ForecastHorizon}`, CaseOutcomeView>>;
};

export type SimilarCasesResult = {
  mode: SimilarityMode;
  signatureVersion: string;
  query: { snapshotId: string; snapshotDate: string } | null;
  items: SimilarCaseView[];
  /** Why there are no items, when there are none. */
  reason: string | null;
};

export async function pickSimilarityMode(db: Database, want?: SimilarityMode): Promise<SimilarityMode> {
  if (want === 'exact') return 'exact';
  const caps = await readCapabilities({ db });
  return caps.vector ? 'vector' : 'exact';
}

/** The neighbours of a given vector (the forecast refresh and the API both come through here). */
export async function nearestStoredCases(
  db: Database,
  query: { projectId: string; vector: readonly number[] },
  filter: CandidateFilter,
  k: number,
  mode: SimilarityMode,
): Promise<Array<{ candidate: StoredSignature; distance: number }>> {
  const pool =
    mode === 'vector'
      ? await nearestSignaturesByVector(db, filter, query.vector, k * OVERFETCH)
      : await listCandidateSignatures(db, filter);
  return nearestCases(query, pool, k);
}

/** Outcomes of these snapshots, per horizon, keeping only windows closed before `before`. */
export async function outcomesBefore(
  db: Database,
  accountScopeId: string,
  snapshotIds: readonly string[],
  before: string,
): Promise<Map<string, SimilarCaseView['outcomes']>> {
  const rows = await listOutcomesOfSnapshots(db, accountScopeId, snapshotIds);
  const out = new Map<string, SimilarCaseView['outcomes']>();
  for (const r of rows) {
    if (r.windowEnd >= before) continue;
    const o = out.get(r.snapshotId) ?? {};
    o[String(r.horizonDays) as `${ForecastHorizon}`] = { riskEvent: r.riskEvent, eventKind: r.eventKind };
    out.set(r.snapshotId, o);
  }
  return out;
}

/** The forecast's view of an outcome set: horizon → event or not. */
export function caseOutcomes(o: SimilarCaseView['outcomes']): CaseOutcomes {
  const out: CaseOutcomes = {};
  for (const h of [7, 14, 30] as const) {
    const v = o[`${h}`];
    if (v) out[h] = v.riskEvent;
  }
  return out;
}

export async function findSimilarCases(
  db: Database,
  scope: KagScope,
  options: { snapshotId?: string | null; k: number; mode?: SimilarityMode },
): Promise<SimilarCasesResult> {
  const mode = await pickSimilarityMode(db, options.mode);
  const base = { mode, signatureVersion: SIGNATURE_VERSION };
  const sig = await findProjectSignature(db, scope, SIGNATURE_VERSION, options.snapshotId ?? null);
  if (!sig)
    return {
      ...base,
      query: null,
      items: [],
      reason: options.snapshotId
        ? 'this snapshot has no case signature yet (POST /kag/similarity/rebuild)'
        : 'the project has no snapshot with a case signature yet',
    };
  const filter: CandidateFilter = {
    accountScopeId: scope.accountScopeId,
    excludeProjectId: scope.projectId,
    version: SIGNATURE_VERSION,
    dims: sig.vector.length,
    before: sig.snapshotDate,
  };
  const near = await nearestStoredCases(db, sig, filter, options.k, mode);
  const outcomes = await outcomesBefore(
    db,
    scope.accountScopeId,
    near.map((n) => n.candidate.snapshotId),
    sig.snapshotDate,
  );
  return {
    ...base,
    query: { snapshotId: sig.snapshotId, snapshotDate: sig.snapshotDate },
    items: near.map(({ candidate, distance }) => ({
      snapshotId: candidate.snapshotId,
      projectId: candidate.projectId,
      snapshotDate: candidate.snapshotDate,
      distance,
      outcomes: outcomes.get(candidate.snapshotId) ?? {},
    })),
    reason: near.length === 0 ? 'no other project of the workspace has a closed 7-day window yet' : null,
  };
}

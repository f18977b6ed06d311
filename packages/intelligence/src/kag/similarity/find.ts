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
 * Two searches, one answer: with pgvector, `<->` over `vector::vector` finds the k nearest, then
 * every candidate within the k-th exact distance plus a margin for pgvector's float4 arithmetic
 * (ties and near-ties at the boundary, however many), and all are re-ranked with the exact
 * comparator (`nearestCases`: distance rounded to 1e-9, then snapshot id); without it, every
 * candidate is scanned exactly. Same candidates, distance and tie-break: the same neighbours.
 */
export type SimilarityMode = 'vector' | 'exact';
export const OVERFETCH = 4;
/** Well above float4 rounding of a distance over ≤ 64 dimensions in [0, 1]. */
export const VECTOR_DISTANCE_MARGIN = 1e-4;

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
  if (mode === 'exact') return nearestCases(query, await listCandidateSignatures(db, filter), k);
  const first = await nearestSignaturesByVector(db, filter, query.vector, { limit: k * OVERFETCH });
  const ranked = nearestCases(query, first, k);
  const kth = ranked.at(-1)?.distance;
  // Fewer rows than asked: that was every candidate. Otherwise widen to all within the k-th
  // exact distance, so a tie group larger than the over-fetch cannot lose its first member.
  if (first.length < k * OVERFETCH || kth === undefined) return ranked;
  const within = await nearestSignaturesByVector(db, filter, query.vector, {
    within: kth + VECTOR_DISTANCE_MARGIN,
  });
  return nearestCases(query, within, k);
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

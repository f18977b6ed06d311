/**
 * Exact k-nearest past cases by Euclidean distance. Euclidean, not cosine: signature dimensions
 * share one [0, 1] scale and their magnitude is the point (severity 0.9 is not "like" 0.1 in the
 * same direction), and a calm project's all-zero signature has no cosine at all. pgvector's
 * `<->` is the same distance. Ties break on the distance rounded to 1e-9, then snapshotId, so
 * an index scan that over-fetches (k × 4 by `<->`) and re-ranks its rows with `nearestCases`
 * returns exactly what this exact scan returns.
 */
export type CaseCandidate = {
  snapshotId: string;
  projectId: string;
  snapshotDate: string;
  vector: readonly number[];
};

export type Neighbour<C extends CaseCandidate = CaseCandidate> = { candidate: C; distance: number };

export function euclidean(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`signature length ${a.length} ≠ ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

const tieKey = (d: number): number => Math.round(d * 1e9) / 1e9;

export function compareNeighbours(a: Neighbour, b: Neighbour): number {
  const da = tieKey(a.distance);
  const db = tieKey(b.distance);
  if (da !== db) return da - db;
  return a.candidate.snapshotId < b.candidate.snapshotId
    ? -1
    : a.candidate.snapshotId > b.candidate.snapshotId
      ? 1
      : 0;
}

/** The `k` candidates nearest `query.vector`, never from the query's own project. */
export function nearestCases<C extends CaseCandidate>(
  query: { projectId: string; vector: readonly number[] },
  candidates: Iterable<C>,
  k: number,
): Array<Neighbour<C>> {
  if (k <= 0) return [];
  const best: Array<Neighbour<C>> = [];
  const q = query.vector;
  for (const candidate of candidates) {
    if (candidate.projectId === query.projectId) continue;
    const v = candidate.vector;
    if (v.length !== q.length) throw new Error(`signature length ${q.length} ≠ ${v.length}`);
    // Stop summing once past the k-th best (with the tie margin): same answer, far fewer steps.
    const worst = best.length === k ? (best[k - 1] as Neighbour).distance + 2e-9 : Number.POSITIVE_INFINITY;
    const bound = worst * worst;
    let sum = 0;
    for (let i = 0; i < q.length && sum <= bound; i++) {
      const d = (q[i] ?? 0) - (v[i] ?? 0);
      sum += d * d;
    }
    if (sum > bound) continue;
    const n = { candidate, distance: Math.sqrt(sum) };
    if (best.length === k && compareNeighbours(n, best[k - 1] as Neighbour) >= 0) continue;
    let i = best.length;
    while (i > 0 && compareNeighbours(n, best[i - 1] as Neighbour) < 0) i -= 1;
    best.splice(i, 0, n);
    if (best.length > k) best.pop();
  }
  return best.map((n) => ({ ...n, distance: tieKey(n.distance) }));
}

/**
 * Reciprocal rank fusion (Cormack et al., 2009): score(d) = Σ weight / (k + rank_i(d)) over the
 * lists that contain d. It needs no score calibration between BM25-like text ranks and cosine
 * distances, which live on unrelated scales; k = 60 damps the advantage of a single top rank.
 */

export type RankedList = { name: string; ids: readonly string[]; weight?: number };

export type FusedHit = { id: string; score: number; ranks: Record<string, number> };

export const RRF_K = 60;

export function reciprocalRankFusion(lists: readonly RankedList[], k = RRF_K): FusedHit[] {
  const hits = new Map<string, FusedHit>();
  for (const list of lists) {
    const weight = list.weight ?? 1;
    list.ids.forEach((id, i) => {
      const rank = i + 1;
      const hit = hits.get(id) ?? { id, score: 0, ranks: {} };
      // A list that repeats an id counts its best position only.
      if (hit.ranks[list.name] !== undefined) return;
      hit.ranks[list.name] = rank;
      hit.score += weight / (k + rank);
      hits.set(id, hit);
    });
  }
  return [...hits.values()].sort(
    (a, b) => b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function bestRank(hit: FusedHit): number {
  return Math.min(...Object.values(hit.ranks));
}

import { z } from 'zod';

/**
 * The forecast's boosted trees (since forecast-v4), as coefficients.json stores them: each tree
 * as parallel arrays over its nodes (node 0 the root). A split node sends a day left when the
 * value of `terms[term]` is ≤ `cut`; a leaf has term −1. `value` is every node's own Newton step (what the node would
 * add as a leaf), so a day's path explains itself: each split's term is credited with how much
 * the step changed between the node and the child taken (Saabas' attribution), and the terms'
 * credits plus the roots' values add up to exactly what the trees add to the log-odds.
 */
export const treeSchema = z
  .object({
    term: z.array(z.number().int().min(-1)),
    cut: z.array(z.number()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
  })
  .refine(
    (t) => [t.cut, t.left, t.right, t.value].every((a) => a.length === t.term.length) && t.term.length > 0,
    'every node array has one entry per node',
  )
  .refine(
    // A split's children come after it and inside the tree, so every path ends at a leaf.
    (t) =>
      t.term.every(
        (term, i) => term < 0 || [t.left[i] ?? -1, t.right[i] ?? -1].every((c) => c > i && c < t.term.length),
      ),
    "a split node's children lie after it, inside the tree",
  );
export type Tree = z.infer<typeof treeSchema>;

/** What the trees add to the log-odds for one day, and each term's share of it. */
export function treeContributions(
  trees: readonly Tree[],
  terms: readonly string[],
  features: Record<string, number>,
): { sum: number; roots: number; byTerm: Map<string, number> } {
  const byTerm = new Map<string, number>();
  let sum = 0;
  let roots = 0;
  for (const t of trees) {
    let node = 0;
    roots += t.value[0] ?? 0;
    for (let guard = 0; (t.term[node] ?? -1) >= 0 && guard < t.term.length; guard++) {
      const name = terms[t.term[node] ?? -1] ?? '';
      const next = (features[name] ?? 0) <= (t.cut[node] ?? 0) ? t.left[node] : t.right[node];
      const child = next ?? 0;
      byTerm.set(name, (byTerm.get(name) ?? 0) + (t.value[child] ?? 0) - (t.value[node] ?? 0));
      node = child;
    }
    sum += t.value[node] ?? 0;
  }
  return { sum, roots, byTerm };
}

/**
 * Gradient-boosted shallow trees on logistic loss — the forecast's fit since forecast-v4
 * (`fitTreesHorizon`) and `forecast-experiment`'s `trees:` runs. Depth ≥ 2 lets terms interact
 * ("the client chased AND the strain is young"), which neither the logistic nor stumps (depth 1)
 * can. Splits at training quantiles; every node keeps its own Newton step, which the product's
 * attribution reads (kag/forecast/trees.ts).
 */
import { type Tree, treeContributions } from '@keel/intelligence/kag/forecast/trees';

export type TreeModel = { intercept: number; trees: Tree[] };
export type TreeOptions = {
  rounds?: number;
  rate?: number;
  bins?: number;
  lambda?: number;
  minLeaf?: number;
  depth?: number;
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The stored cut: halfway from a quantile value to the next larger value in the column, so a
 * split sends the same days left whether or not the file rounds it (a quantile is often a
 * data value itself — ln 2 for "one chase" — and a rounded ln 2 would send those days right).
 */
function midpointAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  const next = sorted[lo];
  return next === undefined ? value : (value + next) / 2;
}

export function fitTrees(x: number[][], y: boolean[], options: TreeOptions = {}): TreeModel {
  const rounds = options.rounds ?? 200;
  const rate = options.rate ?? 0.1;
  const nb = options.bins ?? 16;
  const lambda = options.lambda ?? 10;
  const minLeaf = options.minLeaf ?? 100;
  const depth = options.depth ?? 3;
  const n = y.length;
  const f = x[0]?.length ?? 0;
  const pos = y.filter(Boolean).length;
  const intercept = Math.log((pos + 1) / (n - pos + 1));
  const cuts: number[][] = [];
  const binOf: Uint8Array[] = [];
  for (let j = 0; j < f; j++) {
    const col = x.map((r) => r[j] ?? 0).sort((a, b) => a - b);
    const cs = [
      ...new Set(Array.from({ length: nb - 1 }, (_, k) => col[Math.floor(((k + 1) * n) / nb)] ?? 0)),
    ];
    cuts.push(cs.map((c) => midpointAbove(col, c)));
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i]?.[j] ?? 0;
      let k = 0;
      while (k < cs.length && v > (cs[k] ?? 0)) k++;
      b[i] = k;
    }
    binOf.push(b);
  }
  const score = new Float64Array(n).fill(intercept);
  const g = new Float64Array(n);
  const hs = new Float64Array(n);
  const trees: Tree[] = [];
  /** Grows one node (and its children) into `tree`; returns its index. */
  const grow = (rows: Uint32Array, level: number, out: Float64Array, tree: Tree): number => {
    let gt = 0;
    let ht = 0;
    for (const i of rows) {
      gt += g[i] ?? 0;
      ht += hs[i] ?? 0;
    }
    const value = (rate * gt) / (ht + lambda);
    const at = tree.term.length;
    tree.term.push(-1);
    tree.cut.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(value);
    const leaf = () => {
      for (const i of rows) out[i] = value;
      return at;
    };
    if (level >= depth || rows.length < 2 * minLeaf) return leaf();
    let best = { gain: 1e-9, term: -1, k: 0 };
    for (let j = 0; j < f; j++) {
      const b = binOf[j] as Uint8Array;
      const nc = (cuts[j] as number[]).length;
      const G = new Float64Array(nc + 1);
      const H = new Float64Array(nc + 1);
      const C = new Uint32Array(nc + 1);
      for (const i of rows) {
        const k = b[i] as number;
        G[k] = (G[k] as number) + (g[i] as number);
        H[k] = (H[k] as number) + (hs[i] as number);
        C[k] = (C[k] as number) + 1;
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let k = 0; k < nc; k++) {
        gl += G[k] as number;
        hl += H[k] as number;
        cl += C[k] as number;
        if (cl < minLeaf || rows.length - cl < minLeaf) continue;
        const gr = gt - gl;
        const hr = ht - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (gt * gt) / (ht + lambda);
        if (gain > best.gain) best = { gain, term: j, k };
      }
    }
    if (best.term < 0) return leaf();
    const b = binOf[best.term] as Uint8Array;
    const l: number[] = [];
    const r: number[] = [];
    for (const i of rows) ((b[i] as number) <= best.k ? l : r).push(i);
    tree.term[at] = best.term;
    tree.cut[at] = cuts[best.term]?.[best.k] ?? 0;
    tree.left[at] = grow(Uint32Array.from(l), level + 1, out, tree);
    tree.right[at] = grow(Uint32Array.from(r), level + 1, out, tree);
    return at;
  };
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const step = new Float64Array(n);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i] ?? 0);
      g[i] = (y[i] ? 1 : 0) - p;
      hs[i] = p * (1 - p);
    }
    const tree: Tree = { term: [], cut: [], left: [], right: [], value: [] };
    grow(all, 0, step, tree);
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i] = (score[i] ?? 0) + (step[i] ?? 0);
  }
  return { intercept, trees };
}

/** The log-odds for a row of raw term values (in the order of `terms`). */
export function treeLogit(model: TreeModel, row: readonly number[]): number {
  const terms = row.map((_, j) => String(j));
  const features = Object.fromEntries(row.map((v, j) => [String(j), v]));
  return model.intercept + treeContributions(model.trees, terms, features).sum;
}

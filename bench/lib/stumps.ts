/**
 * Gradient-boosted stumps on logistic loss (an additive model: each stump splits one term, so a
 * forecast's log-odds is the intercept plus one sum per term — the term's contribution). For
 * trying whether a non-linear fit beats the logistic; bins are training quantiles.
 */
export type Stump = { term: number; cut: number; left: number; right: number };
export type StumpModel = { intercept: number; stumps: Stump[] };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function fitStumps(
  x: number[][],
  y: boolean[],
  options: { rounds?: number; rate?: number; bins?: number; lambda?: number; minLeaf?: number } = {},
): StumpModel {
  const rounds = options.rounds ?? 200;
  const rate = options.rate ?? 0.1;
  const nb = options.bins ?? 16;
  const lambda = options.lambda ?? 10;
  const minLeaf = options.minLeaf ?? 50;
  const n = y.length;
  const f = x[0]?.length ?? 0;
  const pos = y.filter(Boolean).length;
  const intercept = Math.log((pos + 1) / (n - pos + 1));
  // Cuts per term: distinct quantiles.
  const cuts: number[][] = [];
  const binOf: Uint8Array[] = [];
  for (let j = 0; j < f; j++) {
    const col = x.map((r) => r[j] ?? 0).sort((a, b) => a - b);
    const cs = [
      ...new Set(Array.from({ length: nb - 1 }, (_, k) => col[Math.floor(((k + 1) * n) / nb)] ?? 0)),
    ];
    cuts.push(cs);
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
  const stumps: Stump[] = [];
  const g = new Float64Array(n);
  const hs = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i] ?? 0);
      g[i] = (y[i] ? 1 : 0) - p;
      hs[i] = p * (1 - p);
    }
    let best = { gain: 0, term: -1, k: 0, left: 0, right: 0 };
    for (let j = 0; j < f; j++) {
      const b = binOf[j] as Uint8Array;
      const cs = cuts[j] as number[];
      const G = new Float64Array(cs.length + 1);
      const H = new Float64Array(cs.length + 1);
      const C = new Uint32Array(cs.length + 1);
      for (let i = 0; i < n; i++) {
        const k = b[i] ?? 0;
        G[k] = (G[k] ?? 0) + (g[i] ?? 0);
        H[k] = (H[k] ?? 0) + (hs[i] ?? 0);
        C[k] = (C[k] ?? 0) + 1;
      }
      let gt = 0;
      let ht = 0;
      for (let k = 0; k <= cs.length; k++) {
        gt += G[k] ?? 0;
        ht += H[k] ?? 0;
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let k = 0; k < cs.length; k++) {
        gl += G[k] ?? 0;
        hl += H[k] ?? 0;
        cl += C[k] ?? 0;
        if (cl < minLeaf || n - cl < minLeaf) continue;
        const gr = gt - gl;
        const hr = ht - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (gt * gt) / (ht + lambda);
        if (gain > best.gain)
          best = { gain, term: j, k, left: gl / (hl + lambda), right: gr / (hr + lambda) };
      }
    }
    if (best.term < 0) break;
    const stump = {
      term: best.term,
      cut: cuts[best.term]?.[best.k] ?? 0,
      left: rate * best.left,
      right: rate * best.right,
    };
    stumps.push(stump);
    const b = binOf[best.term] as Uint8Array;
    for (let i = 0; i < n; i++)
      score[i] = (score[i] ?? 0) + ((b[i] ?? 0) <= best.k ? stump.left : stump.right);
  }
  return { intercept, stumps };
}

export function stumpLogit(model: StumpModel, row: readonly number[]): number {
  let z = model.intercept;
  for (const s of model.stumps) z += (row[s.term] ?? 0) <= s.cut ? s.left : s.right;
  return z;
}

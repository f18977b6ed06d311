/**
 * L2-regularised logistic regression by iteratively reweighted least squares (Newton's method),
 * written here rather than taken from npm: the registry's candidates (ml-logistic-regression and
 * the like) fit by plain gradient descent with a fixed learning rate and have no L2 on the
 * intercept switch or sample weights; IRLS on ≤ 40 standardised terms converges in ~10 steps and
 * is 60 lines we can read. The intercept is not penalised.
 */
export type LogisticFit = { intercept: number; weights: number[]; iterations: number };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const row = m[c] as number[];
    const d = row[c] ?? 1;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] ?? 0) / d;
      if (f !== 0) for (let k = c; k <= n; k++) other[k] = (other[k] ?? 0) - f * (row[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

export function fitLogistic(
  x: readonly number[][],
  y: readonly boolean[],
  l2: number,
  maxIter = 50,
): LogisticFit {
  const d = x[0]?.length ?? 0;
  let beta = new Array<number>(d + 1).fill(0); // [intercept, ...weights]
  const positives = y.filter(Boolean).length;
  beta[0] = Math.log((positives + 0.5) / (y.length - positives + 0.5));
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as number[];
      let z = beta[0] ?? 0;
      for (let j = 0; j < d; j++) z += (beta[j + 1] ?? 0) * (row[j] ?? 0);
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-9);
      const r = (y[i] ? 1 : 0) - p;
      for (let a = 0; a <= d; a++) {
        const xa = a === 0 ? 1 : (row[a - 1] ?? 0);
        grad[a] = (grad[a] ?? 0) + r * xa;
        const ha = hess[a] as number[];
        for (let b = a; b <= d; b++) ha[b] = (ha[b] ?? 0) + w * xa * (b === 0 ? 1 : (row[b - 1] ?? 0));
      }
    }
    for (let a = 0; a <= d; a++) {
      for (let b = 0; b < a; b++) (hess[a] as number[])[b] = hess[b]?.[a] ?? 0;
      if (a > 0) {
        grad[a] = (grad[a] ?? 0) - l2 * (beta[a] ?? 0);
        (hess[a] as number[])[a] = (hess[a]?.[a] ?? 0) + l2;
      }
    }
    // Newton steps are capped: a near-separable rare term must not overshoot into nonsense.
    const raw = solve(hess, grad);
    const cap = Math.max(1, Math.max(...raw.map(Math.abs)) / 2);
    const step = raw.map((v) => v / cap);
    beta = beta.map((v, i) => v + (step[i] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { intercept: beta[0] ?? 0, weights: beta.slice(1), iterations };
}

/** Scores of probabilistic forecasts against 0/1 outcomes: Brier, AUC, reliability, a flag's precision/recall. */
export type Scored = { p: number; y: boolean };

export function brier(rows: readonly Scored[]): number {
  let s = 0;
  for (const r of rows) s += (r.p - (r.y ? 1 : 0)) ** 2;
  return rows.length === 0 ? Number.NaN : s / rows.length;
}

/** Area under the ROC curve by ranks (Mann–Whitney), ties counted half. */
export function auc(rows: readonly Scored[]): number {
  const sorted = [...rows].sort((a, b) => a.p - b.p);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.p === sorted[i]?.p) j += 1;
    const avgRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++)
      if (sorted[t]?.y) {
        pos += 1;
        rankSum += avgRank;
      }
    i = j;
  }
  const neg = sorted.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export type ReliabilityBin = { lo: number; hi: number; n: number; meanP: number; observed: number };

/** 10 equal-width bins of predicted probability: how often the event happened in each. */
export function reliability(rows: readonly Scored[], bins = 10): ReliabilityBin[] {
  const out = Array.from({ length: bins }, (_, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    n: 0,
    sumP: 0,
    events: 0,
  }));
  for (const r of rows) {
    const bin = out[Math.min(bins - 1, Math.floor(r.p * bins))];
    if (!bin) continue;
    bin.n += 1;
    bin.sumP += r.p;
    if (r.y) bin.events += 1;
  }
  return out.map((b) => ({
    lo: b.lo,
    hi: b.hi,
    n: b.n,
    meanP: b.n ? b.sumP / b.n : Number.NaN,
    observed: b.n ? b.events / b.n : Number.NaN,
  }));
}

export function flagQuality(rows: readonly Scored[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const flagged = r.p >= threshold;
    if (flagged && r.y) tp += 1;
    else if (flagged) fp += 1;
    else if (r.y) fn += 1;
  }
  return {
    flagged: tp + fp,
    precision: tp + fp === 0 ? Number.NaN : tp / (tp + fp),
    recall: tp + fn === 0 ? Number.NaN : tp / (tp + fn),
  };
}

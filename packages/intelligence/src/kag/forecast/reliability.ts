/**
 * How well probabilities came true: Brier score and a 10-bin reliability table ("of the
 * forecasts between 60 and 70 %, how many were followed by an event"). Pure.
 */
export type Labelled = { p: number; y: boolean };
export type ReliabilityBin = {
  lo: number;
  hi: number;
  count: number;
  /** Mean forecast probability in the bin (null when empty). */
  meanProbability: number | null;
  /** Share of the bin's forecasts followed by a risk event (null when empty). */
  observedRate: number | null;
};

export const RELIABILITY_BINS = 10;

export function brierScore(rows: readonly Labelled[]): number | null {
  if (rows.length === 0) return null;
  let s = 0;
  for (const r of rows) s += (r.p - (r.y ? 1 : 0)) ** 2;
  return s / rows.length;
}

export const binIndex = (p: number, bins = RELIABILITY_BINS): number =>
  Math.max(0, Math.min(bins - 1, Math.floor(p * bins)));

export function reliabilityTable(rows: readonly Labelled[], bins = RELIABILITY_BINS): ReliabilityBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, sumP: 0, events: 0 }));
  for (const r of rows) {
    const b = acc[binIndex(r.p, bins)];
    if (!b) continue;
    b.n += 1;
    b.sumP += r.p;
    if (r.y) b.events += 1;
  }
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return acc.map((b, i) => ({
    lo: r4(i / bins),
    hi: r4((i + 1) / bins),
    count: b.n,
    meanProbability: b.n ? r4(b.sumP / b.n) : null,
    observedRate: b.n ? r4(b.events / b.n) : null,
  }));
}

import { RECOMMENDATIONS_V2_CONFIG as CFG } from './config.ts';

/** Feedback counts of one recommendation type in one workspace. */
export type TypeFeedbackRow = { type: string; accepted: number; dismissed: number };
export type TypeWeights = Readonly<Record<string, number>>;

/**
 * Learned type weights. Positive: accepted or done recommendations and "helpful" feedback;
 * negative: dismissed ones and "not helpful" feedback. Laplace-smoothed acceptance rate
 * p = (accepted + 1) / (accepted + dismissed + 2) is 0.5 with no feedback; the weight is 2p,
 * so an unknown type weighs exactly 1, a type people accept climbs towards 2 and a type
 * people dismiss falls towards 0 — kept within [0.2, 1.8].
 */
export function learnTypeWeights(rows: readonly TypeFeedbackRow[]): Record<string, number> {
  const totals = new Map<string, { accepted: number; dismissed: number }>();
  for (const r of rows) {
    const t = totals.get(r.type) ?? { accepted: 0, dismissed: 0 };
    t.accepted += Math.max(0, r.accepted);
    t.dismissed += Math.max(0, r.dismissed);
    totals.set(r.type, t);
  }
  const out: Record<string, number> = {};
  for (const [type, t] of totals) {
    const p = (t.accepted + 1) / (t.accepted + t.dismissed + 2);
    out[type] = Math.round(Math.min(CFG.weights.max, Math.max(CFG.weights.min, 2 * p)) * 1000) / 1000;
  }
  return out;
}

export const weightOf = (weights: TypeWeights, type: string): number => weights[type] ?? 1;

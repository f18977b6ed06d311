import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { RECOMMENDATIONS_V2_CONFIG as CFG } from './config.ts';

/**
 * Evidence gating. An evidence item is a source row (a message event, a Linear issue, a deal,
 * a CRM activity); items are **independent** when they are distinct rows — the same row cited
 * by two signals counts once. Two messages are two independent items (the client said it
 * twice), one message quoted by `client_waiting` and `escalation_language` is one.
 */
export function independentEvidence(evidence: readonly EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.table}\u0000${e.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type GateResult = { published: true } | { published: false; reason: string };

export function gate(input: { independent: number; severity: number; confidence: number }): GateResult {
  const g = CFG.gating;
  const enoughEvidence =
    input.independent >= g.minIndependentEvidence ||
    (input.independent >= 1 && input.severity >= g.singleEvidenceMinSeverity);
  const reasons: string[] = [];
  if (!enoughEvidence)
    reasons.push(
      input.independent === 0
        ? 'no evidence item backs it'
        : `only ${input.independent} independent evidence item and severity ${input.severity.toFixed(2)} is below ${g.singleEvidenceMinSeverity} (needs ${g.minIndependentEvidence} items, or 1 with severity ≥ ${g.singleEvidenceMinSeverity})`,
    );
  if (input.confidence < g.minConfidence)
    reasons.push(`confidence ${input.confidence.toFixed(2)} is below ${g.minConfidence}`);
  return reasons.length === 0
    ? { published: true }
    : { published: false, reason: capitalise(reasons.join('; ')) };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How sure Keel is that the recommendation is warranted (see config.confidence). */
export function confidenceOf(input: {
  independent: number;
  corroboratingSignals: number;
  risk: number | null;
  forecastProbability: number | null;
}): number {
  const c = CFG.confidence;
  let value =
    input.independent === 0
      ? c.noEvidence
      : c.base + c.perEvidence * Math.min(input.independent, c.evidenceCap);
  value += Math.min(c.maxCorroboration, c.perCorroboratingSignal * input.corroboratingSignals);
  if (input.risk !== null && input.risk >= c.riskAgreesAt) value += c.riskBonus;
  if (input.forecastProbability !== null && input.forecastProbability >= c.forecastAgreesAt)
    value += c.forecastBonus;
  return Math.round(Math.min(c.max, value) * 1000) / 1000;
}

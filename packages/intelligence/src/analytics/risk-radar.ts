import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { SignalKey } from '../kag/config.ts';
import { round } from '../kag/math.ts';

/**
 * Risk radar items (pure) from the very signals and health score the kag refresh stored — one
 * computation, two views. One item per firing signal key (its subjects merged: severity is the
 * worst subject's, evidence is all of theirs), plus one `health` item while health is in the
 * at-risk or critical band. Probability is the project's 30-day forecast (null when the forecast
 * says it has too little history); exposure is the project's revenue at risk per currency.
 */
export type RadarSignal = {
  key: string;
  category: string;
  subjectKey: string;
  severity: number;
  title: string;
  sentence: string;
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

export type RadarHealth = {
  score: number;
  band: string;
  topContributors: Array<{ signalKey: string; share: number }>;
  configVersion: string;
  asOf: Date;
} | null;

export type Exposure = { currency: string; amountMinor: number };

export type RadarItem = {
  dedupeKey: string;
  riskType: string;
  title: string;
  description: string;
  severity: number;
  probability: number | null;
  /** Per currency; the table's single exposure column holds it when there is one currency. */
  exposures: Exposure[];
  exposureMinor: number | null;
  currency: string | null;
  mitigation: string;
  signalKeys: string[];
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

export const MITIGATIONS: Record<SignalKey | 'health', string> = {
  client_waiting: 'Reply to the waiting client now, then agree a response-time target with the team.',
  response_time_degradation:
    'Check who covers the inbox; rebalance assignments until first responses are back under target.',
  negative_sentiment: 'Call the client to hear the complaint out; log the agreed fixes as issues.',
  escalation_language: 'Escalate to the account owner today and answer the escalation in writing.',
  engagement_drop: 'Schedule a check-in with the client to confirm priorities and next steps.',
  overdue_issues: 'Re-plan the overdue issues: new dates, owners, and tell the client what moved.',
  stalled_issues: 'Unblock or reassign the stalled issues at the next stand-up.',
  blocked_issues: 'Name an owner for each blocker and a date to resolve it.',
  scope_creep: 'Review the added scope with the client; trade it against the cycle’s commitments.',
  cycle_at_risk: 'Cut or defer scope so the cycle finishes what it committed to.',
  bug_spike: 'Triage the new bugs and reserve capacity for fixes this cycle.',
  deal_stalled: 'Book a check-in with the account to move the deal or close it.',
  close_date_passed: 'Update the close date with the buyer or mark the deal lost.',
  renewal_due: 'Start the renewal conversation: confirm value delivered and the renewal terms.',
  no_recent_contact: 'Reach out to the client this week; agree a regular touchpoint.',
  health: 'Review the top contributing signals with the team and assign each an owner.',
};

const HEALTH_BANDS_AT_RISK = new Set(['at_risk', 'critical']);
const MAX_EVIDENCE = 20;

export function buildRiskRadarItems(input: {
  signals: readonly RadarSignal[];
  health: RadarHealth;
  probability: number | null;
  exposures: readonly Exposure[];
}): RadarItem[] {
  const exposures = input.exposures.filter((e) => e.amountMinor > 0);
  const single = exposures.length === 1 ? exposures[0] : undefined;
  const money = { exposures, exposureMinor: single?.amountMinor ?? null, currency: single?.currency ?? null };
  const byKey = new Map<string, RadarSignal[]>();
  for (const s of input.signals) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const items: RadarItem[] = [...byKey.entries()].map(([key, list]) => {
    const sorted = [...list].sort(
      (a, b) => b.severity - a.severity || a.subjectKey.localeCompare(b.subjectKey),
    );
    const worst = sorted[0] as RadarSignal;
    const more = sorted.length > 1 ? ` (+${sorted.length - 1} more)` : '';
    return {
      dedupeKey: `signal:${key}`,
      riskType: key,
      title: `${worst.title}${more}`,
      description: sorted.map((s) => s.sentence).join(' '),
      severity: round(worst.severity, 3),
      probability: input.probability,
      ...money,
      mitigation: MITIGATIONS[key as SignalKey] ?? MITIGATIONS.health,
      signalKeys: [key],
      evidence: sorted.flatMap((s) => s.evidence).slice(0, MAX_EVIDENCE),
      configVersion: worst.configVersion,
      asOf: new Date(Math.max(...sorted.map((s) => s.asOf.getTime()))),
    };
  });
  const h = input.health;
  if (h && HEALTH_BANDS_AT_RISK.has(h.band)) {
    const keys = [...new Set(h.topContributors.map((c) => c.signalKey))].filter((k) => byKey.has(k));
    items.push({
      dedupeKey: 'health:low',
      riskType: 'health',
      title: `Health ${Math.round(h.score)} (${h.band.replace('_', ' ')})`,
      description: `Health is ${Math.round(h.score)}/100; the largest contributors: ${
        h.topContributors
          .slice(0, 3)
          .map((c) => `${c.signalKey} ${Math.round(c.share * 100)} %`)
          .join(', ') || 'none'
      }.`,
      severity: round(Math.min(1, Math.max(0, (100 - h.score) / 100)), 3),
      probability: input.probability,
      ...money,
      mitigation: MITIGATIONS.health,
      signalKeys: keys,
      evidence: [
        { table: 'health_scores', id: h.asOf.toISOString(), label: `health ${Math.round(h.score)}` },
      ],
      configVersion: h.configVersion,
      asOf: h.asOf,
    });
  }
  return items.sort((a, b) => b.severity - a.severity || a.dedupeKey.localeCompare(b.dedupeKey));
}

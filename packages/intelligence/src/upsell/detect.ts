import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { DAY_MS, ramp, round } from '../kag/math.ts';
import { HEALTH_BANDS } from '../portfolio/overview.ts';
import { type CueHit, expansionCues, UPSELL_CUES, type UpsellCue } from './cues.ts';

/**
 * The upsell radar's rules (seed: upsell.js). A healthy project (kag health at or above the
 * "healthy" line) whose client has already bought (a won deal) and whose client messages carry
 * an expansion cue gets one opportunity per (cue, conversation): the messages are its evidence,
 * the won deals the basis of its estimated value. Pure: rows in, opportunities out.
 */
export type UpsellMessage = {
  eventId: string;
  conversationRef: string;
  conversationLabel: string;
  contactName: string | null;
  actor: 'client' | 'agent' | 'bot';
  at: Date;
  text: string;
};

export type WonDeal = {
  id: string;
  crmAccountId: string | null;
  title: string;
  amountMinor: number;
  currency: string;
  closedAt: Date | null;
};

export type UpsellConfig = {
  version: string;
  lookbackDays: number;
  minHealth: number;
  /** The cue's own weight: another project says more than "we also need". */
  cueWeight: Record<UpsellCue, number>;
  /** The share of a typical won deal that each cue is worth. */
  valueShare: Record<UpsellCue, number>;
};

export const UPSELL_CONFIG: UpsellConfig = {
  version: 'upsell-v1',
  lookbackDays: 60,
  minHealth: HEALTH_BANDS.watch,
  cueWeight: { another_project: 0.55, additional_scope: 0.5, new_need: 0.4 },
  valueShare: { another_project: 1, additional_scope: 0.5, new_need: 0.25 },
};

export type UpsellInput = {
  now: Date;
  health: number | null;
  messages: readonly UpsellMessage[];
  wonDeals: readonly WonDeal[];
  config?: UpsellConfig;
};

export type DetectedUpsell = {
  cue: UpsellCue;
  dedupeKey: string;
  title: string;
  rationale: string;
  score: number;
  estimatedValueMinor: number | null;
  currency: string | null;
  crmAccountId: string | null;
  evidence: EvidenceRef[];
};

export type UpsellGate = { ok: true } | { ok: false; reason: string };

/** Why a project gets no opportunities (the job reports it as its skip reason). */
export function upsellGate(input: Pick<UpsellInput, 'health' | 'wonDeals' | 'config'>): UpsellGate {
  const cfg = input.config ?? UPSELL_CONFIG;
  if (input.health === null) return { ok: false, reason: 'no health score yet: the kag refresh has not run' };
  if (input.health < cfg.minHealth)
    return {
      ok: false,
      reason: `health ${round(input.health, 0)} is below ${cfg.minHealth}: fix the project before selling more`,
    };
  if (input.wonDeals.length === 0) return { ok: false, reason: 'no won deal: the client has not bought yet' };
  return { ok: true };
}

const CUE_TITLE: Record<UpsellCue, string> = {
  another_project: 'wants another project',
  additional_scope: 'has budget or scope for more',
  new_need: 'has a new need',
};

/** What to do next about an opportunity, by cue and status (shown with every row). */
export function suggestedNextStep(cue: UpsellCue, status: string): string {
  if (status === 'converted') return 'Converted: track it as a deal in the CRM.';
  if (status === 'dismissed') return 'Dismissed: nothing to do unless the client raises it again.';
  if (status === 'qualified')
    return cue === 'another_project'
      ? 'Send a proposal for the new project and open a deal in the CRM.'
      : 'Send an estimate for the extra scope and open a deal in the CRM.';
  switch (cue) {
    case 'another_project':
      return 'Book a discovery call about the new project with the client.';
    case 'additional_scope':
      return 'Reply with a short scope outline and ask for the budget and timing.';
    case 'new_need':
      return 'Ask the client two questions about the need, then size it with the team.';
  }
}

/** A typical won deal in the currency of the latest win: the mean of wins in that currency. */
function valueBasis(deals: readonly WonDeal[]): { amountMinor: number; currency: string } | null {
  const latest = [...deals].sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0))[0];
  if (!latest) return null;
  const same = deals.filter((d) => d.currency === latest.currency && d.amountMinor > 0);
  if (same.length === 0) return null;
  return {
    amountMinor: Math.round(same.reduce((s, d) => s + d.amountMinor, 0) / same.length),
    currency: latest.currency,
  };
}

const messageRef = (m: UpsellMessage, term: string): EvidenceRef => ({
  table: 'kag_events',
  id: m.eventId,
  label: `${m.contactName ?? 'Client'} in ${m.conversationLabel} (“${term}”): ${m.text.replace(/\s+/g, ' ').trim().slice(0, 140)}`,
  occurredAt: m.at.toISOString(),
});

export function detectUpsellOpportunities(input: UpsellInput): DetectedUpsell[] {
  const cfg = input.config ?? UPSELL_CONFIG;
  if (!upsellGate(input).ok || input.health === null) return [];
  const health = input.health;
  const from = input.now.getTime() - cfg.lookbackDays * DAY_MS;
  const groups = new Map<string, { cue: UpsellCue; hits: Array<{ m: UpsellMessage; hit: CueHit }> }>();
  for (const m of input.messages) {
    if (m.actor !== 'client' || m.at.getTime() < from || m.at > input.now) continue;
    for (const hit of expansionCues(m.text)) {
      const key = `${hit.cue}:conversation:${m.conversationRef}`;
      const g = groups.get(key) ?? { cue: hit.cue, hits: [] };
      g.hits.push({ m, hit });
      groups.set(key, g);
    }
  }
  const basis = valueBasis(input.wonDeals);
  const account = [...input.wonDeals].sort(
    (a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0),
  )[0]?.crmAccountId;
  const out: DetectedUpsell[] = [];
  for (const [dedupeKey, g] of groups) {
    const hits = [...g.hits].sort((a, b) => b.m.at.getTime() - a.m.at.getTime());
    const newest = hits[0];
    if (!newest) continue;
    const ageDays = (input.now.getTime() - newest.m.at.getTime()) / DAY_MS;
    // Cue strength, then repetition, a healthier project and a fresher message add to it.
    const score =
      cfg.cueWeight[g.cue] +
      0.15 * ramp(hits.length, 1, 3) +
      0.15 * ramp(health, cfg.minHealth, 100) +
      0.15 * (1 - ramp(ageDays, 0, cfg.lookbackDays));
    const who = newest.m.contactName ?? 'The client';
    const terms = [...new Set(hits.map((h) => h.hit.term))];
    const value = basis ? Math.round(basis.amountMinor * cfg.valueShare[g.cue]) : null;
    out.push({
      cue: g.cue,
      dedupeKey,
      title: `${who} ${CUE_TITLE[g.cue]}`,
      rationale: `${who} wrote ${hits.length === 1 ? 'a message' : `${hits.length} messages`} with ${terms.map((t) => `“${t}”`).join(', ')} in ${newest.m.conversationLabel}; the project is healthy (${round(health, 0)}) and the client has ${input.wonDeals.length === 1 ? 'a won deal' : `${input.wonDeals.length} won deals`}.`,
      score: round(Math.min(1, score), 2),
      estimatedValueMinor: value,
      currency: value === null ? null : (basis?.currency ?? null),
      crmAccountId: account ?? null,
      evidence: hits.map((h) => messageRef(h.m, h.hit.term)),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.dedupeKey.localeCompare(b.dedupeKey));
}

export { UPSELL_CUES };

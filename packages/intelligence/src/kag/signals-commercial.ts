import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { KAG_CONFIG } from './config.ts';
import { daysBetween, endOfDate, formatAmount, ramp, round, startOfDate } from './math.ts';
import { type DetectorInput, makeSignal } from './signal-base.ts';
import type { DealFact, DetectedSignal } from './types.ts';

/** Commercial and relationship upkeep: deals, renewals, and whether anyone is in touch. */
const dealRef = (d: DealFact, note: string): EvidenceRef => ({
  table: 'crm_opportunities',
  id: d.rowId,
  label: `${d.title} (${d.stage}, ${formatAmount(d.amountMinor, d.currency)}): ${note}`,
});
const amountPart = (input: DetectorInput, d: DealFact) =>
  ramp(d.amountMinor, 0, (input.config ?? KAG_CONFIG).amountSaturationMinor);
const account = (input: DetectorInput, d: DealFact) =>
  d.accountName ?? input.facts.clientName ?? 'the client';

export function detectDealStalled(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.deal_stalled;
  return input.facts.deals.flatMap((d) => {
    if (d.status !== 'open') return [];
    const since = d.stageChangedAt ?? d.createdAt;
    const age = daysBetween(since, input.now);
    if (age <= cfg.staleDays) return [];
    return [
      makeSignal('deal_stalled', input.now, {
        subjectKey: `deal:${d.rowId}`,
        subjectLabel: d.title,
        severity: 0.3 + 0.4 * ramp(age, cfg.staleDays, cfg.saturateDays) + 0.3 * amountPart(input, d),
        value: Math.floor(age),
        title: `Deal “${d.title}” has not moved`,
        sentence: `“${d.title}” with ${account(input, d)} (${formatAmount(d.amountMinor, d.currency)}) has been in stage “${d.stage}” for ${Math.floor(age)} days.`,
        evidence: [dealRef(d, `stage unchanged since ${since.toISOString().slice(0, 10)}`)],
        details: { deal: d.title, account: account(input, d), days: Math.floor(age), stage: d.stage },
      }),
    ];
  });
}

export function detectCloseDatePassed(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.close_date_passed;
  return input.facts.deals.flatMap((d) => {
    if (d.status !== 'open' || !d.expectedCloseDate) return [];
    const days = daysBetween(endOfDate(d.expectedCloseDate), input.now);
    if (days <= 0) return [];
    return [
      makeSignal('close_date_passed', input.now, {
        subjectKey: `deal:${d.rowId}`,
        subjectLabel: d.title,
        severity: 0.3 + 0.4 * ramp(days, 0, cfg.saturateDays) + 0.3 * amountPart(input, d),
        value: Math.ceil(days),
        title: `Deal “${d.title}” is past its close date`,
        sentence: `“${d.title}” with ${account(input, d)} (${formatAmount(d.amountMinor, d.currency)}) was expected to close on ${d.expectedCloseDate}, ${Math.ceil(days)} days ago, and is still open.`,
        evidence: [dealRef(d, `expected close ${d.expectedCloseDate}`)],
        details: {
          deal: d.title,
          account: account(input, d),
          days: Math.ceil(days),
          closeDate: d.expectedCloseDate,
        },
      }),
    ];
  });
}

export function detectRenewalDue(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.renewal_due;
  return input.facts.deals.flatMap((d) => {
    if (d.status !== 'won' || !d.renewalDate) return [];
    const left = daysBetween(input.now, startOfDate(d.renewalDate));
    if (left < 0 || left > cfg.withinDays) return [];
    return [
      makeSignal('renewal_due', input.now, {
        subjectKey: `deal:${d.rowId}`,
        subjectLabel: account(input, d),
        severity: 0.2 + 0.5 * (1 - ramp(left, 0, cfg.withinDays)) + 0.3 * amountPart(input, d),
        value: Math.floor(left),
        title: `Contract with ${account(input, d)} ends in ${Math.floor(left)} days`,
        sentence: `The contract won with “${d.title}” (${formatAmount(d.amountMinor, d.currency)}) ends on ${d.renewalDate}, in ${Math.floor(left)} days.`,
        evidence: [dealRef(d, `renewal ${d.renewalDate}`)],
        details: {
          deal: d.title,
          account: account(input, d),
          days: Math.floor(left),
          renewalDate: d.renewalDate,
        },
      }),
    ];
  });
}

export function detectNoRecentContact(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.no_recent_contact;
  const touches: Array<{ at: Date; ref: EvidenceRef }> = [
    ...input.facts.activities.map((a) => ({
      at: a.at,
      ref: {
        table: 'attio_activities_raw',
        id: a.rowId,
        label: `CRM ${a.kind}`,
        occurredAt: a.at.toISOString(),
      },
    })),
    ...input.facts.messages
      .filter((m) => m.actor === 'agent')
      .map((m) => ({
        at: m.at,
        ref: {
          table: 'kag_events',
          id: m.eventId,
          label: `reply in ${m.conversationLabel}`,
          occurredAt: m.at.toISOString(),
        },
      })),
  ];
  // No touch at all in the loaded history is "no data", not "no contact": stay silent.
  const last = touches.reduce<(typeof touches)[number] | undefined>(
    (a, b) => (!a || b.at > a.at ? b : a),
    undefined,
  );
  if (!last) return [];
  const days = daysBetween(last.at, input.now);
  if (days <= cfg.days) return [];
  const who = input.facts.clientName ?? input.facts.projectName;
  return [
    makeSignal('no_recent_contact', input.now, {
      subjectLabel: who,
      severity: 0.3 + 0.7 * ramp(days, cfg.days, cfg.saturateDays),
      value: Math.floor(days),
      title: `No contact with ${who} for ${Math.floor(days)} days`,
      sentence: `Nobody has written to ${who} or logged a CRM activity for ${Math.floor(days)} days (last: ${last.ref.label} on ${last.at.toISOString().slice(0, 10)}).`,
      evidence: [{ ...last.ref, weight: round(days, 1) }],
      details: { client: who, days: Math.floor(days) },
    }),
  ];
}

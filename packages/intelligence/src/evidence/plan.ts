import type { ScoreContributor } from '@keel/db/schema/kag-core';
import { kindOfEvent, type NormalizedEvidenceRef, normalizeEvidenceRefs } from './normalize.ts';

/**
 * The pure half of `indexEvidenceRefs`: which rows cite which refs, what a new evidence item
 * says (its snippet, time and kind from the cited row), and how the stored citations must
 * change. The use case (`index-refs.ts`) loads and writes around these.
 */

export type Citation = { citingTable: string; citingId: string; ref: NormalizedEvidenceRef };

export type CitingRows = {
  signals: ReadonlyArray<{ id: string; key: string; subjectKey: string; evidence: unknown }>;
  scores: ReadonlyArray<{ id: string; topContributors: readonly ScoreContributor[] }>;
  v1: ReadonlyArray<{ id: string; evidence: unknown }>;
  v2: ReadonlyArray<{ id: string; evidence: unknown }>;
  radar: ReadonlyArray<{ id: string; evidence: unknown }>;
  legacy: ReadonlyArray<{ id: string; evidence: unknown }>;
  nba: ReadonlyArray<{ id: string; evidence: unknown }>;
};

/**
 * Every (citing row, ref) pair. A score cites no rows of its own: it cites the evidence of the
 * signals among its top contributors (the "why 42?" list), so a message behind a score's drop
 * lists the score too. Forecasts cite aggregate features and other projects' past cases, never
 * rows of this project, so they cite nothing here (docs/evidence.md).
 */
export function collectCitations(rows: CitingRows): Citation[] {
  const out: Citation[] = [];
  const add = (citingTable: string, citingId: string, evidence: unknown) => {
    for (const ref of normalizeEvidenceRefs(evidence)) out.push({ citingTable, citingId, ref });
  };
  const bySignal = new Map(rows.signals.map((s) => [`${s.key}\u0000${s.subjectKey}`, s.evidence]));
  for (const s of rows.signals) add('kag_signals', s.id, s.evidence);
  for (const sc of rows.scores) {
    const refs = sc.topContributors.flatMap((c) => {
      const ev = bySignal.get(`${c.signalKey}\u0000${c.subjectKey}`);
      return Array.isArray(ev) ? ev : [];
    });
    add('kag_scores', sc.id, refs);
  }
  for (const r of rows.v1) add('kag_recommendations', r.id, r.evidence);
  for (const r of rows.v2) add('recommendations_v2', r.id, r.evidence);
  for (const r of rows.radar) add('risk_radar_items', r.id, r.evidence);
  for (const r of rows.legacy) add('signals', r.id, r.evidence);
  for (const r of rows.nba) add('next_best_actions', r.id, r.evidence);
  return out;
}

export type EvidenceSources = {
  events: ReadonlyArray<{
    id: string;
    kind: string;
    source: string;
    sourceRef: string;
    occurredAt: Date;
    payload: Record<string, unknown>;
  }>;
  messages: ReadonlyArray<{ id: string; content: string | null; occurredAt: Date }>;
  issues: ReadonlyArray<{
    id: string;
    identifier: string;
    title: string;
    description: string | null;
    occurredAt: Date;
  }>;
  cycles: ReadonlyArray<{ id: string; number: number; name: string | null; occurredAt: Date }>;
  deals: ReadonlyArray<{ id: string; title: string; stage: string; occurredAt: Date | null }>;
  activities: ReadonlyArray<{
    id: string;
    title: string | null;
    content: string | null;
    occurredAt: Date | null;
  }>;
};

export type EvidenceItemDraft = {
  sourceTable: string;
  sourceRef: string;
  kind: string;
  snippet: string;
  occurredAt: Date | null;
  meta: Record<string, unknown>;
};

/** Snippets are for reading and matching, not for storing whole documents. */
export const MAX_SNIPPET = 500;

const clip = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_SNIPPET ? `${t.slice(0, MAX_SNIPPET - 1)}…` : t;
};
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p?.trim()).join(' — ');

/**
 * One item per ref: the cited row's own words when it is still there (a message's text, an
 * issue's identifier, title and description, a deal's title and stage), else the label the
 * citing row stored, else the table and id — never an empty snippet.
 */
export function buildEvidenceItems(
  refs: readonly NormalizedEvidenceRef[],
  sources: EvidenceSources,
): EvidenceItemDraft[] {
  const by = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));
  const events = by(sources.events);
  const messages = by(sources.messages);
  const issues = by(sources.issues);
  const cycles = by(sources.cycles);
  const deals = by(sources.deals);
  const activities = by(sources.activities);
  const at = (d: string | null) => (d ? new Date(d) : null);
  return refs.map((ref) => {
    const base = { sourceTable: ref.table, sourceRef: ref.id, kind: ref.kind as string };
    const fallback = ref.label ?? `${ref.table} ${ref.id}`;
    const e = ref.table === 'kag_events' ? events.get(ref.id) : undefined;
    if (e) {
      const p = e.payload;
      const text = join(str(p.conversationLabel) || str(p.identifier), str(p.text) || str(p.title));
      return {
        ...base,
        kind: kindOfEvent(e.kind),
        snippet: clip(text || fallback),
        occurredAt: e.occurredAt,
        meta: {
          eventKind: e.kind,
          source: e.source,
          vendorRef: e.sourceRef,
          ...(p.conversationId !== undefined ? { conversationId: p.conversationId } : {}),
          ...(str(p.contactName) ? { contactName: str(p.contactName) } : {}),
        },
      };
    }
    const m = ref.table === 'cw_messages' ? messages.get(ref.id) : undefined;
    if (m) return { ...base, snippet: clip(m.content || fallback), occurredAt: m.occurredAt, meta: {} };
    const i = ref.table === 'linear_issues_raw' ? issues.get(ref.id) : undefined;
    if (i)
      return {
        ...base,
        snippet: clip(join(i.identifier, i.title, i.description)),
        occurredAt: i.occurredAt,
        meta: { vendorRef: i.identifier },
      };
    const c = ref.table === 'linear_cycles_raw' ? cycles.get(ref.id) : undefined;
    if (c)
      return {
        ...base,
        snippet: clip(join(`Cycle ${c.number}`, c.name)),
        occurredAt: c.occurredAt,
        meta: {},
      };
    const d = ref.table === 'crm_opportunities' ? deals.get(ref.id) : undefined;
    if (d)
      return {
        ...base,
        snippet: clip(join(d.title, d.stage)),
        occurredAt: d.occurredAt ?? at(ref.occurredAt),
        meta: {},
      };
    const a = ref.table === 'attio_activities_raw' ? activities.get(ref.id) : undefined;
    if (a)
      return {
        ...base,
        snippet: clip(join(a.title, a.content) || fallback),
        occurredAt: a.occurredAt ?? at(ref.occurredAt),
        meta: {},
      };
    return { ...base, snippet: clip(fallback), occurredAt: at(ref.occurredAt), meta: { missing: true } };
  });
}

export const refKey = (table: string, id: string) => `${table}\u0000${id}`;

/** The citations to delete (stored, no longer cited) and to add (cited, not stored). */
export function diffCitations(
  desired: ReadonlyArray<{ evidenceItemId: string; citingTable: string; citingId: string }>,
  stored: ReadonlyArray<{ id: string; evidenceItemId: string; citingTable: string; citingId: string }>,
) {
  const k = (c: { evidenceItemId: string; citingTable: string; citingId: string }) =>
    `${c.evidenceItemId}\u0000${c.citingTable}\u0000${c.citingId}`;
  const want = new Map(desired.map((d) => [k(d), d]));
  const have = new Set(stored.map(k));
  return {
    remove: stored.filter((s) => !want.has(k(s))).map((s) => s.id),
    add: [...want.entries()].filter(([key]) => !have.has(key)).map(([, d]) => d),
  };
}

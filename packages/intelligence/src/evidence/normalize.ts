/**
 * The seed's `normalizeEvidenceRefs` (audit.js): evidence refs as stored in jsonb by every
 * detector, recommender and radar, turned into one clean list before they are indexed. Pure.
 *
 *  - a ref needs a known `table` and a non-empty `id` (numbers are accepted and stringified);
 *    anything else — null, strings, unknown tables, empty or over-long ids — is dropped;
 *  - each ref gets its canonical `kind` from its table (what a person would call it);
 *  - duplicates (same table and id) collapse to the first, which keeps the order detectors give
 *    (strongest first), borrowing a label or time the first lacked;
 *  - `occurredAt` survives only as a valid instant (rewritten as ISO), `label` only as text.
 */

export const EVIDENCE_KINDS = [
  'event',
  'message',
  'conversation',
  'issue',
  'cycle',
  'deal',
  'activity',
  'health',
  'forecast',
  'snapshot',
  'signal',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Every table a ref may point at, and its kind. kag_events are refined per event at index time. */
export const EVIDENCE_TABLE_KINDS: Readonly<Record<string, EvidenceKind>> = {
  kag_events: 'event',
  cw_messages: 'message',
  cw_conversations: 'conversation',
  linear_issues_raw: 'issue',
  linear_cycles_raw: 'cycle',
  crm_opportunities: 'deal',
  attio_opportunities_raw: 'deal',
  attio_activities_raw: 'activity',
  health_scores: 'health',
  kag_risk_forecasts: 'forecast',
  project_snapshots: 'snapshot',
  kag_signals: 'signal',
};

export type NormalizedEvidenceRef = {
  table: string;
  id: string;
  kind: EvidenceKind;
  label: string | null;
  occurredAt: string | null;
};

const MAX_ID = 200;
const MAX_LABEL = 300;

function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v !== 'string') return null;
  const id = v.trim();
  return id.length > 0 && id.length <= MAX_ID ? id : null;
}

function instantOf(v: unknown): string | null {
  if (typeof v !== 'string' && !(v instanceof Date)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function labelOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s.length === 0 ? null : s.slice(0, MAX_LABEL);
}

export function normalizeEvidenceRefs(raw: unknown): NormalizedEvidenceRef[] {
  if (!Array.isArray(raw)) return [];
  const out = new Map<string, NormalizedEvidenceRef>();
  for (const r of raw) {
    if (r === null || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    const table = typeof o.table === 'string' ? o.table.trim() : '';
    const kind = Object.hasOwn(EVIDENCE_TABLE_KINDS, table) ? EVIDENCE_TABLE_KINDS[table] : undefined;
    const id = idOf(o.id);
    if (!kind || id === null) continue;
    const ref = { table, id, kind, label: labelOf(o.label), occurredAt: instantOf(o.occurredAt) };
    const key = `${table}:${id}`;
    const seen = out.get(key);
    if (!seen) out.set(key, ref);
    else
      out.set(key, {
        ...seen,
        label: seen.label ?? ref.label,
        occurredAt: seen.occurredAt ?? ref.occurredAt,
      });
  }
  return [...out.values()];
}

/** The kind of a kag event row, from its event kind (message_in → message, issue_overdue → issue …). */
export function kindOfEvent(eventKind: string): EvidenceKind {
  if (eventKind.startsWith('message_')) return 'message';
  if (eventKind.startsWith('conversation_')) return 'conversation';
  if (eventKind.startsWith('issue_')) return 'issue';
  if (eventKind.startsWith('cycle_')) return 'cycle';
  if (eventKind.startsWith('deal_')) return 'deal';
  if (eventKind === 'activity_logged') return 'activity';
  return 'event';
}

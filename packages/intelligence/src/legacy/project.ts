import type { EvidenceRef, SignalCategory } from '@keel/db/schema/kag-core';
import type { LEGACY_SIGNAL_SOURCES } from '@keel/db/schema/legacy';
import { normalizeEvidenceRefs } from '../evidence/normalize.ts';

/**
 * The seed's legacy `signals.js` (signals + next best actions) as a projection of the kag
 * signals — one source of truth, no second detector. Pure: the current kag signals, the open
 * recommendations v2 and the legacy rows already stored in; the rows to upsert and the ones to
 * mark resolved out. Statuses are never computed here: they are people's decisions, kept by
 * the upsert.
 *
 *  - each current kag signal → one legacy signal, dedupe key `kag:<key>:<subject>` (stable
 *    across runs, so re-extraction updates the same row);
 *  - its source and source_ref come from its strongest evidence ref (a Chatwoot message, a
 *    Linear issue, an Attio deal …); project-wide signals without evidence fall back to the
 *    category's system and `project`;
 *  - one next best action per signal, dedupe key `nba:<key>:<subject>`: the suggested action of
 *    the best open recommendation v2 citing that signal when there is one, else the documented
 *    mapping of `NBA_BY_SIGNAL_KEY`;
 *  - a stored row whose kag signal is gone (and not yet marked) is to be marked resolved.
 */

export type LegacySource = (typeof LEGACY_SIGNAL_SOURCES)[number];

export type KagSignalIn = {
  key: string;
  category: SignalCategory;
  subjectKey: string;
  severity: number;
  title: string;
  sentence: string;
  evidence: readonly EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

export type RecommendationV2In = {
  id: string;
  type: string;
  subjectKey: string;
  title: string;
  body: string;
  priority: number;
  signalKeys: readonly string[];
  suggestedAction: { type: string } | null;
};

export type StoredLegacySignal = { dedupeKey: string; resolvedAt: Date | null };

export type LegacySignalDraft = {
  dedupeKey: string;
  key: string;
  category: SignalCategory;
  source: LegacySource;
  sourceRef: string;
  severity: number;
  confidence: number;
  title: string;
  sentence: string;
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
};

export type NbaDraft = {
  dedupeKey: string;
  /** The legacy signal it answers (its dedupe key; the use case turns it into the row id). */
  signalDedupeKey: string;
  actionType: string;
  title: string;
  rationale: string;
  priority: number;
  dueAt: Date | null;
  evidence: EvidenceRef[];
  /** `recommendations_v2:<id>` when it came from a recommendation, else `mapping:<signal key>`. */
  origin: string;
};

export type LegacyProjection = {
  signals: LegacySignalDraft[];
  actions: NbaDraft[];
  /** Dedupe keys of stored rows whose kag signal cleared. */
  resolve: string[];
};

/**
 * What to do about a signal when no recommendation v2 suggests anything: the seed's NBA table,
 * kept as data so docs/legacy-signals.md can quote it. `dueHours` is from the extraction.
 */
export const NBA_BY_SIGNAL_KEY: Readonly<
  Record<string, { actionType: string; title: string; dueHours: number | null }>
> = {
  client_waiting: { actionType: 'reply_to_client', title: 'Reply to the waiting client', dueHours: 4 },
  response_time_degradation: {
    actionType: 'review_response_times',
    title: 'Review who answers the client and how fast',
    dueHours: 48,
  },
  negative_sentiment: {
    actionType: 'call_client',
    title: 'Call the client about their concerns',
    dueHours: 24,
  },
  escalation_language: {
    actionType: 'escalate_to_lead',
    title: 'Bring the account lead into the conversation',
    dueHours: 24,
  },
  engagement_drop: {
    actionType: 'schedule_check_in',
    title: 'Schedule a check-in with the client',
    dueHours: 72,
  },
  overdue_issues: { actionType: 'replan_overdue', title: 'Re-plan the overdue issues', dueHours: 48 },
  stalled_issues: {
    actionType: 'unblock_stalled',
    title: 'Ask the assignees what stalls their issues',
    dueHours: 48,
  },
  blocked_issues: { actionType: 'remove_blocker', title: 'Remove the blockers', dueHours: 24 },
  scope_creep: { actionType: 'review_scope', title: 'Review the cycle scope with the client', dueHours: 72 },
  cycle_at_risk: { actionType: 'rescope_cycle', title: 'Re-scope the current cycle', dueHours: 48 },
  bug_spike: { actionType: 'triage_bugs', title: 'Triage the new bugs', dueHours: 24 },
  deal_stalled: { actionType: 'follow_up_deal', title: 'Follow up on the stalled deal', dueHours: 72 },
  close_date_passed: {
    actionType: 'update_close_date',
    title: 'Update the deal close date or close it',
    dueHours: 48,
  },
  renewal_due: { actionType: 'prepare_renewal', title: 'Prepare the renewal offer', dueHours: 168 },
  no_recent_contact: {
    actionType: 'schedule_check_in',
    title: 'Get back in touch with the client',
    dueHours: 72,
  },
};
const FALLBACK_NBA = { actionType: 'review_signal', title: 'Review the signal', dueHours: null };

const SOURCE_BY_TABLE_PREFIX: ReadonlyArray<[string, LegacySource]> = [
  ['cw_', 'chatwoot'],
  ['linear_', 'linear'],
  ['attio_', 'attio'],
  ['crm_', 'attio'],
];
const SOURCE_BY_CATEGORY: Record<SignalCategory, LegacySource> = {
  communication: 'chatwoot',
  relationship: 'chatwoot',
  delivery: 'linear',
  commercial: 'attio',
};
/** Legacy rows carried at most this many refs in the seed; the kag signal keeps them all. */
export const MAX_LEGACY_EVIDENCE = 20;

export const legacySignalKey = (key: string, subjectKey: string) => `kag:${key}:${subjectKey}`;
export const nbaKey = (key: string, subjectKey: string) => `nba:${key}:${subjectKey}`;

function sourceOf(table: string, id: string, eventSources: ReadonlyMap<string, string>): LegacySource | null {
  if (table === 'kag_events') {
    const s = eventSources.get(id);
    return s === 'chatwoot' || s === 'linear' || s === 'attio' ? s : null;
  }
  return SOURCE_BY_TABLE_PREFIX.find(([prefix]) => table.startsWith(prefix))?.[1] ?? null;
}

const toRef = (r: ReturnType<typeof normalizeEvidenceRefs>[number]): EvidenceRef => ({
  table: r.table,
  id: r.id,
  ...(r.label ? { label: r.label } : {}),
  ...(r.occurredAt ? { occurredAt: r.occurredAt } : {}),
});

/** The open recommendation v2 that answers a signal: same key and subject (or project-wide), best priority. */
function recommendationFor(signal: KagSignalIn, recs: readonly RecommendationV2In[]) {
  let best: RecommendationV2In | null = null;
  for (const r of recs) {
    if (!r.suggestedAction || !r.signalKeys.includes(signal.key)) continue;
    if (r.subjectKey !== signal.subjectKey && r.subjectKey !== '') continue;
    const better =
      !best ||
      (r.subjectKey === signal.subjectKey && best.subjectKey !== signal.subjectKey) ||
      (r.subjectKey === best.subjectKey && r.priority > best.priority);
    if (better) best = r;
  }
  return best;
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function projectLegacySignals(input: {
  signals: readonly KagSignalIn[];
  recommendations: readonly RecommendationV2In[];
  stored: readonly StoredLegacySignal[];
  /** kag_events id → its source system, for the signals whose evidence is an event. */
  eventSources: ReadonlyMap<string, string>;
  now: Date;
}): LegacyProjection {
  const signals: LegacySignalDraft[] = [];
  const actions: NbaDraft[] = [];
  const current = new Set<string>();
  for (const s of input.signals) {
    const dedupeKey = legacySignalKey(s.key, s.subjectKey);
    if (current.has(dedupeKey)) continue;
    current.add(dedupeKey);
    const refs = normalizeEvidenceRefs(s.evidence);
    const evidence = refs.slice(0, MAX_LEGACY_EVIDENCE).map(toRef);
    const first = refs.find((r) => sourceOf(r.table, r.id, input.eventSources) !== null);
    signals.push({
      dedupeKey,
      key: s.key,
      category: s.category,
      source: first
        ? (sourceOf(first.table, first.id, input.eventSources) as LegacySource)
        : SOURCE_BY_CATEGORY[s.category],
      sourceRef: first ? `${first.table}:${first.id}` : s.subjectKey || 'project',
      severity: clamp01(s.severity),
      // kag signals are rules over observed rows, not guesses: the seed's confidence 1.
      confidence: 1,
      title: s.title,
      sentence: s.sentence,
      evidence,
      configVersion: s.configVersion,
      asOf: s.asOf,
    });
    const rec = recommendationFor(s, input.recommendations);
    const mapped = NBA_BY_SIGNAL_KEY[s.key] ?? FALLBACK_NBA;
    actions.push(
      rec?.suggestedAction
        ? {
            dedupeKey: nbaKey(s.key, s.subjectKey),
            signalDedupeKey: dedupeKey,
            actionType: rec.suggestedAction.type,
            title: rec.title,
            rationale: rec.body,
            priority: clamp01(rec.priority),
            dueAt: null,
            evidence,
            origin: `recommendations_v2:${rec.id}`,
          }
        : {
            dedupeKey: nbaKey(s.key, s.subjectKey),
            signalDedupeKey: dedupeKey,
            actionType: mapped.actionType,
            title: mapped.title,
            rationale: s.sentence,
            priority: clamp01(s.severity),
            dueAt:
              mapped.dueHours === null ? null : new Date(input.now.getTime() + mapped.dueHours * 3_600_000),
            evidence,
            origin: `mapping:${s.key}`,
          },
    );
  }
  const resolve = input.stored
    .filter((r) => r.resolvedAt === null && r.dedupeKey.startsWith('kag:') && !current.has(r.dedupeKey))
    .map((r) => r.dedupeKey);
  return { signals, actions, resolve };
}

/** proposed → accepted | dismissed; accepted → done. Dismissed and done are final. */
export const LEGACY_TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  proposed: ['accepted', 'dismissed'],
  accepted: ['done'],
  dismissed: [],
  done: [],
};

export function legacyMove(
  from: string,
  to: string,
): { ok: true } | { ok: false; allowed: readonly string[] } {
  const allowed = LEGACY_TRANSITIONS[from] ?? [];
  return allowed.includes(to) ? { ok: true } : { ok: false, allowed };
}

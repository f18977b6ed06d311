import { ApiError } from '@keel/core/errors';
import type { ProjectScope } from '@keel/core/scope';
import { isUuid } from '@keel/core/utils';
import {
  findKagSignal,
  listEvidenceCycles,
  listEvidenceDeals,
  listEvidenceEvents,
  listEvidenceIssues,
} from '@keel/db/queries/kag-evidence';
import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { AppDeps } from '../deps.ts';

/**
 * A signal's evidence with where each piece lives: a client message opens in Keel's
 * conversation screen; issues, cycles and deals name their identifier and, when the vendor
 * gave one, their page there. A ref whose row is gone (deleted upstream) keeps its label.
 */

export type EvidenceTarget =
  | { kind: 'conversation'; conversationId: number; messageId: number | null }
  | { kind: 'vendor'; identifier: string; url: string | null };

const MESSAGE_KINDS = new Set(['message_in', 'message_out']);
/** Detectors order evidence strongest first; past this many, more rows explain nothing new. */
export const MAX_EVIDENCE = 100;

/** Synced URLs are vendor data: only http(s) may become a link (never `javascript:`). */
export function safeHttpUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const positiveInt = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

function idsOf(refs: readonly EvidenceRef[], table: string): string[] {
  return [...new Set(refs.filter((r) => r.table === table && isUuid(r.id)).map((r) => r.id))];
}

export async function listSignalEvidence(deps: Pick<AppDeps, 'db'>, scope: ProjectScope, signalId: string) {
  const signal = await findKagSignal(deps.db, scope, signalId);
  if (!signal)
    throw new ApiError(
      'not_found',
      'No current signal with that id; it may have cleared since the page loaded.',
    );
  const refs = signal.evidence.slice(0, MAX_EVIDENCE);
  const targets = await evidenceTargets(deps, scope, refs);
  return {
    signalId: signal.id,
    key: signal.key,
    title: signal.title,
    total: signal.evidence.length,
    items: refs.map((r) => ({
      table: r.table,
      id: r.id,
      label: r.label ?? null,
      occurredAt: r.occurredAt ?? null,
      weight: r.weight ?? null,
      target: targets.get(`${r.table}:${r.id}`) ?? null,
    })),
  };
}

/** Where each ref opens, keyed `table:id` (refs of other projects or gone rows have none). */
export async function evidenceTargets(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  refs: readonly EvidenceRef[],
): Promise<Map<string, EvidenceTarget>> {
  const [events, issues, cycles, deals] = await Promise.all([
    listEvidenceEvents(deps.db, scope, idsOf(refs, 'kag_events')),
    listEvidenceIssues(deps.db, scope, idsOf(refs, 'linear_issues_raw')),
    listEvidenceCycles(deps.db, scope, idsOf(refs, 'linear_cycles_raw')),
    listEvidenceDeals(deps.db, scope, idsOf(refs, 'crm_opportunities')),
  ]);
  const targets = new Map<string, EvidenceTarget>();
  for (const e of events) {
    const conversationId = positiveInt(e.conversationId);
    if (e.source !== 'chatwoot' || conversationId === null) continue;
    const messageId = MESSAGE_KINDS.has(e.kind) ? positiveInt(e.sourceRef) : null;
    targets.set(`kag_events:${e.id}`, { kind: 'conversation', conversationId, messageId });
  }
  for (const i of issues)
    targets.set(`linear_issues_raw:${i.id}`, {
      kind: 'vendor',
      identifier: i.identifier,
      url: safeHttpUrl(i.url),
    });
  for (const c of cycles)
    targets.set(`linear_cycles_raw:${c.id}`, { kind: 'vendor', identifier: `Cycle ${c.number}`, url: null });
  for (const d of deals)
    targets.set(`crm_opportunities:${d.id}`, {
      kind: 'vendor',
      identifier: d.title,
      url: safeHttpUrl(d.webUrl),
    });
  return targets;
}

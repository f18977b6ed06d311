import { pageOf, readCursor, timeUuidCursor } from '@keel/core/cursor';
import type { ProjectScope } from '@keel/core/scope';
import { listCitationsOf, listCitingTitles, searchEvidenceItems } from '@keel/db/queries/evidence';
import type { AppDeps } from '../deps.ts';
import { safeHttpUrl } from './kag-evidence.ts';

/**
 * `GET /evidence/search` (seed: audit.js): the project's indexed evidence, by words in its
 * snippets and/or by the row it is (everything citing one message, issue or deal), each with
 * the rows that cite it and where in Keel they open.
 */

/** Where a citing row is shown in the web app. */
export function citingHref(table: string, id: string, projectId: string): string {
  switch (table) {
    case 'recommendations_v2':
      return `/recommendations?project=${projectId}#rec-${id}-title`;
    default:
      // kag signals, scores, v1 recommendations, the risk radar and the legacy signals and
      // next best actions (a projection of the kag signals) are on the project page.
      return `/projects/${projectId}`;
  }
}

const CITING_LABEL: Record<string, string> = {
  kag_signals: 'Signal',
  kag_scores: 'Score',
  kag_recommendations: 'Recommendation (v1)',
  recommendations_v2: 'Recommendation',
  risk_radar_items: 'Risk',
  signals: 'Legacy signal',
  next_best_actions: 'Next best action',
};

const positiveInt = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** A message opens in Keel's conversation screen; the rest name their vendor id when they have one. */
function targetOf(item: { kind: string; meta: Record<string, unknown> }) {
  const conversationId = positiveInt(item.meta.conversationId);
  if (item.meta.source === 'chatwoot' && conversationId !== null)
    return {
      kind: 'conversation' as const,
      conversationId,
      messageId: item.kind === 'message' ? positiveInt(item.meta.vendorRef) : null,
    };
  const url = typeof item.meta.url === 'string' ? safeHttpUrl(item.meta.url) : null;
  return typeof item.meta.vendorRef === 'string'
    ? { kind: 'vendor' as const, identifier: item.meta.vendorRef, url }
    : null;
}

export async function searchEvidence(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: {
    q?: string | undefined;
    sourceRef?: string | undefined;
    sourceTable?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = readCursor(input.cursor, timeUuidCursor);
  const rows = await searchEvidenceItems(deps.db, scope, {
    q: input.q?.trim() || undefined,
    sourceRef: input.sourceRef,
    sourceTable: input.sourceTable,
    limit: input.limit,
    after: after ? { t: new Date(after.t), id: after.id } : null,
  });
  const page = pageOf(rows, input.limit, (r) => ({ t: new Date(r.sortAt).toISOString(), id: r.id }));
  const citations = await listCitationsOf(
    deps.db,
    scope,
    page.items.map((i) => i.id),
  );
  const byTable = new Map<string, string[]>();
  for (const c of citations) byTable.set(c.citingTable, [...(byTable.get(c.citingTable) ?? []), c.citingId]);
  const titles = await listCitingTitles(deps.db, scope, byTable);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((i) => ({
      id: i.id,
      sourceTable: i.sourceTable,
      sourceRef: i.sourceRef,
      kind: i.kind,
      snippet: i.snippet,
      occurredAt: i.occurredAt ? i.occurredAt.toISOString() : null,
      target: targetOf(i),
      citedBy: citations
        .filter((c) => c.evidenceItemId === i.id)
        .map((c) => ({
          table: c.citingTable,
          id: c.citingId,
          what: CITING_LABEL[c.citingTable] ?? c.citingTable,
          title: titles.get(`${c.citingTable}:${c.citingId}`) ?? null,
          href: citingHref(c.citingTable, c.citingId, scope.projectId),
        })),
    })),
  };
}

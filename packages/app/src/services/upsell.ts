import { pageOf, readCursor, scoreUuidCursor } from '@keel/core/cursor';
import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import {
  getUpsellOpportunity,
  listUpsellOpportunities,
  transitionUpsell,
  type UpsellRow,
} from '@keel/db/queries/upsell';
import type { UpsellCue } from '@keel/intelligence/upsell/cues';
import { suggestedNextStep } from '@keel/intelligence/upsell/detect';
import { refreshUpsellRadar as refreshRadar } from '@keel/intelligence/upsell/refresh';
import { canMoveUpsell, type UpsellStatus } from '@keel/intelligence/upsell/status';
import { type Actor, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { type EvidenceTarget, evidenceTargets } from './kag-evidence.ts';

/**
 * The upsell radar as the API serves it (seed: upsell.js `refreshUpsellRadar`,
 * `listUpsellRadar`, `updateUpsellStatus`). The rules live in @keel/intelligence/upsell; here
 * the refresh is audited, the list carries each evidence message's place in Keel and the next
 * step for the row's status, and a status move is checked, compare-and-set, audited and published.
 */
export async function refreshUpsell(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  const r = await refreshRadar(actor.deps.db, scope, { clock: actor.deps.clock, bus: actor.deps.bus });
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'upsell.refresh',
    payload: { detected: r.detected, created: r.created.length, skipped: r.skipped },
  });
  return r;
}

function view(row: UpsellRow, targets: Map<string, EvidenceTarget>) {
  return {
    id: row.id,
    cue: row.cue,
    title: row.title,
    rationale: row.rationale,
    score: row.score,
    estimatedValueMinor: row.estimatedValueMinor,
    currency: row.currency,
    status: row.status,
    crmAccountId: row.crmAccountId,
    nextStep: suggestedNextStep(row.cue as UpsellCue, row.status),
    evidence: row.evidence.map((e) => ({
      table: e.table,
      id: e.id,
      label: e.label ?? null,
      occurredAt: e.occurredAt ?? null,
      target: targets.get(`${e.table}:${e.id}`) ?? null,
    })),
    dedupeKey: row.dedupeKey,
    asOf: row.asOf.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listUpsell(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: { status?: UpsellStatus[] | undefined; limit: number; cursor?: string | undefined },
) {
  const cursor = readCursor(input.cursor, scoreUuidCursor);
  const rows = await listUpsellOpportunities(deps.db, scope, {
    statuses: input.status,
    cursor,
    limit: input.limit,
  });
  const page = pageOf(rows, input.limit, (r) => ({ p: r.score, id: r.id }));
  const targets = await evidenceTargets(
    deps,
    scope,
    page.items.flatMap((r) => r.evidence),
  );
  return { items: page.items.map((r) => view(r, targets)), nextCursor: page.nextCursor };
}

export async function updateUpsellStatus(
  actor: Actor<'clock' | 'bus'>,
  scope: ProjectScope,
  id: string,
  input: { status: UpsellStatus; note?: string | undefined },
) {
  const row = await getUpsellOpportunity(actor.deps.db, scope, id);
  if (!row) throw new ApiError('not_found', 'No such upsell opportunity in this project.');
  const verdict = canMoveUpsell(row.status, input.status);
  if (!verdict.ok) throw new ApiError('conflict', verdict.message);
  const now = actor.deps.clock.now();
  const moved = await transitionUpsell(actor.deps.db, scope, id, row.status, input.status, now);
  if (!moved) throw new ApiError('conflict', 'The opportunity changed meanwhile; reload and try again.');
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'upsell.status',
    entityType: 'upsell_opportunity',
    entityId: id,
    payload: { from: row.status, to: input.status, note: input.note ?? null },
  });
  await actor.deps.bus.publish(makeEvent('upsell.updated', scope, { id, status: input.status }, now));
  const targets = await evidenceTargets(actor.deps, scope, moved.evidence);
  return view(moved, targets);
}

export { UPSELL_STATUSES } from '@keel/intelligence/upsell/status';

import { pageOf, readCursor, scoreUuidCursor, timeUuidCursor } from '@keel/core/cursor';
import { ApiError } from '@keel/core/errors';
import type { ProjectScope } from '@keel/core/scope';
import {
  getLegacySignal,
  getNextBestAction,
  type LegacyStatus,
  listLegacySignals,
  listNextBestActions,
  setLegacySignalStatus,
  setNextBestActionStatus,
} from '@keel/db/queries/legacy-signals';
import { indexEvidenceRefs } from '@keel/intelligence/evidence/index-refs';
import { extractLegacySignals } from '@keel/intelligence/legacy/extract';
import { legacyMove } from '@keel/intelligence/legacy/project';
import { type Actor, type AuditActor, audit, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The seed's legacy signals.js API (`extractSignalsAndNba`, `listSignals`, `updateSignalStatus`,
 * `listNba`, `updateNbaStatus`), kept for existing scripts. The rows are a projection of the kag
 * signals (`@keel/intelligence/legacy`), never a second detector; people move their statuses.
 */

type Deps = Pick<AppDeps, 'db' | 'clock' | 'bus'>;

/** Projects the kag signals now, then indexes what the new rows cite (so evidence search finds them at once). */
export async function runSignalsAndNba(deps: Deps, scope: ProjectScope, who: AuditActor) {
  const ctx = { clock: deps.clock, bus: deps.bus };
  const r = await extractLegacySignals(deps.db, scope, ctx);
  const evidence = await indexEvidenceRefs(deps.db, scope, ctx);
  // A person's extraction is always audited; the scheduler's (every 15 min) only when it changed
  // something, so the audit trail records what happened rather than every idle pass.
  const changed = r.created > 0 || r.resolved > 0 || evidence.inserted > 0 || evidence.removed > 0;
  if (who.kind === 'caller' || changed)
    await audit(deps.db, who, {
      projectId: scope.projectId,
      action: 'signals.extract',
      payload: { ...r, evidenceItems: evidence.items, evidenceInserted: evidence.inserted },
    });
  return { ...r, evidence };
}

export async function extractSignalsAndNba(actor: Actor<'clock' | 'bus'>, scope: ProjectScope) {
  return runSignalsAndNba(actor.deps, scope, {
    kind: 'caller',
    auth: actor.auth,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

export async function listSignals(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: {
    state: 'open' | 'resolved' | 'all';
    status?: LegacyStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = readCursor(input.cursor, timeUuidCursor);
  const rows = await listLegacySignals(deps.db, scope, {
    state: input.state,
    status: input.status,
    limit: input.limit,
    after: after ? { t: new Date(after.t), id: after.id } : null,
  });
  return pageOf(rows, input.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
}

export async function listNba(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: { status?: LegacyStatus | undefined; limit: number; cursor?: string | undefined },
) {
  const after = readCursor(input.cursor, scoreUuidCursor);
  const rows = await listNextBestActions(deps.db, scope, {
    status: input.status,
    limit: input.limit,
    after: after ? { p: after.p, id: after.id } : null,
  });
  return pageOf(rows, input.limit, (r) => ({ p: r.priority, id: r.id }));
}

function refuseMove(what: string, from: LegacyStatus, to: LegacyStatus) {
  const move = legacyMove(from, to);
  if (move.ok) return;
  throw new ApiError(
    'conflict',
    `A ${from} ${what} cannot become ${to}. ${
      move.allowed.length > 0
        ? `From ${from} it can become: ${move.allowed.join(', ')}.`
        : `${from} is final.`
    }`,
    { from, to, allowed: move.allowed },
  );
}

/** What differs between a signal's and a next best action's status move; the move itself is one. */
type LegacyEntity<R> = {
  what: string;
  list: string;
  auditAction: string;
  entityType: string;
  get(
    db: AppDeps['db'],
    scope: ProjectScope,
    id: string,
  ): Promise<{ status: LegacyStatus } | null | undefined>;
  set(
    db: AppDeps['db'],
    scope: ProjectScope,
    id: string,
    from: LegacyStatus,
    to: LegacyStatus,
    at: Date,
  ): Promise<R | null | undefined>;
};

/** Checks the move, applies it compare-and-set (a concurrent change is a 409), audits it. */
async function moveLegacyStatus<R>(
  actor: Actor<'clock'>,
  scope: ProjectScope,
  entity: LegacyEntity<R>,
  id: string,
  status: LegacyStatus,
): Promise<R> {
  const row = await entity.get(actor.deps.db, scope, id);
  if (!row)
    throw new ApiError('not_found', `No such ${entity.what} in this project; ${entity.list} lists them.`);
  refuseMove(entity.what, row.status, status);
  const updated = await entity.set(actor.deps.db, scope, id, row.status, status, actor.deps.clock.now());
  if (!updated)
    throw new ApiError('conflict', `The ${entity.what} changed meanwhile; reload it and try again.`);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: entity.auditAction,
    entityType: entity.entityType,
    entityId: id,
    payload: { from: row.status, to: status },
  });
  return updated;
}

export function updateSignalStatus(
  actor: Actor<'clock'>,
  scope: ProjectScope,
  id: string,
  status: LegacyStatus,
) {
  return moveLegacyStatus(
    actor,
    scope,
    {
      what: 'signal',
      list: 'GET /signals',
      auditAction: 'signal.status',
      entityType: 'signal',
      get: getLegacySignal,
      set: setLegacySignalStatus,
    },
    id,
    status,
  );
}

export function updateNbaStatus(
  actor: Actor<'clock'>,
  scope: ProjectScope,
  id: string,
  status: LegacyStatus,
) {
  return moveLegacyStatus(
    actor,
    scope,
    {
      what: 'next best action',
      list: 'GET /nba',
      auditAction: 'nba.status',
      entityType: 'next_best_action',
      get: getNextBestAction,
      set: setNextBestActionStatus,
    },
    id,
    status,
  );
}

import { ApiError } from '@keel/core/errors';
import { pageOf, readCursor, scoreUuidCursor } from '@keel/core/cursor';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import type { Database } from '@keel/db/client';
import {
  countSuggestions,
  deleteLink,
  deleteStaleProposals,
  getLink,
  getSuggestions,
  insertLinkOnce,
  type LinkRow,
  linksTouching,
  listLinks,
  listSuggestions,
  loadIdentitySources,
  pairKey,
  type SuggestionRow,
  type SuggestionStatus,
  setSuggestionStatus,
  upsertSuggestions,
} from '@keel/db/queries/identity';
import type { IdentityKind } from '@keel/db/schema/identity';
import { matchIdentities } from '@keel/intelligence/identity/match';
import { identityRecords, recordIndex, sideOf } from '@keel/intelligence/identity/records';
import { nodeKeys } from '@keel/intelligence/kag/graph/build';
import { refreshProjectGraph } from '@keel/intelligence/kag/graph/refresh';
import { type Actor, type AuditActor, audit, auditAs } from '../audit.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The identity graph (seed: identity-graph.js). The matcher proposes pairs of records that are
 * the same human (or a person and their company); nothing is linked until a person applies a
 * suggestion. Applying writes one `identity_links` row per pair (a second apply finds it), the
 * graph step turns links into `same_person` / `works_at` edges, so a person's messages, issues
 * and deals hang off one person; undoing deletes the link and returns the suggestion to the
 * queue (or dismisses it). Every decision is audited and published as `identity.updated`.
 */
type Deps = Pick<AppDeps, 'db' | 'clock' | 'bus'>;
type Caller = Actor<'clock' | 'bus'>;

export type RefreshResult = {
  candidates: number;
  inserted: number;
  updated: number;
  removed: number;
  proposed: number;
};

/** Runs the matcher over the project's people and fills the review queue (proposed suggestions). */
export async function previewIdentitySuggestions(
  deps: Deps,
  scope: ProjectScope,
  actor: AuditActor,
): Promise<RefreshResult> {
  const now = deps.clock.now();
  const records = identityRecords(await loadIdentitySources(deps.db, scope));
  const candidates = matchIdentities(records);
  const result = await deps.db.transaction(async (tx) => {
    const keep = new Set(candidates.map(pairKey));
    const written = await upsertSuggestions(tx, scope, candidates, now);
    const removed = await deleteStaleProposals(tx, scope, keep);
    const proposed = await countSuggestions(tx, scope, 'proposed');
    return { candidates: candidates.length, ...written, removed, proposed };
  });
  const changed = result.inserted + result.updated + result.removed > 0;
  // A person's preview is always on record; the job's only when it changed the queue.
  if (changed || actor.kind === 'caller') {
    await audit(deps.db, actor, {
      projectId: scope.projectId,
      action: 'identity.preview',
      entityType: 'project',
      entityId: scope.projectId,
      payload: result,
    });
    await deps.bus.publish(
      makeEvent(
        'identity.updated',
        scope,
        { action: 'refresh', suggestionIds: [], proposed: result.proposed },
        now,
      ),
    );
  }
  return result;
}

async function sides(db: Database, scope: ProjectScope) {
  return recordIndex(identityRecords(await loadIdentitySources(db, scope)));
}

function suggestionView(index: Awaited<ReturnType<typeof sides>>, s: SuggestionRow) {
  return {
    id: s.id,
    left: sideOf(index, s.leftKind, s.leftRef),
    right: sideOf(index, s.rightKind, s.rightRef),
    confidence: s.confidence,
    matchedFields: s.matchedFields,
    status: s.status,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

function linkView(index: Awaited<ReturnType<typeof sides>>, l: LinkRow) {
  return {
    id: l.id,
    left: sideOf(index, l.leftKind, l.leftRef),
    right: sideOf(index, l.rightKind, l.rightRef),
    personKey: l.personKey,
    confidence: l.confidence,
    suggestionId: l.suggestionId,
    createdBy: l.createdBy,
    createdAt: l.createdAt,
  };
}

export async function listIdentitySuggestions(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: { status?: SuggestionStatus | undefined; limit: number; cursor?: string | undefined },
) {
  const cursor = readCursor(input.cursor, scoreUuidCursor);
  const rows = await listSuggestions(deps.db, scope, {
    status: input.status,
    limit: input.limit + 1,
    before: cursor ? { confidence: cursor.p, id: cursor.id } : undefined,
  });
  const page = pageOf(rows, input.limit, (r) => ({ p: r.confidence, id: r.id }));
  const index = await sides(deps.db, scope);
  return { items: page.items.map((s) => suggestionView(index, s)), nextCursor: page.nextCursor };
}

export async function listIdentityLinks(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  input: { limit: number },
) {
  const rows = await listLinks(deps.db, scope, input);
  const index = await sides(deps.db, scope);
  return { items: rows.map((l) => linkView(index, l)) };
}

/** Every id must name a suggestion of this project, before anything is written. */
async function loadAll(db: Database, scope: ProjectScope, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = await getSuggestions(db, scope, unique);
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ApiError('not_found', `No identity suggestion ${missing.join(', ')} in this project.`, {
      field: 'ids',
    });
  return unique.map((id) => rows.find((r) => r.id === id) as SuggestionRow);
}

const side = (kind: IdentityKind, ref: string) => ({ kind, ref, key: nodeKeys.identity(kind, ref) });

/**
 * The person node a new link resolves to: the person of a link either side already has (so a
 * chain contact → Attio person → Linear user is one person), else the person side's node key
 * (the lower one for two people).
 */
async function personKeyFor(db: Database, scope: ProjectScope, s: SuggestionRow): Promise<string> {
  const l = side(s.leftKind, s.leftRef);
  const r = side(s.rightKind, s.rightRef);
  const existing = (await linksTouching(db, scope, [l, r])).map((x) => x.personKey).sort();
  if (existing[0]) return existing[0];
  if (l.kind === 'attio_company') return r.key;
  if (r.kind === 'attio_company') return l.key;
  return [l.key, r.key].sort()[0] as string;
}

export async function applyIdentitySuggestions(actor: Caller, scope: ProjectScope, ids: readonly string[]) {
  const { db, clock, bus } = actor.deps;
  const now = clock.now();
  const suggestions = await loadAll(db, scope, ids);
  const results = await db.transaction(async (tx) => {
    const out: Array<{ suggestion: SuggestionRow; link: LinkRow; created: boolean }> = [];
    for (const s of suggestions) {
      const { link, created } = await insertLinkOnce(tx, scope, {
        leftKind: s.leftKind,
        leftRef: s.leftRef,
        rightKind: s.rightKind,
        rightRef: s.rightRef,
        personKey: await personKeyFor(tx, scope, s),
        confidence: s.confidence,
        suggestionId: s.id,
        createdBy: actor.auth.userId,
        createdAt: now,
      });
      const updated =
        s.status === 'applied'
          ? s
          : ((await setSuggestionStatus(tx, scope, s.id, ['proposed', 'dismissed'], {
              status: 'applied',
              decidedBy: actor.auth.userId,
              decidedAt: now,
              updatedAt: now,
            })) ?? s);
      out.push({ suggestion: updated, link, created });
    }
    return out;
  });
  const created = results.filter((r) => r.created);
  if (created.length > 0) {
    await refreshProjectGraph(db, scope);
    for (const r of created)
      await auditAs(actor, {
        projectId: scope.projectId,
        action: 'identity.apply',
        entityType: 'identity_link_suggestion',
        entityId: r.suggestion.id,
        payload: {
          linkId: r.link.id,
          personKey: r.link.personKey,
          pair: pairKey(r.link),
          confidence: r.link.confidence,
          fields: r.suggestion.matchedFields.map((f) => f.field),
        },
      });
    await bus.publish(
      makeEvent(
        'identity.updated',
        scope,
        {
          action: 'apply',
          suggestionIds: created.map((r) => r.suggestion.id),
          proposed: await proposedCount(db, scope),
        },
        now,
      ),
    );
  }
  const index = await sides(db, scope);
  return { applied: created.length, items: results.map((r) => linkView(index, r.link)) };
}

const proposedCount = (db: Database, scope: ProjectScope) => countSuggestions(db, scope, 'proposed');

/** Rejects suggestions: they leave the queue and a refresh does not bring them back. */
export async function dismissIdentitySuggestions(actor: Caller, scope: ProjectScope, ids: readonly string[]) {
  const { db, clock, bus } = actor.deps;
  const now = clock.now();
  const suggestions = await loadAll(db, scope, ids);
  const applied = suggestions.filter((s) => s.status === 'applied');
  if (applied.length > 0)
    throw new ApiError(
      'conflict',
      `Suggestion ${applied.map((s) => s.id).join(', ')} is applied; undo its link (POST /identity/links/:id/undo with reject) to dismiss it.`,
    );
  const changed = await db.transaction(async (tx) => {
    const out: SuggestionRow[] = [];
    for (const s of suggestions) {
      const row = await setSuggestionStatus(tx, scope, s.id, ['proposed'], {
        status: 'dismissed',
        decidedBy: actor.auth.userId,
        decidedAt: now,
        updatedAt: now,
      });
      if (row) out.push(row);
    }
    return out;
  });
  for (const s of changed)
    await auditAs(actor, {
      projectId: scope.projectId,
      action: 'identity.dismiss',
      entityType: 'identity_link_suggestion',
      entityId: s.id,
      payload: { pair: pairKey(s), confidence: s.confidence },
    });
  if (changed.length > 0)
    await bus.publish(
      makeEvent(
        'identity.updated',
        scope,
        {
          action: 'dismiss',
          suggestionIds: changed.map((s) => s.id),
          proposed: await proposedCount(db, scope),
        },
        now,
      ),
    );
  const index = await sides(db, scope);
  const after = await getSuggestions(
    db,
    scope,
    suggestions.map((s) => s.id),
  );
  return { dismissed: changed.length, items: after.map((s) => suggestionView(index, s)) };
}

/**
 * Undoes a link: the link goes, the graph loses its edge, and the suggestion returns to the
 * queue (`proposed`) — or is dismissed with `reject`, when the reviewer decided it was wrong.
 */
export async function undoIdentityLink(
  actor: Caller,
  scope: ProjectScope,
  linkId: string,
  options: { reject: boolean },
) {
  const { db, clock, bus } = actor.deps;
  const now = clock.now();
  const link = await getLink(db, scope, linkId);
  if (!link) throw new ApiError('not_found', 'No such identity link in this project (already undone?).');
  const status: SuggestionStatus = options.reject ? 'dismissed' : 'proposed';
  const suggestion = await db.transaction(async (tx) => {
    await deleteLink(tx, scope, link.id);
    if (!link.suggestionId) return null;
    return (
      (await setSuggestionStatus(tx, scope, link.suggestionId, ['applied', 'proposed', 'dismissed'], {
        status,
        decidedBy: options.reject ? actor.auth.userId : null,
        decidedAt: options.reject ? now : null,
        updatedAt: now,
      })) ?? null
    );
  });
  await refreshProjectGraph(db, scope);
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'identity.undo',
    entityType: 'identity_link',
    entityId: link.id,
    payload: {
      pair: pairKey(link),
      personKey: link.personKey,
      suggestionId: link.suggestionId,
      suggestionStatus: status,
    },
  });
  await bus.publish(
    makeEvent(
      'identity.updated',
      scope,
      {
        action: 'undo',
        suggestionIds: link.suggestionId ? [link.suggestionId] : [],
        proposed: await proposedCount(db, scope),
      },
      now,
    ),
  );
  const index = await sides(db, scope);
  return { link: linkView(index, link), suggestion: suggestion ? suggestionView(index, suggestion) : null };
}

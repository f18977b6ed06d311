import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import { canWriteProject, PROJECT_WRITERS, roleRefusal } from '@keel/core/policy';
import type { ProjectScope } from '@keel/core/scope';
import {
  getRecommendationV2,
  listRecommendationV2Projects,
  markRecommendationsV2ShownRows,
  setRecommendationV2Feedback,
  setRecommendationV2Status,
} from '@keel/db/queries/recommendations-v2';
import {
  allowedUserTargets,
  canTransition,
  type UserTargetStatus,
} from '@keel/intelligence/kag/recommendations-v2/lifecycle';
import { type Actor, auditAs } from '../audit.ts';
import { projectAccessOf } from './recommendation-access.ts';
import { toRecommendationV2Out } from './recommendations-v2.ts';

export { USER_TARGET_STATUSES } from '@keel/intelligence/kag/recommendations-v2/lifecycle';

/** What people do with a recommendation: act on it (status), rate it (feedback), see it (shown). */

/** The row and the caller's project, when the caller may act on it; 404 for rows they cannot see. */
async function actionable(actor: Actor, id: string, what: string) {
  const row = await getRecommendationV2(actor.deps.db, actor.auth.accountScopeId, id);
  const access = row ? (await projectAccessOf(actor.deps.db, actor.auth)).get(row.projectId) : undefined;
  if (!row || !access)
    throw new ApiError(
      'not_found',
      'No such recommendation among your projects; GET /kag/v2/recommendations lists them.',
    );
  if (!canWriteProject(access.role))
    throw new ApiError('forbidden', roleRefusal(what, PROJECT_WRITERS, access.role));
  if (row.status === 'suppressed')
    throw new ApiError(
      'conflict',
      'This recommendation is suppressed by evidence gating; it cannot be acted on until it is published.',
    );
  return { row, access };
}

export async function updateRecommendationV2Status(
  actor: Actor<'clock' | 'bus'>,
  id: string,
  input: { status: UserTargetStatus; reason?: string | undefined; snoozedUntil?: string | undefined },
) {
  const { row, access } = await actionable(actor, id, 'Acting on a recommendation');
  const now = actor.deps.clock.now();
  if (!canTransition(row.status, input.status, 'user')) {
    const allowed = allowedUserTargets(row.status);
    throw new ApiError(
      'conflict',
      `A ${row.status} recommendation cannot become ${input.status}. ${
        allowed.length > 0
          ? `From ${row.status} it can become: ${allowed.join(', ')}.`
          : `${row.status} is final.`
      }`,
      { from: row.status, to: input.status, allowed },
    );
  }
  let snoozedUntil: Date | undefined;
  if (input.status === 'snoozed') {
    snoozedUntil = input.snoozedUntil ? new Date(input.snoozedUntil) : undefined;
    if (!snoozedUntil || Number.isNaN(snoozedUntil.getTime()) || snoozedUntil <= now)
      throw new ApiError(
        'bad_request',
        'A snooze needs snoozedUntil, an ISO time in the future (e.g. tomorrow 09:00).',
        {
          field: 'snoozedUntil',
        },
      );
  }
  if (input.status === 'dismissed' && !input.reason?.trim())
    throw new ApiError(
      'bad_request',
      'Dismissing needs a reason (it teaches the ranking and tells your team why).',
      {
        field: 'reason',
      },
    );
  const updated = await setRecommendationV2Status(actor.deps.db, id, row.status, {
    status: input.status,
    at: now,
    by: actor.auth.userId,
    ...(snoozedUntil ? { snoozedUntil } : {}),
  });
  if (!updated)
    throw new ApiError(
      'conflict',
      'Someone changed this recommendation a moment ago; reload it and try again.',
    );
  await auditAs(actor, {
    projectId: row.projectId,
    action: `recommendations_v2.${input.status}`,
    entityType: 'recommendation_v2',
    entityId: id,
    payload: {
      from: row.status,
      to: input.status,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(snoozedUntil ? { snoozedUntil: snoozedUntil.toISOString() } : {}),
    },
  });
  await actor.deps.bus.publish(
    makeEvent(
      'recommendations.updated',
      { accountScopeId: row.accountScopeId, projectId: row.projectId },
      { ids: [id], status: input.status },
      now,
    ),
  );
  return toRecommendationV2Out(updated, access.name, true);
}

export async function updateRecommendationV2Feedback(
  actor: Actor<'clock' | 'bus'>,
  id: string,
  input: { helpful: boolean; comment?: string | undefined },
) {
  const { row, access } = await actionable(actor, id, 'Rating a recommendation');
  const now = actor.deps.clock.now();
  const comment = input.comment?.trim() || null;
  const updated = await setRecommendationV2Feedback(actor.deps.db, id, {
    feedback: input.helpful ? 'helpful' : 'not_helpful',
    comment,
    at: now,
    by: actor.auth.userId,
  });
  if (!updated) throw new ApiError('not_found', 'The recommendation is gone.');
  await auditAs(actor, {
    projectId: row.projectId,
    action: 'recommendations_v2.feedback',
    entityType: 'recommendation_v2',
    entityId: id,
    payload: { helpful: input.helpful, comment },
  });
  await actor.deps.bus.publish(
    makeEvent(
      'recommendations.updated',
      { accountScopeId: row.accountScopeId, projectId: row.projectId },
      { ids: [id], status: row.status },
      now,
    ),
  );
  return toRecommendationV2Out(updated, access.name, true);
}

/**
 * new → shown for cards the caller actually saw. Idempotent: rows already past `new` are left
 * alone (and counted as unchanged). Ids outside the caller's projects are ignored; ids in a
 * project where the caller only reads are refused.
 */
export async function markRecommendationsV2Shown(actor: Actor<'clock' | 'bus'>, ids: readonly string[]) {
  const { db } = actor.deps;
  const access = await projectAccessOf(db, actor.auth);
  const rows = (await listRecommendationV2Projects(db, actor.auth.accountScopeId, ids)).filter((r) =>
    access.has(r.projectId),
  );
  const readOnly = rows.find((r) => !canWriteProject(access.get(r.projectId)?.role ?? null));
  if (readOnly)
    throw new ApiError(
      'forbidden',
      roleRefusal(
        'Marking recommendations shown',
        PROJECT_WRITERS,
        access.get(readOnly.projectId)?.role ?? null,
      ),
    );
  const now = actor.deps.clock.now();
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const marked = await markRecommendationsV2ShownRows(
    db,
    actor.auth.accountScopeId,
    projectIds,
    rows.map((r) => r.id),
    now,
  );
  for (const projectId of new Set(marked.map((m) => m.projectId))) {
    const mine = marked.filter((m) => m.projectId === projectId).map((m) => m.id);
    await auditAs(actor, {
      projectId,
      action: 'recommendations_v2.shown',
      entityType: 'recommendation_v2',
      payload: { ids: mine },
    });
    await actor.deps.bus.publish(
      makeEvent(
        'recommendations.updated',
        { accountScopeId: actor.auth.accountScopeId, projectId },
        { ids: mine, status: 'shown' },
        now,
      ),
    );
  }
  return { marked: marked.map((m) => m.id), unchanged: rows.length - marked.length };
}

/**
 * An action that succeeded finishes its recommendation: `accepted → done` (or straight from
 * new/shown/snoozed — running the action is accepting it), audited and published so the screen
 * moves the card. The runner is recorded as who closed it, so the learned weights count it as
 * accepted. A card already closed (done, dismissed) or moved meanwhile is left as it is.
 */
export async function completeRecommendationV2ByAction(
  actor: Actor<'clock' | 'bus'>,
  scope: ProjectScope,
  run: { id: string; recommendationId: string; actionType: string },
) {
  const { db } = actor.deps;
  const row = await getRecommendationV2(db, scope.accountScopeId, run.recommendationId);
  if (!row || row.projectId !== scope.projectId || !canTransition(row.status, 'done', 'system')) return null;
  const now = actor.deps.clock.now();
  const updated = await setRecommendationV2Status(db, row.id, row.status, {
    status: 'done',
    at: now,
    by: actor.auth.userId,
  });
  if (!updated) return null;
  await auditAs(actor, {
    projectId: row.projectId,
    action: 'recommendations_v2.done',
    entityType: 'recommendation_v2',
    entityId: row.id,
    payload: {
      from: row.status,
      to: 'done',
      reason: 'action_succeeded',
      runId: run.id,
      actionType: run.actionType,
    },
  });
  await actor.deps.bus.publish(
    makeEvent('recommendations.updated', scope, { ids: [row.id], status: 'done' }, now),
  );
  return updated;
}

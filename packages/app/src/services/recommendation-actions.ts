import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import {
  type ActionRunRow,
  claimActionRun,
  ensureActionRun,
  finishActionRun,
  getActionRun,
  getRecommendationV2,
  listActionRuns,
} from '@keel/db/queries/recommendation-actions';
import { RECOMMENDATION_ACTION_TYPES, type RecommendationActionType } from '@keel/db/schema/kag-v2';
import { actionIdempotencyKey } from '@keel/intelligence/outbox/action-keys';
import { type Actor, auditAs } from '../audit.ts';
import { performAction } from './recommendation-action-kinds.ts';
import { completeRecommendationV2ByAction } from './recommendations-v2-status.ts';

/**
 * One-click actions on a recommendation v2 (seed: recommendation-actions.js). Every run is a
 * recommendation_action_runs row under an idempotency key (recommendation + action type + the
 * client's key); a repeat or a retry reuses the row and the key, and the vendor object is looked
 * up by the key before anything is created, so an action never happens twice.
 */
export type ActionActor = Actor<'clock' | 'bus' | 'vendorActions'>;
export type RunActionInput = {
  actionType?: RecommendationActionType | undefined;
  /** Overrides of the recommendation's drafted action (title, body, remindAt …). */
  draft?: Record<string, unknown> | undefined;
  /** The client's key for "this click"; the same key is the same action. */
  idempotencyKey?: string | undefined;
};

/** A run whose worker died is taken over after this long. */
export const ACTION_LEASE_MS = 5 * 60_000;

export async function runRecommendationAction(
  actor: ActionActor,
  scope: ProjectScope,
  recommendationId: string,
  input: RunActionInput,
): Promise<ActionRunRow> {
  const rec = await getRecommendationV2(actor.deps.db, scope, recommendationId);
  if (!rec) throw new ApiError('not_found', 'No such recommendation in this project.');
  if (rec.status === 'suppressed')
    throw new ApiError('conflict', 'A suppressed recommendation cannot be acted on.');
  const actionType = input.actionType ?? rec.suggestedAction?.type;
  if (!actionType || !RECOMMENDATION_ACTION_TYPES.includes(actionType))
    throw new ApiError(
      'bad_request',
      'Say which action to run (actionType); this recommendation suggests none.',
    );
  const request = {
    title: rec.title,
    body: rec.body,
    subjectKey: rec.subjectKey,
    ...(rec.suggestedAction?.type === actionType ? rec.suggestedAction.draft : {}),
    ...input.draft,
  };
  const run = await ensureActionRun(actor.deps.db, scope, {
    recommendationId,
    actionType,
    idempotencyKey: actionIdempotencyKey(recommendationId, actionType, input.idempotencyKey),
    request,
    requestedBy: actor.auth.userId,
    now: actor.deps.clock.now(),
  });
  return execute(actor, scope, run);
}

export async function retryRecommendationActionRun(actor: ActionActor, scope: ProjectScope, runId: string) {
  const run = await getActionRun(actor.deps.db, scope, runId);
  if (!run) throw new ApiError('not_found', 'No such action run in this project.');
  return execute(actor, scope, run);
}

export async function listRecommendationActionRuns(
  actor: Pick<ActionActor, 'deps'>,
  scope: ProjectScope,
  params: { recommendationId?: string | undefined; limit: number },
) {
  if (params.recommendationId && !(await getRecommendationV2(actor.deps.db, scope, params.recommendationId)))
    throw new ApiError('not_found', 'No such recommendation in this project.');
  return listActionRuns(actor.deps.db, scope, params);
}

/** Runs (or returns) the action: a succeeded run, or one running elsewhere, is returned as it is. */
async function execute(actor: ActionActor, scope: ProjectScope, run: ActionRunRow): Promise<ActionRunRow> {
  if (run.status === 'succeeded') return run;
  const now = actor.deps.clock.now();
  const claimed = await claimActionRun(actor.deps.db, run.id, now, ACTION_LEASE_MS);
  if (!claimed) return (await getActionRun(actor.deps.db, scope, run.id)) ?? run;
  let finished: ActionRunRow | undefined;
  try {
    const done = await performAction(actor, scope, claimed);
    finished = await finishActionRun(actor.deps.db, claimed, {
      status: 'succeeded',
      result: done.result,
      externalId: done.externalId,
      externalUrl: done.externalUrl,
      lastError: null,
      nextRetryAt: null,
      finishedAt: actor.deps.clock.now(),
      updatedAt: actor.deps.clock.now(),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    finished = await finishActionRun(actor.deps.db, claimed, {
      status: 'failed',
      lastError: message.slice(0, 1000),
      nextRetryAt: new Date(now.getTime() + Math.min(3_600_000, 30_000 * 2 ** (claimed.attempts - 1))),
      finishedAt: actor.deps.clock.now(),
      updatedAt: actor.deps.clock.now(),
    });
  }
  const row = finished ?? (await getActionRun(actor.deps.db, scope, run.id)) ?? claimed;
  if (finished) {
    await auditAs(actor, {
      projectId: scope.projectId,
      action: `recommendation.action.${row.status}`,
      entityType: 'recommendation_action_run',
      entityId: row.id,
      payload: {
        recommendationId: row.recommendationId,
        actionType: row.actionType,
        attempt: row.attempts,
        externalId: row.externalId,
        error: row.lastError,
      },
    });
    await actor.deps.bus.publish(
      makeEvent(
        'action.finished',
        scope,
        {
          runId: row.id,
          recommendationId: row.recommendationId,
          actionType: row.actionType,
          status: row.status === 'succeeded' ? 'succeeded' : 'failed',
          externalUrl: row.externalUrl,
          error: row.lastError,
        },
        actor.deps.clock.now(),
      ),
    );
    // After the run's own event, so a screen sees the run done before the card moves.
    if (row.status === 'succeeded') await completeRecommendationV2ByAction(actor, scope, row);
  }
  return row;
}

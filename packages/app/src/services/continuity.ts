import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import { listProjectSourceBindings } from '@keel/db/queries/connectors-sources';
import {
  type ContinuityRow,
  claimContinuityAction,
  continuityAttioTarget,
  continuityChatwootTarget,
  finishContinuityAction,
  listContinuityByKeys,
  listContinuityRows,
  upsertContinuityPreview,
} from '@keel/db/queries/continuity';
import { loadProjectProfile } from '@keel/db/queries/kag-ingest';
import {
  type ContinuityRequest,
  type ContinuityTrigger,
  checkContinuityRequest,
  type PlannedAction,
  planContinuity,
} from '@keel/intelligence/continuity/plan';
import { keyMarker, uuidForKey } from '@keel/intelligence/outbox/action-keys';
import { type Actor, auditAs } from '../audit.ts';
import { createOutboundDraft } from './outbox.ts';

/**
 * Continuity (seed: continuity.js `buildContinuityPreview`, `listContinuityActions`,
 * `applyContinuityActions`). Preview plans the actions and stores them under their keys;
 * apply plans again (the same keys), claims each row compare-and-set and performs it, looking
 * the vendor object up by the key first — a Linear issue by the id derived from the key, an
 * Attio task by the key's marker in its content, an outbox draft by its key — so however often
 * apply is called, and concurrently, each action exists once. Failures keep their error and are
 * claimed again by the next apply.
 */
export type ContinuityActor = Actor<'clock' | 'bus' | 'vendorActions'>;

/** An apply whose process died leaves `applying`; after this long another apply takes it over. */
export const CONTINUITY_LEASE_MS = 5 * 60_000;

async function plan(actor: Pick<ContinuityActor, 'deps'>, scope: ProjectScope, request: ContinuityRequest) {
  const problem = checkContinuityRequest(request);
  if (problem) throw new ApiError('bad_request', problem, { field: 'newManager' });
  const { db } = actor.deps;
  const [profile, attio, chatwoot, teams] = await Promise.all([
    loadProjectProfile(db, scope),
    continuityAttioTarget(db, scope),
    continuityChatwootTarget(db, scope),
    listProjectSourceBindings(db, scope, ['linear_team']),
  ]);
  return planContinuity(request, {
    projectId: scope.projectId,
    projectName: profile?.name ?? 'the project',
    clientName: profile?.clientName ?? null,
    now: actor.deps.clock.now(),
    attio,
    chatwoot,
    linearTeamId: teams[0]?.externalId ?? null,
  });
}

const toWrite = (trigger: ContinuityTrigger) => (a: PlannedAction) => ({
  trigger,
  actionType: a.actionType,
  targetRef: a.targetRef,
  title: a.title,
  payload: a.payload,
  status: a.skipReason ? ('skipped' as const) : ('previewed' as const),
  idempotencyKey: a.idempotencyKey,
  error: a.skipReason,
});

export function continuityView(row: ContinuityRow) {
  return {
    id: row.id,
    trigger: row.trigger,
    actionType: row.actionType,
    targetRef: row.targetRef,
    title: row.title,
    payload: row.payload,
    status: row.status,
    idempotencyKey: row.idempotencyKey,
    externalId: row.externalId,
    externalUrl: typeof row.payload.externalUrl === 'string' ? row.payload.externalUrl : null,
    error: row.error,
    appliedAt: row.appliedAt?.toISOString() ?? null,
    appliedBy: row.appliedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function publish(actor: ContinuityActor, scope: ProjectScope, trigger: string, rows: ContinuityRow[]) {
  await actor.deps.bus.publish(
    makeEvent(
      'continuity.updated',
      scope,
      {
        trigger,
        actions: rows.length,
        applied: rows.filter((r) => r.status === 'applied').length,
        failed: rows.filter((r) => r.status === 'failed').length,
      },
      actor.deps.clock.now(),
    ),
  );
}

export async function buildContinuityPreview(
  actor: ContinuityActor,
  scope: ProjectScope,
  request: ContinuityRequest,
) {
  const planned = await plan(actor, scope, request);
  const rows = await upsertContinuityPreview(
    actor.deps.db,
    scope,
    planned.map(toWrite(request.trigger)),
    actor.deps.clock.now(),
  );
  await auditAs(actor, {
    projectId: scope.projectId,
    action: 'continuity.preview',
    entityType: 'continuity',
    entityId: request.trigger,
    payload: {
      trigger: request.trigger,
      newManager: request.newManager ?? null,
      actions: rows.map((r) => r.actionType),
    },
  });
  await publish(actor, scope, request.trigger, rows);
  return { trigger: request.trigger, items: rows.map(continuityView) };
}

export async function listContinuityActions(
  actor: Pick<ContinuityActor, 'deps'>,
  scope: ProjectScope,
  params: { trigger?: ContinuityTrigger | undefined; limit: number },
) {
  return { items: (await listContinuityRows(actor.deps.db, scope, params)).map(continuityView) };
}

export async function applyContinuityActions(
  actor: ContinuityActor,
  scope: ProjectScope,
  request: ContinuityRequest,
) {
  const planned = await plan(actor, scope, request);
  const keys = planned.map((p) => p.idempotencyKey);
  // Apply without a preview first previews: the rows must exist to be claimed.
  await upsertContinuityPreview(
    actor.deps.db,
    scope,
    planned.map(toWrite(request.trigger)),
    actor.deps.clock.now(),
  );
  const rows = await listContinuityByKeys(actor.deps.db, scope, keys);
  const results: ContinuityRow[] = [];
  for (const row of rows) results.push(await applyOne(actor, scope, row));
  await publish(actor, scope, request.trigger, results);
  return { trigger: request.trigger, items: results.map(continuityView) };
}

async function applyOne(
  actor: ContinuityActor,
  scope: ProjectScope,
  row: ContinuityRow,
): Promise<ContinuityRow> {
  if (row.status === 'applied' || row.status === 'skipped') return row;
  const claimed = await claimContinuityAction(
    actor.deps.db,
    scope,
    row.id,
    actor.deps.clock.now(),
    CONTINUITY_LEASE_MS,
  );
  // Another apply holds it (or finished it meanwhile): report it as it is now.
  if (!claimed) return (await listContinuityByKeys(actor.deps.db, scope, [row.idempotencyKey]))[0] ?? row;
  let finished: ContinuityRow | undefined;
  try {
    const done = await perform(actor, scope, claimed);
    finished = await finishContinuityAction(actor.deps.db, scope, claimed.id, {
      status: 'applied',
      externalId: done.externalId,
      payload: { ...claimed.payload, externalUrl: done.externalUrl, mode: done.mode },
      error: null,
      appliedAt: actor.deps.clock.now(),
      appliedBy: actor.auth.userId,
      updatedAt: actor.deps.clock.now(),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    finished = await finishContinuityAction(actor.deps.db, scope, claimed.id, {
      status: 'failed',
      error: message.slice(0, 1000),
      updatedAt: actor.deps.clock.now(),
    });
  }
  const result = finished ?? claimed;
  await auditAs(actor, {
    projectId: scope.projectId,
    action: `continuity.${result.status === 'applied' ? 'applied' : 'failed'}`,
    entityType: 'continuity_action',
    entityId: result.id,
    payload: { actionType: result.actionType, externalId: result.externalId, error: result.error },
  });
  return result;
}

type Done = { externalId: string; externalUrl: string | null; mode: 'created' | 'found' };
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

async function perform(actor: ContinuityActor, scope: ProjectScope, row: ContinuityRow): Promise<Done> {
  const p = row.payload;
  switch (row.actionType) {
    case 'attio_task': {
      const attio = await actor.deps.vendorActions.attioTasks(actor.deps.db, scope);
      if (!attio) throw new Error('Attio is not connected for this workspace.');
      const company = str(p.companyRecordId);
      if (!company) throw new Error('No Attio company to link the task to.');
      const linked = { targetObject: 'companies' as const, targetRecordId: company };
      const marker = keyMarker(row.idempotencyKey);
      const existing = await attio.findByMarker(linked, marker);
      if (existing) return { externalId: existing.id, externalUrl: null, mode: 'found' };
      const owner = str(p.ownerActorId);
      const task = await attio.create({
        content: `${str(p.content) ?? row.title}\n\n${marker}`,
        deadlineAt: str(p.deadlineAt),
        linkedRecords: [linked],
        assigneeIds: owner ? [owner] : [],
      });
      return { externalId: task.id, externalUrl: null, mode: 'created' };
    }
    case 'chatwoot_checkin': {
      const recipient = str(p.conversationId);
      const contactRef = str(p.contactId);
      const body = str(p.body);
      if (!recipient || !contactRef || !body)
        throw new Error('The check-in needs a conversation, a contact and a body.');
      // A draft in the outbox, never sent from here: it goes out after approval, like every message.
      const draft = await createOutboundDraft(actor, scope, {
        channel: 'chatwoot',
        contactRef,
        recipient,
        body,
        idempotencyKey: row.idempotencyKey,
      });
      return { externalId: draft.id, externalUrl: `/outbound?message=${draft.id}`, mode: 'created' };
    }
    case 'linear_handover': {
      const linear = await actor.deps.vendorActions.linear(actor.deps.db, scope);
      if (!linear) throw new Error('Linear is not connected for this workspace.');
      const id = uuidForKey(row.idempotencyKey);
      const existing = await linear.find(id);
      if (existing) return { externalId: existing.id, externalUrl: existing.url || null, mode: 'found' };
      const teamId = str(p.teamId) ?? linear.teamId;
      if (!teamId) throw new Error('No Linear team is bound to this project.');
      try {
        const issue = await linear.create({
          id,
          teamId,
          title: str(p.title) ?? row.title,
          description: `${str(p.description) ?? ''}\n\n---\n${keyMarker(row.idempotencyKey)}`,
        });
        return { externalId: issue.id, externalUrl: issue.url || null, mode: 'created' };
      } catch (error) {
        // Another attempt created it meanwhile (Linear refuses a second issue with the same id).
        const again = await linear.find(id);
        if (again) return { externalId: again.id, externalUrl: again.url || null, mode: 'found' };
        throw error;
      }
    }
  }
}

export { CONTINUITY_ACTION_TYPES, CONTINUITY_TRIGGERS } from '@keel/intelligence/continuity/plan';

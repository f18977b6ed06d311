/**
 * Continuity (seed: continuity.js): when a project ends or its manager changes, the client must
 * not notice a gap. The plan is three actions — an Attio task for the account owner, a Chatwoot
 * check-in drafted in the outbox, a Linear handover issue — each with an idempotency key that
 * depends only on the project, the trigger (and the new manager) and the action type, so the
 * preview and every apply compute the same key and an action can happen only once. An action
 * whose target is missing (no Attio company, no conversation, no Linear team) is planned as
 * skipped with the reason, so the preview says what will not happen and why. Pure.
 */
export const CONTINUITY_TRIGGERS = ['project_ended', 'manager_changed'] as const;
export type ContinuityTrigger = (typeof CONTINUITY_TRIGGERS)[number];
export const CONTINUITY_ACTION_TYPES = ['attio_task', 'chatwoot_checkin', 'linear_handover'] as const;
export type ContinuityActionType = (typeof CONTINUITY_ACTION_TYPES)[number];

export type ContinuityRequest = { trigger: ContinuityTrigger; newManager?: string | null | undefined };

export type ContinuityContext = {
  projectId: string;
  projectName: string;
  clientName: string | null;
  now: Date;
  /** The project's Attio company record and the account owner (a workspace member id). */
  attio: { companyRecordId: string; companyName: string; ownerActorId: string | null } | null;
  /** The client's most recently active conversation with a contact. */
  chatwoot: { conversationId: string; contactId: string; contactName: string | null } | null;
  linearTeamId: string | null;
};

export type PlannedAction = {
  actionType: ContinuityActionType;
  idempotencyKey: string;
  targetRef: string;
  title: string;
  payload: Record<string, unknown>;
  /** Null when it can be applied; otherwise why it is skipped. */
  skipReason: string | null;
};

const TASK_DEADLINE_DAYS = 3;

/** The manager's name as part of a key: case and spacing do not make a new handover. */
const subjectOf = (r: ContinuityRequest): string =>
  r.trigger === 'project_ended'
    ? 'end'
    : `to:${(r.newManager ?? '').trim().toLowerCase().replace(/\s+/g, ' ')}`;

export function continuityKey(projectId: string, r: ContinuityRequest, type: ContinuityActionType): string {
  return `continuity:${projectId}:${r.trigger}:${subjectOf(r)}:${type}`;
}

/** A request the plan can be made for, or the message of a 400. */
export function checkContinuityRequest(r: ContinuityRequest): string | null {
  if (r.trigger === 'manager_changed' && !(r.newManager ?? '').trim())
    return 'A manager change needs newManager: the name of the person who takes the project over.';
  return null;
}

function what(r: ContinuityRequest, ctx: ContinuityContext): string {
  return r.trigger === 'project_ended'
    ? `${ctx.projectName} has ended`
    : `${ctx.projectName} has a new manager, ${(r.newManager ?? '').trim()}`;
}

export function planContinuity(r: ContinuityRequest, ctx: ContinuityContext): PlannedAction[] {
  const client = ctx.clientName ?? 'the client';
  const deadline = new Date(ctx.now.getTime() + TASK_DEADLINE_DAYS * 86_400_000).toISOString();
  const summary = what(r, ctx);
  const key = (t: ContinuityActionType) => continuityKey(ctx.projectId, r, t);
  const newManager = (r.newManager ?? '').trim();

  const attio: PlannedAction = {
    actionType: 'attio_task',
    idempotencyKey: key('attio_task'),
    targetRef: ctx.attio ? `attio:companies/${ctx.attio.companyRecordId}` : 'attio:none',
    title: `Attio task for the account owner: check in with ${ctx.attio?.companyName ?? client}`,
    payload: {
      content:
        r.trigger === 'project_ended'
          ? `${summary}. Call ${client} within ${TASK_DEADLINE_DAYS} days: confirm they are satisfied and ask what comes next.`
          : `${summary}. Introduce ${newManager} to ${client} within ${TASK_DEADLINE_DAYS} days and confirm the plan stays as agreed.`,
      deadlineAt: deadline,
      companyRecordId: ctx.attio?.companyRecordId ?? null,
      ownerActorId: ctx.attio?.ownerActorId ?? null,
    },
    skipReason: ctx.attio ? null : 'No Attio company is linked to this project.',
  };

  const contactName = ctx.chatwoot?.contactName ?? 'there';
  const chatwoot: PlannedAction = {
    actionType: 'chatwoot_checkin',
    idempotencyKey: key('chatwoot_checkin'),
    targetRef: ctx.chatwoot ? `chatwoot:conversation/${ctx.chatwoot.conversationId}` : 'chatwoot:none',
    title: `Check-in message to ${ctx.chatwoot?.contactName ?? client} (drafted in the outbox)`,
    payload: {
      conversationId: ctx.chatwoot?.conversationId ?? null,
      contactId: ctx.chatwoot?.contactId ?? null,
      body:
        r.trigger === 'project_ended'
          ? `Hi ${contactName}, ${ctx.projectName} is wrapping up. Thank you for working with us — is there anything you would like us to look at before we close it?`
          : `Hi ${contactName}, a quick note: ${newManager} is now your project manager for ${ctx.projectName} and will be in touch shortly. The plan stays as agreed.`,
    },
    skipReason: ctx.chatwoot ? null : 'The project has no Chatwoot conversation with a contact.',
  };

  const linear: PlannedAction = {
    actionType: 'linear_handover',
    idempotencyKey: key('linear_handover'),
    targetRef: ctx.linearTeamId ? `linear:team/${ctx.linearTeamId}` : 'linear:none',
    title: `Linear handover issue: ${ctx.projectName}`,
    payload: {
      teamId: ctx.linearTeamId,
      title:
        r.trigger === 'project_ended'
          ? `Close-out: ${ctx.projectName}`
          : `Handover to ${newManager}: ${ctx.projectName}`,
      description: [
        `${summary}.`,
        '',
        '- [ ] Open issues reviewed and reassigned or closed',
        '- [ ] Credentials and access handed over',
        '- [ ] Client contacts and open promises listed',
        r.trigger === 'project_ended'
          ? '- [ ] Final report sent to the client'
          : `- [ ] ${newManager} introduced to the client`,
      ].join('\n'),
    },
    skipReason: ctx.linearTeamId ? null : 'No Linear team is bound to this project.',
  };

  return [attio, chatwoot, linear];
}

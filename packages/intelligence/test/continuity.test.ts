import { describe, expect, it } from 'vitest';
import {
  type ContinuityContext,
  checkContinuityRequest,
  continuityKey,
  planContinuity,
} from '../src/continuity/plan.ts';

const ctx: ContinuityContext = {
  projectId: 'p1',
  projectName: 'Atlas',
  clientName: 'Acme',
  now: new Date('2026-03-01T12:00:00Z'),
  attio: { companyRecordId: 'c-1', companyName: 'Acme Ltd', ownerActorId: 'm-1' },
  chatwoot: { conversationId: '42', contactId: '7', contactName: 'Anna' },
  linearTeamId: 'team-1',
};

describe('planContinuity', () => {
  it('when a project ends with every target known, then three applicable actions are planned', () => {
    const plan = planContinuity({ trigger: 'project_ended' }, ctx);
    expect(plan.map((a) => [a.actionType, a.skipReason])).toEqual([
      ['attio_task', null],
      ['chatwoot_checkin', null],
      ['linear_handover', null],
    ]);
    expect(plan[0]?.payload).toMatchObject({
      companyRecordId: 'c-1',
      ownerActorId: 'm-1',
      deadlineAt: '2026-03-04T12:00:00.000Z',
    });
    expect(plan[1]?.payload.body).toMatch(/^Hi Anna, Atlas is wrapping up/);
    expect(plan[2]?.payload.title).toBe('Close-out: Atlas');
  });

  it('when the manager changes, then the messages name the new manager', () => {
    const plan = planContinuity({ trigger: 'manager_changed', newManager: 'Boris Ivanov' }, ctx);
    expect(plan[1]?.payload.body).toContain('Boris Ivanov is now your project manager');
    expect(plan[2]?.payload.title).toBe('Handover to Boris Ivanov: Atlas');
  });

  it('when a target is missing, then that action is planned skipped with the reason', () => {
    const plan = planContinuity(
      { trigger: 'project_ended' },
      { ...ctx, attio: null, chatwoot: null, linearTeamId: null },
    );
    expect(plan.map((a) => a.skipReason)).toEqual([
      'No Attio company is linked to this project.',
      'The project has no Chatwoot conversation with a contact.',
      'No Linear team is bound to this project.',
    ]);
  });

  it('when the same request is planned twice (preview, then apply), then the keys are the same', () => {
    const a = planContinuity({ trigger: 'manager_changed', newManager: 'Boris  Ivanov' }, ctx);
    const b = planContinuity(
      { trigger: 'manager_changed', newManager: ' boris ivanov' },
      { ...ctx, now: new Date() },
    );
    expect(a.map((x) => x.idempotencyKey)).toEqual(b.map((x) => x.idempotencyKey));
  });

  it('when the trigger, the new manager or the project differ, then the keys differ', () => {
    const keys = new Set([
      continuityKey('p1', { trigger: 'project_ended' }, 'attio_task'),
      continuityKey('p1', { trigger: 'manager_changed', newManager: 'A' }, 'attio_task'),
      continuityKey('p1', { trigger: 'manager_changed', newManager: 'B' }, 'attio_task'),
      continuityKey('p2', { trigger: 'project_ended' }, 'attio_task'),
      continuityKey('p1', { trigger: 'project_ended' }, 'linear_handover'),
    ]);
    expect(keys.size).toBe(5);
  });

  it.each([
    [{ trigger: 'manager_changed' as const }, /newManager/],
    [{ trigger: 'manager_changed' as const, newManager: '  ' }, /newManager/],
    [{ trigger: 'project_ended' as const }, null],
  ])('when the request is %j, then the check says %s', (r, expected) => {
    const m = checkContinuityRequest(r);
    if (expected === null) expect(m).toBeNull();
    else expect(m).toMatch(expected);
  });
});

import { processDueOutbounds } from '../../services/outbox-send.ts';
import { deliverDueReminders } from '../../services/reminders.ts';
import type { JobContext, JobResult } from '../types.ts';

/**
 * outbound_process: sends the project's approved messages that are due (each under its lease and
 * idempotency key, so a rerun or a second worker never sends twice) and delivers due reminders.
 */
export async function run(ctx: JobContext<{ limit: number }>): Promise<JobResult> {
  const sends = await processDueOutbounds(ctx.deps, ctx.scope, { limit: ctx.payload.limit });
  const reminders = await deliverDueReminders(ctx.deps, ctx.scope);
  const summary = {
    due: sends.due,
    sent: sends.sent,
    held: sends.held,
    blocked: sends.blocked,
    failed: sends.failed,
    reminders: reminders.delivered,
  };
  if (sends.due === 0 && reminders.delivered === 0)
    return { status: 'skipped', reason: 'No approved message or reminder is due', summary };
  return { status: 'succeeded', summary };
}

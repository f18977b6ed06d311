import { makeEvent } from '@keel/core/events';
import type { ProjectScope } from '@keel/core/scope';
import {
  listActionRuns,
  listDueReminders,
  markReminderDelivered,
} from '@keel/db/queries/recommendation-actions';
import type { AppDeps } from '../deps.ts';

/**
 * Reminders set from recommendations reach their user at their time: `outbound_process` (every
 * few minutes) publishes `reminder.due` once per reminder, and the shell's notifications list
 * reads them with the user's finished actions.
 */
export async function deliverDueReminders(deps: Pick<AppDeps, 'db' | 'clock' | 'bus'>, scope: ProjectScope) {
  const now = deps.clock.now();
  let delivered = 0;
  for (const run of await listDueReminders(deps.db, scope, now)) {
    if (!(await markReminderDelivered(deps.db, run.id, now))) continue;
    delivered++;
    await deps.bus.publish(
      makeEvent(
        'reminder.due',
        scope,
        {
          runId: run.id,
          recommendationId: run.recommendationId,
          userId: run.requestedBy,
          title: String(run.result?.title ?? 'Reminder'),
          remindAt: String(run.result?.remindAt ?? now.toISOString()),
        },
        now,
      ),
    );
  }
  return { delivered };
}

export type Notification = {
  id: string;
  kind: 'reminder' | 'action';
  title: string;
  status: string;
  at: Date;
  url: string | null;
  error: string | null;
};

/** The caller's recent notifications: delivered reminders and finished actions, newest first. */
export async function listNotifications(
  deps: Pick<AppDeps, 'db'>,
  scope: ProjectScope,
  userId: string,
  limit: number,
): Promise<Notification[]> {
  const runs = await listActionRuns(deps.db, scope, { requestedBy: userId, limit: limit * 2 });
  const out: Notification[] = [];
  for (const run of runs) {
    if (run.actionType === 'set_reminder') {
      const delivered = run.result?.deliveredAt;
      if (typeof delivered !== 'string') continue;
      out.push({
        id: run.id,
        kind: 'reminder',
        title: String(run.result?.title ?? 'Reminder'),
        status: 'due',
        at: new Date(delivered),
        url: null,
        error: null,
      });
    } else if (run.status === 'succeeded' || run.status === 'failed') {
      out.push({
        id: run.id,
        kind: 'action',
        title: `${run.actionType === 'send_message' ? 'Message drafted' : 'Linear task'}: ${String(run.request.title ?? '')}`,
        status: run.status,
        at: run.finishedAt ?? run.updatedAt,
        url: run.externalUrl,
        error: run.lastError,
      });
    }
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

import type { ProjectScope } from '@keel/core/scope';
import { listConversationActivity } from '@keel/db/queries/connectors-chatwoot';
import type { Actor } from '../audit.ts';
import { approveOutbound, createOutboundDraft, setOptOut } from './outbox.ts';
import { deliverOutbound } from './outbox-send.ts';

/**
 * The demo's Outbound screen, filled through the real outbox once the project's Chatwoot
 * conversations are synced: a check-in reply drafted and waiting for approval, and a message to
 * a contact who opted out, approved and held back by the send rules with its reason. Keys are
 * fixed per project, so a restart finds both instead of adding twins (and does not opt the
 * contact out again).
 */
export type DemoOutboundResult = { draftId: string; heldId: string } | null;

export async function ensureDemoOutbound(
  actor: Actor<'clock' | 'bus' | 'vendorActions'>,
  scope: ProjectScope,
  projectName: string,
): Promise<DemoOutboundResult> {
  // Two conversations with different contacts: the opt-out must not hold the check-in too.
  const seen = new Set<number>();
  const targets = (await listConversationActivity(actor.deps.db, scope))
    .filter((c) => c.cwContactId !== null)
    .sort((a, b) => a.cwConversationId - b.cwConversationId)
    .filter((c) => !seen.has(c.cwContactId ?? -1) && seen.add(c.cwContactId ?? -1));
  const [checkIn, optedOut] = targets;
  if (!checkIn || !optedOut) return null;

  const draft = await createOutboundDraft(actor, scope, {
    channel: 'chatwoot',
    recipient: String(checkIn.cwConversationId),
    contactRef: String(checkIn.cwContactId),
    body: `Hi! A quick check-in on ${projectName}: the next milestone is on track, and we will share the build for review this week. Anything you would like us to look at first?`,
    idempotencyKey: `demo:check-in:${scope.projectId}`,
  });

  let held = await createOutboundDraft(actor, scope, {
    channel: 'chatwoot',
    recipient: String(optedOut.cwConversationId),
    contactRef: String(optedOut.cwContactId),
    body: `Hello again — following up on ${projectName}: could you confirm the launch date so we can plan the release?`,
    idempotencyKey: `demo:opted-out:${scope.projectId}`,
  });
  if (held.status === 'draft') {
    await setOptOut(actor, scope, {
      contactRef: held.contactRef,
      channel: 'all',
      optedOut: true,
      reason: 'Asked not to be contacted by the agency (demo)',
    });
    held = await approveOutbound(actor, scope, held.id);
  }
  // The send rules stop it (blocked: opted_out) and record the attempt with the reason.
  if (held.status === 'approved') await deliverOutbound(actor.deps, scope, held.id);
  return { draftId: draft.id, heldId: held.id };
}

import { type DeliveryWrite, findDelivery, markDelivery, upsertDelivery } from '@keel/db/queries/digests';
import type { AppDeps } from '../deps.ts';

/**
 * The e-mail half of a digest delivery. Every outcome is recorded on the reader's `email` row
 * with its reason, so a digest that did not go out is visible: skipped (no SMTP, nothing new),
 * pending (some of the reader's projects have no digest for the period yet), failed (the SMTP
 * error), sent (once per period — a rerun never sends it twice).
 */
export type EmailOutcome = 'sent' | 'failed' | 'skipped' | 'pending' | 'unchanged';

export const NOTHING_NEW_EMAIL = 'nothing new since the previous digest: no e-mail sent';

export async function deliverDigestEmail(
  deps: Pick<AppDeps, 'db' | 'clock' | 'mailer' | 'env' | 'logger'>,
  input: { content: DeliveryWrite; reader: { userId: string; email: string }; missingProjects: number },
): Promise<EmailOutcome> {
  const { db, mailer } = deps;
  const { content } = input;
  const key = {
    userId: content.userId,
    kind: content.kind,
    periodKey: content.periodKey,
    channel: 'email' as const,
  };
  const existing = await findDelivery(db, key);
  if (existing?.status === 'sent') return 'unchanged';
  const row = await upsertDelivery(db, { ...content, channel: 'email', status: 'pending', error: null });
  const record = async (status: 'skipped' | 'pending', error: string) => {
    await markDelivery(db, row.id, { status, error, attempted: false, sentAt: null });
    return status;
  };
  if (!mailer.configured) return record('skipped', mailer.reason);
  if (content.nothingNew) return record('skipped', NOTHING_NEW_EMAIL);
  if (input.missingProjects > 0)
    return record(
      'pending',
      `waiting for ${input.missingProjects} more project digest${input.missingProjects === 1 ? '' : 's'} of this period`,
    );
  try {
    await mailer.send({
      to: input.reader.email,
      subject: content.renderedText.split('\n')[0] ?? 'Keel digest',
      text: `${content.renderedText}\n\n${webUrl(deps.env)}/digests`,
    });
    await markDelivery(db, row.id, {
      status: 'sent',
      error: null,
      attempted: true,
      sentAt: deps.clock.now(),
    });
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ err: message, userId: content.userId }, 'digest e-mail failed');
    await markDelivery(db, row.id, {
      status: 'failed',
      error: message.slice(0, 500),
      attempted: true,
      sentAt: null,
    });
    return 'failed';
  }
}

function webUrl(env: Pick<AppDeps['env'], 'KEEL_WEB_URL' | 'CORS_ORIGIN'>): string {
  return (env.KEEL_WEB_URL ?? env.CORS_ORIGIN.split(',')[0]?.trim() ?? '').replace(/\/$/, '');
}

import type { Tone } from '@/components/ui/badge';

/** How the outbox's statuses and compliance reasons read on screen. */
export const STATUS_TONE: Record<string, Tone> = {
  draft: 'neutral',
  approved: 'info',
  sending: 'accent',
  sent: 'success',
  blocked: 'danger',
  failed: 'danger',
  canceled: 'neutral',
};

export const REASON_LABEL: Record<string, string> = {
  not_approved: 'Waiting for approval',
  opted_out: 'Contact opted out',
  frequency_cap: 'Held: frequency cap',
  quiet_hours: 'Held: quiet hours',
  negative_sentiment: 'Held: the contact is upset',
};

export function reasonLabel(reason: string | null): string | null {
  return reason ? (REASON_LABEL[reason] ?? reason) : null;
}

import type { Tone } from '@/components/ui/badge';
import type { RouterOutputs } from '@/lib/trpc';

/** Rows of `GET /contacts`, `/conversations` and `/messages`, as the API declares them. */
export type Contact = RouterOutputs['data']['contacts']['items'][number];
export type Conversation = RouterOutputs['data']['conversations']['items'][number];
export type Message = RouterOutputs['data']['messages']['items'][number];

/** What a person is called on screen: the name, else the e-mail, else the Chatwoot id. */
export function contactName(c: { id: number; name: string | null; email: string | null }): string {
  return c.name ?? c.email ?? `Contact ${c.id}`;
}

export const STATUS: Record<string, { tone: Tone; label: string }> = {
  open: { tone: 'info', label: 'Open' },
  pending: { tone: 'warning', label: 'Pending' },
  snoozed: { tone: 'neutral', label: 'Snoozed' },
  resolved: { tone: 'success', label: 'Resolved' },
};

export const PRIORITY: Record<string, { tone: Tone; label: string }> = {
  urgent: { tone: 'danger', label: 'Urgent' },
  high: { tone: 'warning', label: 'High' },
  medium: { tone: 'neutral', label: 'Medium' },
  low: { tone: 'neutral', label: 'Low' },
};

export function statusOf(status: string): { tone: Tone; label: string } {
  return STATUS[status] ?? { tone: 'neutral', label: status };
}

import type { Tone } from '@/components/ui/badge';
import { asRow, bool, num, str, strings } from '@/lib/read';

export type ContactView = {
  id: number;
  name: string;
  email: string | null;
  company: string | null;
  lastActivityAt: string | null;
};

export type ConversationView = {
  id: number;
  contactId: number | null;
  status: string;
  priority: string | null;
  labels: string[];
  unreadCount: number;
  waitingSince: string | null;
  lastActivityAt: string | null;
  createdAt: string | null;
};

export type MessageView = {
  id: number;
  conversationId: number;
  kind: 'incoming' | 'outgoing' | 'activity' | 'template';
  private: boolean;
  senderName: string | null;
  senderType: string | null;
  content: string;
  hasAttachments: boolean;
  createdAt: string;
};

export function toContact(value: unknown): ContactView | null {
  const row = asRow(value);
  if (!row) return null;
  const id = num(row, 'id');
  if (id === null) return null;
  const email = str(row, 'email');
  return {
    id,
    name: str(row, 'name') ?? email ?? `Contact ${id}`,
    email,
    company: str(row, 'companyName'),
    lastActivityAt: str(row, 'lastActivityAt'),
  };
}

export function toConversation(value: unknown): ConversationView | null {
  const row = asRow(value);
  if (!row) return null;
  const id = num(row, 'id');
  if (id === null) return null;
  return {
    id,
    contactId: num(row, 'contactId'),
    status: str(row, 'status') ?? 'open',
    priority: str(row, 'priority'),
    labels: strings(row, 'labels'),
    unreadCount: num(row, 'unreadCount') ?? 0,
    waitingSince: str(row, 'waitingSince'),
    lastActivityAt: str(row, 'lastActivityAt'),
    createdAt: str(row, 'createdAt'),
  };
}

export function toMessage(value: unknown): MessageView | null {
  const row = asRow(value);
  if (!row) return null;
  const id = num(row, 'id');
  const conversationId = num(row, 'conversationId');
  if (id === null || conversationId === null) return null;
  const type = str(row, 'messageType');
  return {
    id,
    conversationId,
    kind: type === 'outgoing' || type === 'activity' || type === 'template' ? type : 'incoming',
    private: bool(row, 'private'),
    senderName: str(row, 'senderName'),
    senderType: str(row, 'senderType'),
    content: str(row, 'content') ?? '',
    hasAttachments: bool(row, 'hasAttachments'),
    createdAt: str(row, 'createdAt') ?? '',
  };
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

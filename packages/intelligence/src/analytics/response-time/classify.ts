/**
 * Chatwoot message rows → what they mean for a response clock. Pure; the fields are those of
 * the cw_messages mirror (message_type, private, sender_type, content, content_attributes).
 */
export type RtMessage = {
  id: string;
  conversationId: string;
  at: Date;
  messageType: 'incoming' | 'outgoing' | 'activity' | 'template' | string;
  private: boolean;
  senderType: 'contact' | 'user' | 'agent_bot' | null | string;
  content: string | null;
  /** Chatwoot's content_attributes; `automation_rule_id` marks an automation's message. */
  contentAttributes?: Record<string, unknown> | null;
};

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';

export type RtEvent =
  | { kind: 'client'; id: string; at: Date }
  | { kind: 'human_reply'; id: string; at: Date }
  | { kind: 'status'; status: ConversationStatus; id: string; at: Date }
  | {
      kind: 'ignored';
      id: string;
      at: Date;
      reason: 'bot' | 'automation' | 'private_note' | 'activity' | 'template';
    };

/** Chatwoot's activity lines ("Conversation was marked resolved by Ann", "…reopened…", …). */
function activityStatus(content: string | null): ConversationStatus | null {
  const text = (content ?? '').toLowerCase();
  if (/re-?opened/.test(text)) return 'open';
  if (/resolved/.test(text)) return 'resolved';
  if (/snoozed/.test(text)) return 'snoozed';
  if (/pending/.test(text)) return 'pending';
  return null;
}

export function classifyMessage(m: RtMessage): RtEvent {
  const base = { id: m.id, at: m.at };
  if (m.messageType === 'activity') {
    const status = activityStatus(m.content);
    return status ? { kind: 'status', status, ...base } : { kind: 'ignored', reason: 'activity', ...base };
  }
  if (m.messageType === 'template') return { kind: 'ignored', reason: 'template', ...base };
  if (m.private) return { kind: 'ignored', reason: 'private_note', ...base };
  if (m.messageType === 'incoming') return { kind: 'client', ...base };
  if (m.messageType !== 'outgoing') return { kind: 'ignored', reason: 'activity', ...base };
  if (m.senderType === 'agent_bot') return { kind: 'ignored', reason: 'bot', ...base };
  const automation = m.contentAttributes?.automation_rule_id != null;
  if (m.senderType !== 'user' || automation) return { kind: 'ignored', reason: 'automation', ...base };
  return { kind: 'human_reply', ...base };
}

import type { KagEventDraft } from './types.ts';

/**
 * Raw mirror rows → typed kag_events. Pure: the same rows always give the same drafts, and
 * `sourceRef` + `kind` identify a fact, so re-ingesting a row is a no-op on the unique key.
 */
export type RawMessage = {
  id: string;
  cwMessageId: number;
  cwConversationId: number;
  messageType: string;
  private: boolean;
  senderType: string | null;
  senderId: number | null;
  senderName: string | null;
  content: string | null;
  createdAtSource: Date;
  conversationDisplayId: number | null;
  contactName: string | null;
};

export type RawConversation = {
  id: string;
  cwConversationId: number;
  displayId: number | null;
  status: string;
  createdAtSource: Date;
  lastActivityAt: Date | null;
  sourceUpdatedAt: Date | null;
  contactName: string | null;
};

export type RawIssue = {
  id: string;
  linearIssueId: string;
  identifier: string;
  title: string;
  priority: number;
  stateId: string | null;
  stateName: string | null;
  stateType: string | null;
  dueDate: string | null;
  createdAtSource: Date;
  completedAt: Date | null;
  canceledAt: Date | null;
  sourceUpdatedAt: Date;
  assigneeName: string | null;
};

export type RawCycle = {
  id: string;
  linearCycleId: string;
  number: number;
  startsAt: Date;
  endsAt: Date;
  completedAt: Date | null;
};

export type RawDeal = {
  id: string;
  externalRef: string | null;
  title: string;
  stage: string;
  status: string;
  amountMinor: number;
  currency: string;
  stageChangedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
};

export type RawActivity = {
  id: string;
  attioActivityId: string;
  kind: string;
  title: string | null;
  occurredAt: Date | null;
  createdAtSource: Date | null;
};

const MAX_TEXT = 1000;
const label = (displayId: number | null, id: number) => `#${displayId ?? id}`;

export function mapChatwootEvents(
  messages: readonly RawMessage[],
  conversations: readonly RawConversation[],
): KagEventDraft[] {
  const out: KagEventDraft[] = [];
  for (const m of messages) {
    // Private notes, activity lines and templates are not conversation with the client.
    if (m.private || (m.messageType !== 'incoming' && m.messageType !== 'outgoing')) continue;
    const incoming = m.messageType === 'incoming';
    const actor = incoming ? 'client' : m.senderType === 'agent_bot' ? 'bot' : 'agent';
    out.push({
      kind: incoming ? 'message_in' : 'message_out',
      source: 'chatwoot',
      sourceRef: String(m.cwMessageId),
      occurredAt: m.createdAtSource,
      actor,
      actorRef: m.senderId === null ? null : String(m.senderId),
      payload: {
        rowId: m.id,
        conversationId: m.cwConversationId,
        conversationLabel: label(m.conversationDisplayId, m.cwConversationId),
        contactName: m.contactName,
        senderName: m.senderName,
        text: (m.content ?? '').slice(0, MAX_TEXT),
      },
    });
  }
  for (const c of conversations) {
    const payload = {
      rowId: c.id,
      conversationId: c.cwConversationId,
      conversationLabel: label(c.displayId, c.cwConversationId),
      contactName: c.contactName,
    };
    out.push({
      kind: 'conversation_opened',
      source: 'chatwoot',
      sourceRef: String(c.cwConversationId),
      occurredAt: c.createdAtSource,
      actor: 'client',
      actorRef: null,
      payload,
    });
    if (c.status === 'resolved') {
      const at = c.lastActivityAt ?? c.sourceUpdatedAt ?? c.createdAtSource;
      // Each resolution is its own fact: a reopened and re-resolved conversation resolves twice.
      out.push({
        kind: 'conversation_resolved',
        source: 'chatwoot',
        sourceRef: `${c.cwConversationId}:${at.toISOString()}`,
        occurredAt: at,
        actor: 'agent',
        actorRef: null,
        payload,
      });
    }
  }
  return out;
}

export function mapLinearEvents(
  issues: readonly RawIssue[],
  cycles: readonly RawCycle[],
  now: Date,
): KagEventDraft[] {
  const out: KagEventDraft[] = [];
  for (const i of issues) {
    const payload = {
      rowId: i.id,
      identifier: i.identifier,
      title: i.title,
      priority: i.priority,
      stateName: i.stateName,
    };
    const base = {
      source: 'linear' as const,
      actor: i.assigneeName ? 'agent' : null,
      actorRef: i.assigneeName,
      payload,
    };
    out.push({ ...base, kind: 'issue_created', sourceRef: i.linearIssueId, occurredAt: i.createdAtSource });
    if (i.stateId) {
      // We see snapshots, not transitions: each state an issue is seen in is one state change.
      out.push({
        ...base,
        kind: 'issue_state_changed',
        sourceRef: `${i.linearIssueId}:${i.stateId}`,
        occurredAt: i.stateType === 'completed' && i.completedAt ? i.completedAt : i.sourceUpdatedAt,
        payload: { ...payload, stateType: i.stateType },
      });
    }
    if (i.completedAt)
      out.push({ ...base, kind: 'issue_completed', sourceRef: i.linearIssueId, occurredAt: i.completedAt });
    const open = !i.completedAt && !i.canceledAt;
    if (open && i.dueDate && new Date(`${i.dueDate}T23:59:59.999Z`) < now)
      out.push({
        ...base,
        kind: 'issue_overdue',
        sourceRef: `${i.linearIssueId}:${i.dueDate}`,
        occurredAt: new Date(`${i.dueDate}T23:59:59.999Z`),
        payload: { ...payload, dueDate: i.dueDate },
      });
  }
  for (const c of cycles) {
    const payload = { rowId: c.id, number: c.number };
    const base = {
      source: 'linear' as const,
      actor: 'system',
      actorRef: null,
      sourceRef: c.linearCycleId,
      payload,
    };
    if (c.startsAt <= now) out.push({ ...base, kind: 'cycle_started', occurredAt: c.startsAt });
    const ended = c.completedAt ?? (c.endsAt <= now ? c.endsAt : null);
    if (ended) out.push({ ...base, kind: 'cycle_ended', occurredAt: ended });
  }
  return out;
}

export function mapAttioEvents(
  deals: readonly RawDeal[],
  activities: readonly RawActivity[],
): KagEventDraft[] {
  const out: KagEventDraft[] = [];
  for (const d of deals) {
    const ref = d.externalRef ?? d.id;
    const payload = {
      rowId: d.id,
      title: d.title,
      stage: d.stage,
      amountMinor: d.amountMinor,
      currency: d.currency,
    };
    const base = { source: 'attio' as const, actor: 'agent', actorRef: null, payload };
    out.push({
      ...base,
      kind: 'deal_stage_changed',
      sourceRef: `${ref}:${d.stage}`,
      occurredAt: d.stageChangedAt ?? d.createdAt,
    });
    if (d.status === 'won' || d.status === 'lost')
      out.push({
        ...base,
        kind: d.status === 'won' ? 'deal_won' : 'deal_lost',
        sourceRef: ref,
        occurredAt: d.closedAt ?? d.stageChangedAt ?? d.createdAt,
      });
  }
  for (const a of activities) {
    const at = a.occurredAt ?? a.createdAtSource;
    if (!at) continue;
    out.push({
      kind: 'activity_logged',
      source: 'attio',
      sourceRef: a.attioActivityId,
      occurredAt: at,
      actor: 'agent',
      actorRef: null,
      payload: { rowId: a.id, activityKind: a.kind, title: a.title },
    });
  }
  return out;
}

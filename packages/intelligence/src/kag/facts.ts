import type { ConversationFact, DealFact, IssueFact, MessageFact, ProjectFacts } from './types.ts';

/** Loaded rows → the detectors' facts. Pure; tolerant of payloads written by older versions. */
type MessageEventRow = {
  id: string;
  kind: string;
  occurredAt: Date;
  actor: string | null;
  payload: Record<string, unknown>;
};

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

export function toMessageFacts(rows: readonly MessageEventRow[]): MessageFact[] {
  return rows.map((r) => {
    const conv = str(r.payload.conversationId) ?? '';
    return {
      eventId: r.id,
      conversationRef: conv,
      conversationLabel: str(r.payload.conversationLabel) ?? `#${conv}`,
      contactName: str(r.payload.contactName),
      direction: r.kind === 'message_in' ? 'in' : 'out',
      actor: r.actor === 'client' ? 'client' : r.actor === 'bot' ? 'bot' : 'agent',
      at: r.occurredAt,
      text: str(r.payload.text) ?? '',
    };
  });
}

export function toConversationFacts(
  rows: ReadonlyArray<{
    id: string;
    cwConversationId: number;
    displayId: number | null;
    status: ConversationFact['status'];
    contactName: string | null;
  }>,
): ConversationFact[] {
  return rows.map((c) => ({
    rowId: c.id,
    ref: String(c.cwConversationId),
    label: `#${c.displayId ?? c.cwConversationId}`,
    contactName: c.contactName,
    status: c.status,
  }));
}

export function toIssueFacts(
  rows: ReadonlyArray<{
    id: string;
    identifier: string;
    title: string;
    priority: number;
    estimate: number | null;
    dueDate: string | null;
    stateType: string | null;
    stateName: string | null;
    labels: Array<{ name: string }>;
    linearCycleId: string | null;
    createdAtSource: Date;
    startedAt: Date | null;
    completedAt: Date | null;
    canceledAt: Date | null;
    sourceUpdatedAt: Date;
  }>,
): IssueFact[] {
  return rows.map((i) => ({
    rowId: i.id,
    identifier: i.identifier,
    title: i.title,
    priority: i.priority,
    estimate: i.estimate,
    dueDate: i.dueDate,
    stateType: i.stateType,
    stateName: i.stateName,
    labels: i.labels.map((l) => l.name),
    cycleId: i.linearCycleId,
    createdAt: i.createdAtSource,
    startedAt: i.startedAt,
    completedAt: i.completedAt,
    canceledAt: i.canceledAt,
    updatedAt: i.sourceUpdatedAt,
  }));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function toDealFacts(
  rows: ReadonlyArray<{
    id: string;
    title: string;
    accountName: string | null;
    status: DealFact['status'];
    stage: string;
    amountMinor: number;
    currency: string;
    expectedCloseDate: string | null;
    stageChangedAt: Date | null;
    renewalDate: string | null;
    createdAt: Date;
    createdAtSource?: Date | null;
  }>,
): DealFact[] {
  return rows.map((d) => ({
    rowId: d.id,
    title: d.title,
    accountName: d.accountName,
    status: d.status,
    stage: d.stage,
    amountMinor: d.amountMinor,
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate,
    stageChangedAt: d.stageChangedAt,
    renewalDate: d.renewalDate && ISO_DATE.test(d.renewalDate) ? d.renewalDate.slice(0, 10) : null,
    // The vendor's creation time when there is one: a history rebuild must know the deal
    // existed before Keel first synced it.
    createdAt: d.createdAtSource ?? d.createdAt,
  }));
}

export type { ProjectFacts };

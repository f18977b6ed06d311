import type { EvidenceRef, KagEventKind, SignalCategory } from '@keel/db/schema/kag-core';
import type { SignalKey } from './config.ts';

/** A typed fact ready to insert into kag_events (the project scope is added by the writer). */
export type KagEventDraft = {
  kind: KagEventKind;
  source: 'chatwoot' | 'linear' | 'attio' | 'system';
  sourceRef: string;
  occurredAt: Date;
  actor: string | null;
  actorRef: string | null;
  payload: Record<string, unknown>;
};

/** A message event as the communication detectors read it. */
export type MessageFact = {
  eventId: string;
  conversationRef: string;
  conversationLabel: string;
  contactName: string | null;
  direction: 'in' | 'out';
  /** Response times count human agents only: bot replies never stop the clock. */
  actor: 'client' | 'agent' | 'bot';
  at: Date;
  text: string;
};

export type ConversationFact = {
  rowId: string;
  ref: string;
  label: string;
  contactName: string | null;
  status: 'open' | 'resolved' | 'pending' | 'snoozed';
};

export type IssueFact = {
  rowId: string;
  identifier: string;
  title: string;
  /** Linear's scale: 0 none, 1 urgent, 2 high, 3 medium, 4 low. */
  priority: number;
  estimate: number | null;
  dueDate: string | null;
  stateType: string | null;
  stateName: string | null;
  labels: string[];
  cycleId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  canceledAt: Date | null;
  updatedAt: Date;
};

export type CycleFact = {
  rowId: string;
  cycleId: string;
  number: number;
  startsAt: Date;
  endsAt: Date;
  completedAt: Date | null;
};

export type DealFact = {
  rowId: string;
  title: string;
  accountName: string | null;
  status: 'open' | 'won' | 'lost';
  stage: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string | null;
  stageChangedAt: Date | null;
  renewalDate: string | null;
  createdAt: Date;
};

export type ActivityFact = { rowId: string; kind: string; at: Date };

/** Everything the detectors look at for one project, loaded once per refresh. */
export type ProjectFacts = {
  projectName: string;
  clientName: string | null;
  timezone: string;
  messages: MessageFact[];
  conversations: ConversationFact[];
  issues: IssueFact[];
  cycles: CycleFact[];
  deals: DealFact[];
  activities: ActivityFact[];
};

export type DetectedSignal = {
  key: SignalKey;
  category: SignalCategory;
  subjectKey: string;
  /** What a person calls the subject: a contact, a conversation, an issue, a deal. */
  subjectLabel: string;
  severity: number;
  value: number;
  title: string;
  sentence: string;
  evidence: EvidenceRef[];
  configVersion: string;
  asOf: Date;
  /** Rule-specific details the recommendation renders (names, counts). */
  details: Record<string, string | number>;
};

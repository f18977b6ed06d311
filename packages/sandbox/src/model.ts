/**
 * The in-memory world every emulator serves. Times are epoch milliseconds unless a field says
 * otherwise; each emulator formats them the way its vendor does. Records refer to each other by
 * array index, which keeps large portfolios compact.
 */
import type { Lang } from './generate/text.ts';
import type { MessageStore } from './message-store.ts';
import type { SizeSpec } from './sizes.ts';

export type Trajectory = 'healthy' | 'slipping' | 'escalating' | 'recovering' | 'churning';

export type RiskEventKind = 'delivery_slip' | 'escalation' | 'churn' | 'recovered';

export type GroundTruthProject = {
  projectIndex: number;
  projectName: string;
  clientName: string;
  linearProjectId: string;
  chatwootInboxId: number;
  attioCompanyId: string;
  trajectory: Trajectory;
  /** ISO date-time at which the trajectory starts to bend (may lie after the base date). */
  onset: string;
  riskEvents: Array<{ kind: RiskEventKind; at: string }>;
};

/** Hidden answers for evaluating signals and forecasts. Keel's own code never reads this. */
export type GroundTruth = {
  seed: number;
  size: string;
  baseDate: string;
  projects: GroundTruthProject[];
};

export type Staff = {
  linearId: string;
  attioMemberId: string;
  chatwootId: number;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  createdAt: number;
};

export type Client = {
  name: string;
  lang: Lang;
  domain: string;
  city: string;
  description: string;
  attioCompanyId: string;
  ownerStaff: number;
  people: number[];
  projects: number[];
  createdAt: number;
};

export type Person = {
  clientIndex: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobTitle: string;
  attioPersonId: string;
  chatwootContactId: number;
  sourceId: string;
  createdAt: number;
  /** Epoch seconds of the last incoming message, 0 when none. */
  lastActivityAt: number;
};

export type Project = {
  clientIndex: number;
  name: string;
  trajectory: Trajectory;
  onset: number;
  features: string[];
  teamIndex: number;
  linearProjectId: string;
  inboxIndex: number;
  leadStaff: number;
  staff: number[];
  startDate: number;
  targetDate: number;
  createdAt: number;
  updatedAt: number;
};

export type Team = {
  id: string;
  key: string;
  name: string;
  projectIndex: number;
  states: number[];
  cycles: number[];
  nextIssueNumber: number;
  createdAt: number;
  updatedAt: number;
};

export type WorkflowStateType = 'triage' | 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled';

export type WorkflowState = {
  id: string;
  teamIndex: number;
  name: string;
  type: WorkflowStateType;
  color: string;
  position: number;
  createdAt: number;
  updatedAt: number;
};

export type Cycle = {
  id: string;
  teamIndex: number;
  number: number;
  startsAt: number;
  endsAt: number;
  createdAt: number;
  updatedAt: number;
};

export type Label = { id: string; name: string; color: string; createdAt: number; updatedAt: number };

export type Issue = {
  id: string;
  teamIndex: number;
  projectIndex: number;
  number: number;
  title: string;
  description: string | null;
  priority: number;
  estimate: number | null;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  canceledAt: number | null;
  stateIndex: number;
  assigneeStaff: number | null;
  creatorStaff: number;
  cycleIndex: number | null;
  labels: number[];
};

export type Inbox = {
  id: number;
  projectIndex: number;
  name: string;
  channelType: string;
  channelId: number;
  createdAt: number;
};

export type ConversationStatus = 'open' | 'resolved' | 'pending';

export type Conversation = {
  id: number;
  uuid: string;
  inboxIndex: number;
  projectIndex: number;
  personIndex: number;
  assigneeStaff: number | null;
  status: ConversationStatus;
  priority: 'low' | 'medium' | 'high' | 'urgent' | null;
  labels: string[];
  /** Epoch seconds (Chatwoot's own unit). */
  createdAt: number;
  /** Epoch seconds with milliseconds, a float as Chatwoot sends it. */
  updatedAt: number;
  lastActivityAt: number;
  firstReplyCreatedAt: number;
  waitingSince: number;
  agentLastSeenAt: number;
  contactLastSeenAt: number;
  /** Row indexes into the message store, oldest first. */
  messages: number[];
};

export type DealStage = 'Lead' | 'In Progress' | 'Won 🎉' | 'Lost';

export type Deal = {
  id: string;
  clientIndex: number;
  projectIndex: number | null;
  name: string;
  stage: DealStage;
  stageChangedAt: number;
  value: number;
  currency: 'USD' | 'EUR';
  ownerStaff: number;
  people: number[];
  /** YYYY-MM-DD: the expected close date. */
  closeDate: string;
  /** YYYY-MM-DD or null: when the contract won by this deal ends. */
  renewalDate: string | null;
  createdAt: number;
};

export type Note = {
  id: string;
  parentObject: 'companies' | 'deals' | 'people';
  parentRecordId: string;
  title: string;
  content: string;
  createdByStaff: number | null;
  createdAt: number;
};

export type Task = {
  id: string;
  content: string;
  deadlineAt: number | null;
  isCompleted: boolean;
  linked: Array<{ object: 'companies' | 'people' | 'deals'; recordId: string }>;
  assignees: number[];
  createdByStaff: number | null;
  createdAt: number;
};

export type LoopsContact = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  source: string;
  subscribed: boolean;
  userGroup: string;
  userId: string | null;
  mailingLists: Record<string, boolean>;
  optInStatus: 'accepted' | 'pending' | 'rejected' | null;
  custom: Record<string, string | number | boolean>;
};

export type LoopsEvent = {
  eventName: string;
  contactId: string;
  properties: Record<string, unknown>;
  at: number;
};

export type Dataset = {
  seed: number;
  size: SizeSpec;
  baseDate: number;
  /** The world's current time; advance() moves it. */
  now: number;
  workspaceId: string;
  attioObjectIds: { companies: string; people: string; deals: string };
  agencyName: string;
  staff: Staff[];
  clients: Client[];
  people: Person[];
  projects: Project[];
  teams: Team[];
  states: WorkflowState[];
  cycles: Cycle[];
  labels: Label[];
  issues: Issue[];
  inboxes: Inbox[];
  conversations: Conversation[];
  messages: MessageStore;
  deals: Deal[];
  notes: Note[];
  tasks: Task[];
  loops: { contacts: LoopsContact[]; events: LoopsEvent[]; idempotencyKeys: Set<string> };
  groundTruth: GroundTruth;
  /** Sequence counters for ids handed out after generation (API creates, advance). */
  seq: { message: number; conversation: number; attachment: number; advanceRound: number; lastStamp: number };
};

/** A timestamp for a record written now through an API: the world's time, strictly increasing. */
export function worldStamp(ds: Dataset): number {
  const stamp = Math.max(ds.now, ds.seq.lastStamp + 1);
  ds.seq.lastStamp = stamp;
  return stamp;
}

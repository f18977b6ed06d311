/** Simulates Chatwoot conversations for one project, shaped by its trajectory. */
import type { Conversation, Dataset } from '../model.ts';
import {
  ATTACHMENT_FILE,
  ATTACHMENT_IMAGE,
  ATTACHMENT_NONE,
  SENDER_CONTACT,
  SENDER_USER,
} from '../message-store.ts';
import type { Rng } from '../random.ts';
import { INTENT } from './intents.ts';
import { DAY, HOUR, engagementAt, stressAt } from './trajectory.ts';

const LABELS = ['billing', 'bug', 'feature-request', 'release', 'urgent', 'feedback'] as const;

type Step = { at: number; fromClient: boolean; intent: number };

function pickClientIntent(rng: Rng, stress: number): number {
  const esc = stress > 0.5 ? 0.35 * (stress - 0.3) : 0;
  const complaint = 0.4 * stress;
  const followUp = 0.08 * stress;
  const bug = 0.1 + 0.1 * stress;
  const newNeed = stress < 0.2 ? 0.07 : 0.01;
  let r = rng.next();
  for (const [intent, p] of [
    [INTENT.escalation, esc],
    [INTENT.complaint, complaint],
    [INTENT.followUp, followUp],
    [INTENT.bugReport, bug],
    [INTENT.newNeed, newNeed],
  ] as const) {
    if (r < p) return intent;
    r -= p;
  }
  return rng.pick([INTENT.request, INTENT.question, INTENT.question, INTENT.approval, INTENT.thanks]);
}

function pickAgentIntent(rng: Rng, clientIntent: number): number {
  switch (clientIntent) {
    case INTENT.complaint:
    case INTENT.escalation:
    case INTENT.followUp:
      return rng.chance(0.6) ? INTENT.agentApology : INTENT.agentUpdate;
    case INTENT.question:
      return rng.chance(0.7) ? INTENT.agentUpdate : INTENT.agentAck;
    case INTENT.approval:
      return rng.chance(0.5) ? INTENT.agentDelivered : INTENT.agentAck;
    case INTENT.newNeed:
      return INTENT.agentQuestion;
    default:
      return rng.chance(0.8) ? INTENT.agentAck : INTENT.agentQuestion;
  }
}

/** Mean agent reply delay: minutes when calm, more than a day when stressed. */
function replyDelay(rng: Rng, stress: number): number {
  const mean = 0.6 * HOUR + stress ** 1.5 * 30 * HOUR;
  return Math.max(2 * 60_000, rng.exp(mean));
}

/** The next message of a conversation after `last`, or null when the thread ends. */
export function nextStep(rng: Rng, last: Step, stress: number): Step | null {
  if (last.fromClient) {
    if (last.intent === INTENT.thanks && rng.chance(0.7)) return null;
    return {
      at: last.at + replyDelay(rng, stress),
      fromClient: false,
      intent: pickAgentIntent(rng, last.intent),
    };
  }
  if (!rng.chance(0.5 + 0.2 * stress)) return null;
  return {
    at: last.at + Math.max(5 * 60_000, rng.exp(8 * HOUR)),
    fromClient: true,
    intent: pickClientIntent(rng, stress),
  };
}

function pushMessage(
  ds: Dataset,
  conversationIndex: number,
  step: Step,
  rng: Rng,
  extra?: { private?: boolean; activity?: boolean },
): number {
  const conv = ds.conversations[conversationIndex];
  if (!conv) throw new Error(`no conversation ${conversationIndex}`);
  const createdAt = Math.floor(step.at / 1000);
  const activity = extra?.activity === true;
  let attachmentKind = ATTACHMENT_NONE;
  if (
    !activity &&
    (step.intent === INTENT.bugReport || step.intent === INTENT.agentUpdate) &&
    rng.chance(0.2)
  ) {
    attachmentKind = rng.chance(0.6) ? ATTACHMENT_IMAGE : ATTACHMENT_FILE;
  }
  const row = ds.messages.push({
    id: ds.seq.message++,
    conversationIndex,
    createdAt,
    messageType: activity ? 2 : step.fromClient ? 0 : 1,
    private: extra?.private === true,
    senderKind: step.fromClient ? SENDER_CONTACT : SENDER_USER,
    senderIndex: activity ? -1 : step.fromClient ? conv.personIndex : (conv.assigneeStaff ?? -1),
    intent: step.intent,
    textSeed: rng.u32(),
    attachmentKind,
    attachmentId: attachmentKind === ATTACHMENT_NONE ? 0 : ds.seq.attachment++,
  });
  conv.messages.push(row);
  const ms = step.at;
  conv.lastActivityAt = createdAt;
  conv.updatedAt = Math.round(ms) / 1000;
  if (!activity && !extra?.private) {
    if (step.fromClient) {
      if (conv.waitingSince === 0) conv.waitingSince = createdAt;
      conv.contactLastSeenAt = createdAt;
      const person = ds.people[conv.personIndex];
      if (person) person.lastActivityAt = Math.max(person.lastActivityAt, createdAt);
    } else {
      if (conv.firstReplyCreatedAt === 0) conv.firstReplyCreatedAt = createdAt;
      conv.waitingSince = 0;
      conv.agentLastSeenAt = createdAt;
    }
  }
  return row;
}

/** Plays a conversation forward from `last` until it ends or reaches `until`. */
export function playConversation(
  ds: Dataset,
  conversationIndex: number,
  first: Step,
  until: number,
  rng: Rng,
): void {
  const conv = ds.conversations[conversationIndex];
  const project = conv ? ds.projects[conv.projectIndex] : undefined;
  if (!conv || !project) return;
  let step: Step | null = first;
  let last: Step = first;
  while (step && step.at <= until) {
    const stress = stressAt(project.trajectory, project.onset, step.at);
    // A slow reply to an unhappy client: the client chases before the agent answers.
    if (!step.fromClient && step.at - last.at > 6 * HOUR && stress > 0.3 && rng.chance(0.5)) {
      const chase: Step = {
        at: last.at + (step.at - last.at) / 2,
        fromClient: true,
        intent: INTENT.followUp,
      };
      if (chase.at <= until) pushMessage(ds, conversationIndex, chase, rng);
    }
    pushMessage(ds, conversationIndex, step, rng);
    if (!step.fromClient && step.intent === INTENT.agentApology && rng.chance(0.3)) {
      pushMessage(
        ds,
        conversationIndex,
        { at: step.at + 60_000, fromClient: false, intent: INTENT.privateNote },
        rng,
        {
          private: true,
        },
      );
    }
    last = step;
    step = nextStep(rng, step, stress);
  }
  if (step === null) {
    const resolveAt = last.at + rng.exp(12 * HOUR) + HOUR;
    if (resolveAt <= until) {
      pushMessage(
        ds,
        conversationIndex,
        { at: resolveAt, fromClient: false, intent: INTENT.activityResolved },
        rng,
        {
          activity: true,
        },
      );
      conv.status = 'resolved';
      conv.waitingSince = 0;
      return;
    }
  }
  conv.status = 'open';
}

/** Opens a new conversation in a project's inbox and plays it up to `until`. */
export function startConversation(
  ds: Dataset,
  projectIndex: number,
  at: number,
  until: number,
  rng: Rng,
  firstIntent?: number,
): number {
  const project = ds.projects[projectIndex];
  const client = project ? ds.clients[project.clientIndex] : undefined;
  if (!project || !client) throw new Error(`no project ${projectIndex}`);
  const stress = stressAt(project.trajectory, project.onset, at);
  const index = ds.conversations.length;
  const conv: Conversation = {
    id: ds.seq.conversation++,
    uuid: rng.uuid(),
    inboxIndex: project.inboxIndex,
    projectIndex,
    personIndex: rng.pick(client.people),
    assigneeStaff: rng.chance(0.9) ? rng.pick(project.staff) : null,
    status: 'open',
    priority:
      stress > 0.6 && rng.chance(0.5)
        ? 'urgent'
        : rng.chance(0.2)
          ? rng.pick(['low', 'medium', 'high'] as const)
          : null,
    labels: rng.chance(0.4) ? [rng.pick(LABELS)] : [],
    createdAt: Math.floor(at / 1000),
    updatedAt: Math.round(at) / 1000,
    lastActivityAt: Math.floor(at / 1000),
    firstReplyCreatedAt: 0,
    waitingSince: 0,
    agentLastSeenAt: 0,
    contactLastSeenAt: 0,
    messages: [],
  };
  ds.conversations.push(conv);
  if (conv.assigneeStaff !== null && rng.chance(0.25)) {
    pushMessage(ds, index, { at, fromClient: false, intent: INTENT.activityAssigned }, rng, {
      activity: true,
    });
  }
  const first: Step =
    firstIntent !== undefined
      ? { at: at + 60_000, fromClient: true, intent: firstIntent }
      : rng.chance(0.9)
        ? { at: at + 60_000, fromClient: true, intent: pickClientIntent(rng, stress) }
        : { at: at + 60_000, fromClient: false, intent: INTENT.agentCheckIn };
  playConversation(ds, index, first, until, rng);
  return index;
}

/** Generates a project's conversations between `from` and `until`, about `targetMessages` messages. */
export function generateConversations(
  ds: Dataset,
  projectIndex: number,
  from: number,
  until: number,
  targetMessages: number,
  rng: Rng,
): void {
  const project = ds.projects[projectIndex];
  if (!project) return;
  const count = Math.max(1, Math.round(targetMessages / 4.6));
  const starts: number[] = [];
  let guard = 0;
  while (starts.length < count && guard++ < count * 20) {
    const t = from + rng.next() * (until - from);
    if (rng.next() < engagementAt(project.trajectory, project.onset, t)) starts.push(t);
  }
  starts.sort((a, b) => a - b);
  for (const at of starts) startConversation(ds, projectIndex, at, until, rng);
  // Escalating projects: make sure the ground-truth escalation shows up as a client message.
  if (project.trajectory === 'escalating') {
    const at = project.onset + 10 * DAY;
    if (at + 60_000 <= until && at >= from)
      startConversation(ds, projectIndex, at, until, rng, INTENT.escalation);
  }
}

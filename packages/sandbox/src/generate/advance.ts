/**
 * Moves the world forward day by day along each project's trajectory: new conversations and
 * replies, new and progressing issues, new cycles, notes and deal moves. Deterministic for a
 * given seed and sequence of advance() calls.
 */
import type { Dataset } from '../model.ts';
import { createRng, mixSeed, type Rng } from '../random.ts';
import { addNote } from './attio.ts';
import { nextStep, playConversation, startConversation } from './chatwoot.ts';
import { INTENT } from './intents.ts';
import {
  addCycle,
  CYCLE_LENGTH,
  createIssue,
  STATE_DONE,
  STATE_IN_PROGRESS,
  STATE_IN_REVIEW,
  STATE_TODO,
} from './linear.ts';
import { DAY, engagementAt, stressAt } from './trajectory.ts';

export type AdvanceSummary = {
  days: number;
  now: string;
  newMessages: number;
  newConversations: number;
  newIssues: number;
  updatedIssues: number;
  newNotes: number;
  updatedDeals: number;
};

function poisson(rng: Rng, mean: number): number {
  let n = 0;
  let t = rng.exp(1);
  while (t < mean) {
    n++;
    t += rng.exp(1);
  }
  return n;
}

function continueConversations(
  ds: Dataset,
  projectIndex: number,
  from: number,
  until: number,
  rng: Rng,
): void {
  for (let ci = 0; ci < ds.conversations.length; ci++) {
    const conv = ds.conversations[ci];
    if (!conv || conv.projectIndex !== projectIndex || conv.status === 'resolved') continue;
    if (conv.lastActivityAt * 1000 < from - 14 * DAY) continue;
    const lastRow = conv.messages[conv.messages.length - 1];
    if (lastRow === undefined) continue;
    const m = ds.messages.get(lastRow);
    const project = ds.projects[projectIndex];
    if (!project) return;
    const last = {
      at: Math.max(m.createdAt * 1000, from),
      fromClient: m.messageType === 0,
      intent: m.intent === INTENT.custom ? INTENT.request : m.intent,
    };
    const step = nextStep(rng, last, stressAt(project.trajectory, project.onset, last.at));
    if (step !== null && step.at <= until) playConversation(ds, ci, step, until, rng);
  }
}

function progressIssues(ds: Dataset, projectIndex: number, from: number, rng: Rng): number {
  const project = ds.projects[projectIndex];
  const team = project ? ds.teams[project.teamIndex] : undefined;
  if (!project || !team) return 0;
  const stress = stressAt(project.trajectory, project.onset, from);
  let updated = 0;
  const order = [STATE_TODO, STATE_IN_PROGRESS, STATE_IN_REVIEW, STATE_DONE];
  for (const issue of ds.issues) {
    if (issue.projectIndex !== projectIndex || issue.completedAt !== null || issue.canceledAt !== null)
      continue;
    if (!rng.chance(0.22 * (1 - stress))) continue;
    const position = team.states.indexOf(issue.stateIndex);
    const next = order.find((s) => s > position) ?? STATE_DONE;
    const at = from + rng.next() * DAY;
    issue.stateIndex = team.states[next] ?? issue.stateIndex;
    if (next >= STATE_IN_PROGRESS && issue.startedAt === null) issue.startedAt = at;
    if (next === STATE_DONE) issue.completedAt = at;
    issue.updatedAt = at;
    updated++;
  }
  return updated;
}

function ensureCycles(ds: Dataset, teamIndex: number, until: number, rng: Rng): void {
  const team = ds.teams[teamIndex];
  if (!team) return;
  let last = ds.cycles[team.cycles[team.cycles.length - 1] ?? -1];
  while (last && last.endsAt < until + CYCLE_LENGTH) {
    addCycle(ds, teamIndex, last.number + 1, last.endsAt, rng);
    last = ds.cycles[team.cycles[team.cycles.length - 1] ?? -1];
  }
}

export function advanceWorld(ds: Dataset, days: number): AdvanceSummary {
  const before = {
    messages: ds.messages.length,
    conversations: ds.conversations.length,
    issues: ds.issues.length,
    notes: ds.notes.length,
  };
  let updatedIssues = 0;
  let updatedDeals = 0;
  const size = ds.size;
  for (let d = 0; d < days; d++) {
    const round = ds.seq.advanceRound++;
    const from = ds.now;
    const until = from + DAY;
    ds.projects.forEach((project, p) => {
      const rng = createRng(mixSeed(ds.seed, 'advance', round, p));
      ensureCycles(ds, project.teamIndex, until, rng);
      const engagement = engagementAt(project.trajectory, project.onset, from);
      continueConversations(ds, p, from, until, rng);
      const newConversations = poisson(rng, (size.messagesPerProject / 4.6 / size.historyDays) * engagement);
      for (let i = 0; i < newConversations; i++)
        startConversation(ds, p, from + rng.next() * DAY * 0.9, until, rng);
      updatedIssues += progressIssues(ds, p, from, rng);
      const newIssues = poisson(rng, size.issuesPerProject / size.historyDays);
      for (let i = 0; i < newIssues; i++)
        ds.issues.push(createIssue(ds, p, from + rng.next() * DAY, until, rng));
      project.updatedAt = until;
    });
    ds.clients.forEach((client, c) => {
      const rng = createRng(mixSeed(ds.seed, 'advance-crm', round, c));
      const project = ds.projects[client.projects[0] ?? -1];
      if (project && rng.chance(0.1 * engagementAt(project.trajectory, project.onset, from)))
        addNote(ds, c, from + rng.next() * DAY, rng);
    });
    const dealRng = createRng(mixSeed(ds.seed, 'advance-deals', round));
    for (const deal of ds.deals) {
      if (deal.stage === 'Won 🎉' || deal.stage === 'Lost') continue;
      const project = deal.projectIndex === null ? undefined : ds.projects[deal.projectIndex];
      if (!project || project.trajectory === 'churning' || project.trajectory === 'escalating') continue;
      if (dealRng.chance(0.04)) {
        deal.stage = deal.stage === 'Lead' ? 'In Progress' : 'Won 🎉';
        deal.stageChangedAt = from + dealRng.next() * DAY;
        updatedDeals++;
      }
    }
    ds.now = until;
  }
  return {
    days,
    now: new Date(ds.now).toISOString(),
    newMessages: ds.messages.length - before.messages,
    newConversations: ds.conversations.length - before.conversations,
    newIssues: ds.issues.length - before.issues,
    updatedIssues,
    newNotes: ds.notes.length - before.notes,
    updatedDeals,
  };
}

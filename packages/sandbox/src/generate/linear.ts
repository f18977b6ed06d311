/** Generates a project's Linear team, workflow states, cycles and issues, shaped by its trajectory. */
import { dateOnly } from '../format.ts';
import type { Dataset, Issue, WorkflowStateType } from '../model.ts';
import type { Rng } from '../random.ts';
import { BUG_SUBJECTS, BUG_SUBJECTS_RU, ISSUE_VERBS, ISSUE_VERBS_RU } from './names.ts';
import { DAY, HOUR, stressAt } from './trajectory.ts';

const STATES: Array<[string, WorkflowStateType, string]> = [
  ['Backlog', 'backlog', '#bec2c8'],
  ['Todo', 'unstarted', '#e2e2e2'],
  ['In Progress', 'started', '#f2c94c'],
  ['In Review', 'started', '#0f783c'],
  ['Done', 'completed', '#5e6ad2'],
  ['Canceled', 'canceled', '#95a2b3'],
];

export const STATE_BACKLOG = 0;
export const STATE_TODO = 1;
export const STATE_IN_PROGRESS = 2;
export const STATE_IN_REVIEW = 3;
export const STATE_DONE = 4;
export const STATE_CANCELED = 5;

export const LABEL_BUG = 0;
export const LABEL_FEATURE = 1;
export const LABEL_IMPROVEMENT = 2;
export const LABEL_BLOCKED = 3;

export const CYCLE_LENGTH = 14 * DAY;

/** Workspace labels shared by all teams. */
export function generateLabels(ds: Dataset, rng: Rng, at: number): void {
  for (const [name, color] of [
    ['Bug', '#eb5757'],
    ['Feature', '#bb87fc'],
    ['Improvement', '#4ea7fc'],
    ['Blocked', '#f2994a'],
  ] as const) {
    ds.labels.push({ id: rng.uuid(), name, color, createdAt: at, updatedAt: at });
  }
}

export function teamKey(clientName: string, used: Set<string>): string {
  const letters = clientName
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 3)
    .padEnd(3, 'X');
  let key = letters;
  for (let n = 2; used.has(key); n++) key = `${letters}${n}`;
  used.add(key);
  return key;
}

/** Team, states and cycles for a project; cycles run from its start to two weeks past `until`. */
export function generateTeam(ds: Dataset, projectIndex: number, key: string, rng: Rng): void {
  const project = ds.projects[projectIndex];
  if (!project) return;
  const created = project.startDate - 7 * DAY;
  const teamIndex = ds.teams.length;
  project.teamIndex = teamIndex;
  const team = {
    id: rng.uuid(),
    key,
    name: project.name,
    projectIndex,
    states: [] as number[],
    cycles: [] as number[],
    nextIssueNumber: 1,
    createdAt: created,
    updatedAt: created,
  };
  ds.teams.push(team);
  STATES.forEach(([name, type, color], position) => {
    team.states.push(ds.states.length);
    ds.states.push({
      id: rng.uuid(),
      teamIndex,
      name,
      type,
      color,
      position,
      createdAt: created,
      updatedAt: created,
    });
  });
  const firstStart = Math.floor(project.startDate / DAY) * DAY;
  for (let start = firstStart, n = 1; start < ds.now + 2 * CYCLE_LENGTH; start += CYCLE_LENGTH, n++) {
    addCycle(ds, teamIndex, n, start, rng);
  }
}

export function addCycle(ds: Dataset, teamIndex: number, number: number, start: number, rng: Rng): void {
  const team = ds.teams[teamIndex];
  if (!team) return;
  team.cycles.push(ds.cycles.length);
  const created = Math.max(team.createdAt, start - 7 * DAY);
  ds.cycles.push({
    id: rng.uuid(),
    teamIndex,
    number,
    startsAt: start,
    endsAt: start + CYCLE_LENGTH,
    createdAt: created,
    updatedAt: created,
  });
}

function cycleAt(ds: Dataset, teamIndex: number, t: number): number | null {
  const team = ds.teams[teamIndex];
  if (!team) return null;
  for (const c of team.cycles) {
    const cycle = ds.cycles[c];
    if (cycle && cycle.startsAt <= t && t < cycle.endsAt) return c;
  }
  return null;
}

function nextCycle(ds: Dataset, teamIndex: number, current: number | null): number | null {
  const team = ds.teams[teamIndex];
  if (!team || current === null) return null;
  const pos = team.cycles.indexOf(current);
  return team.cycles[pos + 1] ?? null;
}

/** Creates one issue at `createdAt` and plays its life up to `until`. */
export function createIssue(
  ds: Dataset,
  projectIndex: number,
  createdAt: number,
  until: number,
  rng: Rng,
): Issue {
  const project = ds.projects[projectIndex];
  const team = project ? ds.teams[project.teamIndex] : undefined;
  if (!project || !team) throw new Error(`no project ${projectIndex}`);
  const stress = stressAt(project.trajectory, project.onset, createdAt);
  const stressNow = stressAt(project.trajectory, project.onset, until);
  const isBug = rng.chance(0.18 + 0.45 * stress);
  const feature = rng.pick(project.features);
  const ru = ds.clients[project.clientIndex]?.lang === 'ru';
  const capital = (text: string) => text.replace(/^./, (c) => c.toUpperCase());
  const title = isBug
    ? ru
      ? `${capital(rng.pick(BUG_SUBJECTS_RU))}: ${feature}`
      : `${capital(rng.pick(BUG_SUBJECTS))} in ${feature}`
    : `${rng.pick(ru ? ISSUE_VERBS_RU : ISSUE_VERBS)} ${feature}`;
  const labels = [isBug ? LABEL_BUG : rng.chance(0.6) ? LABEL_FEATURE : LABEL_IMPROVEMENT];
  const current = cycleAt(ds, project.teamIndex, createdAt);
  // Calm teams plan work into the next cycle; stressed teams keep stuffing the running one.
  let cycleIndex: number | null = null;
  if (rng.chance(0.85)) {
    cycleIndex = rng.chance(0.15 + 0.7 * stress)
      ? current
      : (nextCycle(ds, project.teamIndex, current) ?? current);
  }
  const cycle = cycleIndex === null ? undefined : ds.cycles[cycleIndex];
  const plannedStart = Math.max(createdAt, cycle?.startsAt ?? createdAt);
  const startedAt = plannedStart + rng.exp(1.5 * DAY) * (1 + stress);
  const completedAt = startedAt + rng.exp(2.5 * DAY) * (1 + 4 * stress) + HOUR;
  const canceled = rng.chance(0.05);
  const dueMs = cycle && rng.chance(0.7) ? cycle.endsAt - DAY : rng.chance(0.3) ? createdAt + 14 * DAY : null;
  const issue: Issue = {
    id: rng.uuid(),
    teamIndex: project.teamIndex,
    projectIndex,
    number: team.nextIssueNumber++,
    title,
    description: rng.chance(0.8)
      ? `${title}.\n\n${ru ? 'Критерии приёмки: работает на десктопе и мобильных, покрыто тестами.' : 'Acceptance: works on desktop and mobile, covered by tests.'}`
      : null,
    priority: isBug ? rng.pick([1, 2, 2, 3]) : rng.pick([0, 2, 3, 3, 4]),
    estimate: rng.chance(0.75) ? rng.pick([1, 2, 3, 5, 8]) : null,
    dueDate: dueMs === null ? null : dateOnly(dueMs),
    createdAt,
    updatedAt: createdAt,
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    stateIndex: team.states[cycleIndex === null ? STATE_BACKLOG : STATE_TODO] ?? 0,
    assigneeStaff: rng.chance(0.9) ? rng.pick(project.staff) : null,
    creatorStaff: rng.pick(project.staff),
    cycleIndex,
    labels,
  };
  const stateOf = (s: number): number => team.states[s] ?? 0;
  if (canceled) {
    const at = createdAt + rng.exp(10 * DAY);
    if (at <= until) {
      issue.canceledAt = at;
      issue.updatedAt = at;
      issue.stateIndex = stateOf(STATE_CANCELED);
      return issue;
    }
  }
  if (completedAt <= until) {
    issue.startedAt = startedAt;
    issue.completedAt = completedAt;
    issue.updatedAt = completedAt + rng.exp(HOUR);
    issue.stateIndex = stateOf(STATE_DONE);
  } else if (startedAt <= until) {
    issue.startedAt = startedAt;
    issue.stateIndex = stateOf(rng.chance(0.3) ? STATE_IN_REVIEW : STATE_IN_PROGRESS);
    // Stressed teams leave started work untouched for days (stalled); calm ones keep it moving.
    const stalled = rng.chance(0.1 + 0.75 * stressNow);
    const lastTouch = stalled ? startedAt + rng.exp(DAY) : until - rng.exp(1.5 * DAY);
    issue.updatedAt = Math.min(until, Math.max(startedAt, lastTouch));
    if (stalled && stressNow > 0.3 && rng.chance(0.4)) issue.labels.push(LABEL_BLOCKED);
  } else if (rng.chance(0.3)) {
    issue.updatedAt = Math.min(until, createdAt + rng.exp(DAY));
  }
  return issue;
}

export function generateIssues(
  ds: Dataset,
  projectIndex: number,
  count: number,
  until: number,
  rng: Rng,
): void {
  const project = ds.projects[projectIndex];
  if (!project) return;
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(project.startDate + rng.next() * (until - project.startDate));
  times.sort((a, b) => a - b);
  for (const t of times) ds.issues.push(createIssue(ds, projectIndex, t, until, rng));
}

/** GraphQL node objects for the Linear emulator: dataset records in Linear's field names. */
import { dateOnly, isoMs } from '../format.ts';
import type { Cycle, Dataset, Issue, Label, Project, Staff, Team, WorkflowState } from '../model.ts';
import { stressAt } from '../generate/trajectory.ts';
import { type ConnectionArgs, type FilterSpec, matchesFilter, paginate } from './linear-filter.ts';

type WithTimes = { id: string; createdAt: number; updatedAt: number };
type Node = Record<string, unknown>;

const PRIORITY_LABELS = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];
const DAY = 86_400_000;

export function connectionOf<T extends WithTimes>(
  ds: Dataset,
  items: T[],
  args: ConnectionArgs,
  spec: FilterSpec<T>,
  toNode: (item: T) => Node,
) {
  const filtered = args.filter ? items.filter((x) => matchesFilter(x, args.filter, spec, ds.now)) : items;
  return paginate(filtered, args, toNode);
}

export const dateFields = <
  T extends { createdAt: number; updatedAt: number; id: string },
>(): FilterSpec<T> => ({
  id: { kind: 'id', get: (x) => x.id },
  createdAt: { kind: 'date', get: (x) => x.createdAt },
  updatedAt: { kind: 'date', get: (x) => x.updatedAt },
});

export type StaffRecord = Staff & { id: string; updatedAt: number };
export type ProjectRecord = Project & { id: string; index: number };

export function staffRecord(ds: Dataset, i: number): StaffRecord | null {
  const s = ds.staff[i];
  return s ? { ...s, id: s.linearId, updatedAt: s.createdAt } : null;
}

export function projectRecord(ds: Dataset, i: number): ProjectRecord | null {
  const p = ds.projects[i];
  return p ? { ...p, id: p.linearProjectId, index: i } : null;
}

export function specs(ds: Dataset) {
  const team: FilterSpec<Team> = {
    ...dateFields<Team>(),
    key: { kind: 'string', get: (t) => t.key },
    name: { kind: 'string', get: (t) => t.name },
  };
  const user: FilterSpec<StaffRecord> = {
    ...dateFields<StaffRecord>(),
    name: { kind: 'string', get: (u) => u.name },
    email: { kind: 'string', get: (u) => u.email },
  };
  const state: FilterSpec<WorkflowState> = {
    ...dateFields<WorkflowState>(),
    name: { kind: 'string', get: (s) => s.name },
    type: { kind: 'string', get: (s) => s.type },
    team: {
      kind: 'relation',
      get: (s) => ds.teams[s.teamIndex] ?? null,
      spec: () => team as FilterSpec<unknown>,
    },
  };
  const project: FilterSpec<ProjectRecord> = {
    ...dateFields<ProjectRecord>(),
    name: { kind: 'string', get: (p) => p.name },
  };
  const cycle: FilterSpec<Cycle> = {
    ...dateFields<Cycle>(),
    number: { kind: 'number', get: (c) => c.number },
    isActive: { kind: 'boolean', get: (c) => c.startsAt <= ds.now && ds.now < c.endsAt },
    team: {
      kind: 'relation',
      get: (c) => ds.teams[c.teamIndex] ?? null,
      spec: () => team as FilterSpec<unknown>,
    },
  };
  const label: FilterSpec<Label> = { ...dateFields<Label>(), name: { kind: 'string', get: (l) => l.name } };
  const issue: FilterSpec<Issue> = {
    ...dateFields<Issue>(),
    completedAt: { kind: 'date', get: (i) => i.completedAt },
    canceledAt: { kind: 'date', get: (i) => i.canceledAt },
    dueDate: { kind: 'timeless', get: (i) => i.dueDate },
    number: { kind: 'number', get: (i) => i.number },
    priority: { kind: 'number', get: (i) => i.priority },
    team: {
      kind: 'relation',
      get: (i) => ds.teams[i.teamIndex] ?? null,
      spec: () => team as FilterSpec<unknown>,
    },
    state: {
      kind: 'relation',
      get: (i) => ds.states[i.stateIndex] ?? null,
      spec: () => state as FilterSpec<unknown>,
    },
    project: {
      kind: 'relation',
      get: (i) => projectRecord(ds, i.projectIndex),
      spec: () => project as FilterSpec<unknown>,
    },
    cycle: {
      kind: 'relation',
      get: (i) => (i.cycleIndex === null ? null : (ds.cycles[i.cycleIndex] ?? null)),
      spec: () => cycle as FilterSpec<unknown>,
    },
    assignee: {
      kind: 'relation',
      get: (i) => (i.assigneeStaff === null ? null : staffRecord(ds, i.assigneeStaff)),
      spec: () => user as FilterSpec<unknown>,
    },
  };
  return { team, user, state, project, cycle, label, issue };
}

export function createNodes(ds: Dataset) {
  const s = specs(ds);
  const iso = (ms: number | null) => (ms === null ? null : isoMs(ms));
  const staffAll = () => ds.staff.flatMap((_, i) => staffRecord(ds, i) ?? []);

  const user = (i: number | null): Node | null => {
    const u = i === null ? null : staffRecord(ds, i);
    if (!u) return null;
    return {
      id: u.id,
      name: u.name,
      displayName: u.firstName.toLowerCase(),
      email: u.email,
      active: true,
      admin: i === 0,
      createdAt: iso(u.createdAt),
      updatedAt: iso(u.updatedAt),
      archivedAt: null,
      avatarUrl: null,
      timezone: 'Europe/London',
    };
  };
  const label = (l: Label): Node => ({
    id: l.id,
    name: l.name,
    color: l.color,
    description: null,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
    archivedAt: null,
    team: null,
  });
  const state = (w: WorkflowState): Node => ({
    id: w.id,
    name: w.name,
    type: w.type,
    color: w.color,
    position: w.position,
    description: null,
    team: () => team(ds.teams[w.teamIndex]),
    createdAt: iso(w.createdAt),
    updatedAt: iso(w.updatedAt),
    archivedAt: null,
  });
  const issuesOf = (pred: (i: Issue) => boolean) => (args: ConnectionArgs) =>
    connectionOf(ds, ds.issues.filter(pred), args, s.issue, issue);
  const team = (t: Team | undefined): Node | null => {
    if (!t) return null;
    const ti = ds.teams.indexOf(t);
    return {
      id: t.id,
      key: t.key,
      name: t.name,
      description: null,
      cyclesEnabled: true,
      timezone: 'Europe/London',
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
      archivedAt: null,
      states: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          t.states.flatMap((i) => ds.states[i] ?? []),
          args,
          s.state,
          state,
        ),
      issues: issuesOf((i) => i.teamIndex === ti),
      projects: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          [projectRecord(ds, t.projectIndex)].flatMap((p) => p ?? []),
          args,
          s.project,
          (p) => project(p) ?? {},
        ),
      cycles: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          t.cycles.flatMap((i) => ds.cycles[i] ?? []),
          args,
          s.cycle,
          cycle,
        ),
      members: (args: ConnectionArgs) => {
        const members = ds.projects[t.projectIndex]?.staff ?? [];
        return connectionOf(
          ds,
          members.flatMap((m) => staffRecord(ds, m) ?? []),
          args,
          s.user,
          (u) => user(ds.staff.findIndex((x) => x.linearId === u.id)) ?? {},
        );
      },
    };
  };
  const projectProgress = (pi: number): number => {
    const list = ds.issues.filter((i) => i.projectIndex === pi && i.canceledAt === null);
    if (list.length === 0) return 0;
    return list.filter((i) => i.completedAt !== null).length / list.length;
  };
  const project = (p: ProjectRecord | null): Node | null => {
    if (!p) return null;
    const stress = stressAt(p.trajectory, p.onset, ds.now);
    const health = stress < 0.3 ? 'onTrack' : stress < 0.6 ? 'atRisk' : 'offTrack';
    return {
      id: p.id,
      name: p.name,
      description: `${p.name} for ${ds.clients[p.clientIndex]?.name ?? ''}`,
      url: `https://linear.app/brightside/project/${p.id.slice(0, 12)}`,
      priority: 2,
      // Resolved only when a query selects it: every issue node's `project` would otherwise
      // scan all issues once per issue.
      progress: () => projectProgress(p.index),
      health,
      lead: () => user(p.leadStaff),
      status: {
        id: `status-started-${p.id.slice(0, 8)}`,
        name: 'In Progress',
        type: 'started',
        color: '#f2c94c',
        position: 2,
      },
      state: 'started',
      startDate: dateOnly(p.startDate),
      targetDate: dateOnly(p.targetDate),
      startedAt: iso(p.startDate),
      completedAt: null,
      canceledAt: null,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
      archivedAt: null,
      teams: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          [ds.teams[p.teamIndex]].flatMap((t) => t ?? []),
          args,
          s.team,
          (t) => team(t) ?? {},
        ),
      issues: issuesOf((i) => i.projectIndex === p.index),
      members: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          p.staff.flatMap((m) => staffRecord(ds, m) ?? []),
          args,
          s.user,
          (u) => user(ds.staff.findIndex((x) => x.linearId === u.id)) ?? {},
        ),
    };
  };
  const scope = (c: Cycle, completedOnly: boolean): number[] => {
    const out: number[] = [];
    const ci = ds.cycles.indexOf(c);
    const members = ds.issues.filter((i) => i.cycleIndex === ci);
    for (let day = c.startsAt; day <= Math.min(ds.now, c.endsAt); day += DAY) {
      const end = day + DAY;
      let total = 0;
      for (const i of members) {
        if (i.createdAt >= end || (i.canceledAt !== null && i.canceledAt < end)) continue;
        if (completedOnly && (i.completedAt === null || i.completedAt >= end)) continue;
        total += i.estimate ?? 1;
      }
      out.push(total);
    }
    return out;
  };
  const cycle = (c: Cycle): Node => {
    const ci = ds.cycles.indexOf(c);
    const active = c.startsAt <= ds.now && ds.now < c.endsAt;
    return {
      id: c.id,
      number: c.number,
      name: null,
      startsAt: iso(c.startsAt),
      endsAt: iso(c.endsAt),
      completedAt: c.endsAt <= ds.now ? iso(c.endsAt) : null,
      isActive: active,
      progress: () => {
        const h = scope(c, false);
        const d = scope(c, true);
        const total = h[h.length - 1] ?? 0;
        return total === 0 ? 0 : (d[d.length - 1] ?? 0) / total;
      },
      team: () => team(ds.teams[c.teamIndex]),
      scopeHistory: () => scope(c, false),
      completedScopeHistory: () => scope(c, true),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      archivedAt: null,
      issues: issuesOf((i) => i.cycleIndex === ci),
    };
  };
  const issue = (i: Issue): Node => {
    const t = ds.teams[i.teamIndex];
    const identifier = `${t?.key ?? 'ISS'}-${i.number}`;
    return {
      id: i.id,
      identifier,
      number: i.number,
      title: i.title,
      description: i.description,
      url: `https://linear.app/brightside/issue/${identifier}`,
      priority: i.priority,
      priorityLabel: PRIORITY_LABELS[i.priority] ?? 'No priority',
      estimate: i.estimate,
      dueDate: i.dueDate,
      createdAt: iso(i.createdAt),
      updatedAt: iso(i.updatedAt),
      startedAt: iso(i.startedAt),
      completedAt: iso(i.completedAt),
      canceledAt: iso(i.canceledAt),
      archivedAt: null,
      trashed: null,
      state: () => {
        const w = ds.states[i.stateIndex];
        return w ? state(w) : null;
      },
      assignee: () => user(i.assigneeStaff),
      creator: () => user(i.creatorStaff),
      team: () => team(t),
      project: () => project(projectRecord(ds, i.projectIndex)),
      cycle: () => {
        const c = i.cycleIndex === null ? undefined : ds.cycles[i.cycleIndex];
        return c ? cycle(c) : null;
      },
      parent: null,
      labels: (args: ConnectionArgs) =>
        connectionOf(
          ds,
          i.labels.flatMap((l) => ds.labels[l] ?? []),
          args,
          s.label,
          label,
        ),
      labelIds: i.labels.flatMap((l) => ds.labels[l]?.id ?? []),
    };
  };
  return { specs: s, user, label, state, team, project, cycle, issue, staffAll };
}

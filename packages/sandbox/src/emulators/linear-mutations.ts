/** Applies IssueCreateInput / IssueUpdateInput fields to a dataset issue. */
import type { GraphQLError } from 'graphql';
import type { Dataset, Issue } from '../model.ts';

export type IssueInput = {
  title?: string | null;
  description?: string | null;
  assigneeId?: string | null;
  stateId?: string | null;
  priority?: number | null;
  estimate?: number | null;
  dueDate?: string | null;
  projectId?: string | null;
  cycleId?: string | null;
  labelIds?: string[] | null;
  addedLabelIds?: string[] | null;
  removedLabelIds?: string[] | null;
  trashed?: boolean | null;
};

export function applyIssueUpdate(
  ds: Dataset,
  issue: Issue,
  input: IssueInput,
  at: number,
  notFound: (entity: string) => GraphQLError,
): void {
  if (input.title !== undefined && input.title !== null) issue.title = input.title;
  if (input.description !== undefined) issue.description = input.description;
  if (input.priority !== undefined && input.priority !== null) issue.priority = input.priority;
  if (input.estimate !== undefined) issue.estimate = input.estimate;
  if (input.dueDate !== undefined) issue.dueDate = input.dueDate;
  if (input.assigneeId !== undefined) {
    if (input.assigneeId === null) issue.assigneeStaff = null;
    else {
      const s = ds.staff.findIndex((x) => x.linearId === input.assigneeId);
      if (s < 0) throw notFound('User');
      issue.assigneeStaff = s;
    }
  }
  if (input.projectId !== undefined && input.projectId !== null) {
    const p = ds.projects.findIndex((x) => x.linearProjectId === input.projectId);
    if (p < 0) throw notFound('Project');
    issue.projectIndex = p;
  }
  if (input.cycleId !== undefined) {
    if (input.cycleId === null) issue.cycleIndex = null;
    else {
      const c = ds.cycles.findIndex((x) => x.id === input.cycleId);
      if (c < 0) throw notFound('Cycle');
      issue.cycleIndex = c;
    }
  }
  const labelIndex = (id: string): number => {
    const l = ds.labels.findIndex((x) => x.id === id);
    if (l < 0) throw notFound('IssueLabel');
    return l;
  };
  if (input.labelIds) issue.labels = input.labelIds.map(labelIndex);
  for (const id of input.addedLabelIds ?? []) {
    const l = labelIndex(id);
    if (!issue.labels.includes(l)) issue.labels.push(l);
  }
  for (const id of input.removedLabelIds ?? [])
    issue.labels = issue.labels.filter((l) => l !== labelIndex(id));
  if (input.stateId !== undefined && input.stateId !== null) {
    const si = ds.states.findIndex((x) => x.id === input.stateId && x.teamIndex === issue.teamIndex);
    const state = ds.states[si];
    if (!state) throw notFound('WorkflowState');
    issue.stateIndex = si;
    if (state.type === 'started' && issue.startedAt === null) issue.startedAt = at;
    if (state.type === 'completed') issue.completedAt = at;
    else issue.completedAt = null;
    if (state.type === 'canceled') issue.canceledAt = at;
    else issue.canceledAt = null;
  }
}

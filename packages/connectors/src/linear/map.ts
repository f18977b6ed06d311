import type {
  LinearStateType,
  linearCyclesRaw,
  linearIssuesRaw,
  linearProjectsRaw,
  linearStatesRaw,
} from '@keel/db/schema/linear';
import { asObject, finite, isoDate, type JsonObject, oneOf, str } from '../vendor-json.ts';
import type { RowScope } from '../types.ts';

/** Linear GraphQL nodes → mirror rows. Pure; `projectId` is the Keel project the node belongs to. */
export type Node = JsonObject;

export type StateRow = typeof linearStatesRaw.$inferInsert;
export type CycleRow = typeof linearCyclesRaw.$inferInsert;
export type ProjectRow = typeof linearProjectsRaw.$inferInsert;
export type IssueRow = typeof linearIssuesRaw.$inferInsert;

const STATE_TYPES: readonly LinearStateType[] = [
  'triage',
  'backlog',
  'unstarted',
  'started',
  'completed',
  'canceled',
  'duplicate',
];

/** TimelessDate `YYYY-MM-DD` passes through as the date column's string form. */
function day(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

export function mapState(node: Node, scope: RowScope): StateRow | null {
  const id = str(node.id);
  const teamId = str(asObject(node.team)?.id);
  const type = oneOf(STATE_TYPES, node.type);
  if (!id || !teamId || !type) return null;
  return {
    ...scope,
    linearStateId: id,
    teamId,
    name: str(node.name) ?? id,
    type,
    color: str(node.color),
    position: finite(node.position),
    archivedAt: isoDate(node.archivedAt),
    sourceUpdatedAt: isoDate(node.updatedAt),
    raw: node,
  };
}

export function mapCycle(node: Node, scope: RowScope): CycleRow | null {
  const id = str(node.id);
  const teamId = str(asObject(node.team)?.id);
  const startsAt = isoDate(node.startsAt);
  const endsAt = isoDate(node.endsAt);
  if (!id || !teamId || !startsAt || !endsAt) return null;
  return {
    ...scope,
    linearCycleId: id,
    teamId,
    number: Math.round(finite(node.number) ?? 0),
    name: str(node.name),
    startsAt,
    endsAt,
    completedAt: isoDate(node.completedAt),
    progress: finite(node.progress),
    archivedAt: isoDate(node.archivedAt),
    sourceUpdatedAt: isoDate(node.updatedAt),
    raw: node,
  };
}

export function mapProject(node: Node, scope: RowScope): ProjectRow | null {
  const id = str(node.id);
  if (!id) return null;
  const status = asObject(node.status);
  return {
    ...scope,
    linearProjectId: id,
    name: str(node.name) ?? id,
    description: typeof node.description === 'string' ? node.description : null,
    url: str(node.url),
    statusType: str(status?.type),
    statusName: str(status?.name),
    health: str(node.health),
    priority: finite(node.priority),
    progress: finite(node.progress),
    leadId: str(asObject(node.lead)?.id),
    startDate: day(node.startDate),
    targetDate: day(node.targetDate),
    startedAt: isoDate(node.startedAt),
    completedAt: isoDate(node.completedAt),
    canceledAt: isoDate(node.canceledAt),
    archivedAt: isoDate(node.archivedAt),
    sourceUpdatedAt: isoDate(node.updatedAt),
    raw: node,
  };
}

export function mapIssue(node: Node, scope: RowScope): IssueRow | null {
  const id = str(node.id);
  const identifier = str(node.identifier);
  const createdAt = isoDate(node.createdAt);
  const updatedAt = isoDate(node.updatedAt);
  if (!id || !identifier || !createdAt || !updatedAt) return null;
  const state = asObject(node.state);
  const assignee = asObject(node.assignee);
  const team = asObject(node.team);
  const labelNodes = asObject(node.labels)?.nodes;
  const labels = Array.isArray(labelNodes)
    ? labelNodes.flatMap((l) => {
        const o = asObject(l);
        const lid = str(o?.id);
        return o && lid ? [{ id: lid, name: str(o.name) ?? '' }] : [];
      })
    : [];
  return {
    ...scope,
    linearIssueId: id,
    identifier,
    number: finite(node.number) === null ? null : Math.round(finite(node.number) ?? 0),
    title: typeof node.title === 'string' ? node.title : '',
    description: typeof node.description === 'string' ? node.description : null,
    url: str(node.url),
    priority: Math.round(finite(node.priority) ?? 0),
    estimate: finite(node.estimate),
    dueDate: day(node.dueDate),
    stateId: str(state?.id),
    stateName: str(state?.name),
    stateType: oneOf(STATE_TYPES, state?.type),
    teamId: str(team?.id),
    teamKey: str(team?.key),
    linearProjectId: str(asObject(node.project)?.id),
    linearCycleId: str(asObject(node.cycle)?.id),
    parentId: str(asObject(node.parent)?.id),
    assigneeId: str(assignee?.id),
    assigneeName: str(assignee?.name),
    assigneeEmail: str(assignee?.email),
    labels,
    createdAtSource: createdAt,
    startedAt: isoDate(node.startedAt),
    completedAt: isoDate(node.completedAt),
    canceledAt: isoDate(node.canceledAt),
    archivedAt: isoDate(node.archivedAt),
    trashed: node.trashed === true,
    sourceUpdatedAt: updatedAt,
    raw: node,
  };
}

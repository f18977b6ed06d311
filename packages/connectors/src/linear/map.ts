import type {
  LinearStateType,
  linearCyclesRaw,
  linearIssuesRaw,
  linearProjectsRaw,
  linearStatesRaw,
} from '@keel/db/schema/linear';

/** Linear GraphQL nodes → mirror rows. Pure; `projectId` is the Keel project the node belongs to. */
export type Node = Record<string, unknown>;
export type RowScope = { accountScopeId: string; projectId: string | null };

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

function obj(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function date(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** TimelessDate `YYYY-MM-DD` passes through as the date column's string form. */
function day(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

function stateType(value: unknown): LinearStateType | null {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value)
    ? (value as LinearStateType)
    : null;
}

export function mapState(node: Node, scope: RowScope): StateRow | null {
  const id = str(node.id);
  const teamId = str(obj(node.team)?.id);
  const type = stateType(node.type);
  if (!id || !teamId || !type) return null;
  return {
    ...scope,
    linearStateId: id,
    teamId,
    name: str(node.name) ?? id,
    type,
    color: str(node.color),
    position: num(node.position),
    archivedAt: date(node.archivedAt),
    sourceUpdatedAt: date(node.updatedAt),
    raw: node,
  };
}

export function mapCycle(node: Node, scope: RowScope): CycleRow | null {
  const id = str(node.id);
  const teamId = str(obj(node.team)?.id);
  const startsAt = date(node.startsAt);
  const endsAt = date(node.endsAt);
  if (!id || !teamId || !startsAt || !endsAt) return null;
  return {
    ...scope,
    linearCycleId: id,
    teamId,
    number: Math.round(num(node.number) ?? 0),
    name: str(node.name),
    startsAt,
    endsAt,
    completedAt: date(node.completedAt),
    progress: num(node.progress),
    archivedAt: date(node.archivedAt),
    sourceUpdatedAt: date(node.updatedAt),
    raw: node,
  };
}

export function mapProject(node: Node, scope: RowScope): ProjectRow | null {
  const id = str(node.id);
  if (!id) return null;
  const status = obj(node.status);
  return {
    ...scope,
    linearProjectId: id,
    name: str(node.name) ?? id,
    description: typeof node.description === 'string' ? node.description : null,
    url: str(node.url),
    statusType: str(status?.type),
    statusName: str(status?.name),
    health: str(node.health),
    priority: num(node.priority),
    progress: num(node.progress),
    leadId: str(obj(node.lead)?.id),
    startDate: day(node.startDate),
    targetDate: day(node.targetDate),
    startedAt: date(node.startedAt),
    completedAt: date(node.completedAt),
    canceledAt: date(node.canceledAt),
    archivedAt: date(node.archivedAt),
    sourceUpdatedAt: date(node.updatedAt),
    raw: node,
  };
}

export function mapIssue(node: Node, scope: RowScope): IssueRow | null {
  const id = str(node.id);
  const identifier = str(node.identifier);
  const createdAt = date(node.createdAt);
  const updatedAt = date(node.updatedAt);
  if (!id || !identifier || !createdAt || !updatedAt) return null;
  const state = obj(node.state);
  const assignee = obj(node.assignee);
  const team = obj(node.team);
  const labelNodes = obj(node.labels)?.nodes;
  const labels = Array.isArray(labelNodes)
    ? labelNodes.flatMap((l) => {
        const o = obj(l);
        const lid = str(o?.id);
        return o && lid ? [{ id: lid, name: str(o.name) ?? '' }] : [];
      })
    : [];
  return {
    ...scope,
    linearIssueId: id,
    identifier,
    number: num(node.number) === null ? null : Math.round(num(node.number) ?? 0),
    title: typeof node.title === 'string' ? node.title : '',
    description: typeof node.description === 'string' ? node.description : null,
    url: str(node.url),
    priority: Math.round(num(node.priority) ?? 0),
    estimate: num(node.estimate),
    dueDate: day(node.dueDate),
    stateId: str(state?.id),
    stateName: str(state?.name),
    stateType: stateType(state?.type),
    teamId: str(team?.id),
    teamKey: str(team?.key),
    linearProjectId: str(obj(node.project)?.id),
    linearCycleId: str(obj(node.cycle)?.id),
    parentId: str(obj(node.parent)?.id),
    assigneeId: str(assignee?.id),
    assigneeName: str(assignee?.name),
    assigneeEmail: str(assignee?.email),
    labels,
    createdAtSource: createdAt,
    startedAt: date(node.startedAt),
    completedAt: date(node.completedAt),
    canceledAt: date(node.canceledAt),
    archivedAt: date(node.archivedAt),
    trashed: node.trashed === true,
    sourceUpdatedAt: updatedAt,
    raw: node,
  };
}

/**
 * The subset of Linear's published GraphQL schema the emulator serves. Every type, field, argument
 * and enum value here exists in vendor-specs/linear-schema.graphql with the same type;
 * test/linear-schema.test.ts checks that. Names are Linear's, so queries written against the
 * emulator run unchanged against api.linear.app.
 */
const CONNECTION_ARGS =
  'after: String, before: String, first: Int, includeArchived: Boolean, last: Int, orderBy: PaginationOrderBy';

const connection = (t: string): string => `
type ${t}Connection { edges: [${t}Edge!]! nodes: [${t}!]! pageInfo: PageInfo! }
type ${t}Edge { cursor: String! node: ${t}! }`;

export const LINEAR_SDL = `
scalar DateTime
scalar DateTimeOrDuration
scalar TimelessDate
scalar TimelessDateOrDuration

enum PaginationOrderBy { createdAt updatedAt }
enum ProjectStatusType { backlog canceled completed paused planned started }
enum ProjectUpdateHealthType { atRisk offTrack onTrack }

interface Node { id: ID! }

type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }

type User implements Node {
  id: ID! name: String! displayName: String! email: String! active: Boolean! admin: Boolean!
  createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime avatarUrl: String timezone: String
}

type IssueLabel implements Node {
  id: ID! name: String! color: String! description: String createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime team: Team
}

type WorkflowState implements Node {
  id: ID! name: String! type: String! color: String! position: Float! description: String team: Team!
  createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime
}

type Team implements Node {
  id: ID! key: String! name: String! description: String cyclesEnabled: Boolean! timezone: String!
  createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime
  states(${CONNECTION_ARGS}, filter: WorkflowStateFilter): WorkflowStateConnection!
  issues(${CONNECTION_ARGS}, filter: IssueFilter, includeSubTeams: Boolean = false): IssueConnection!
  projects(${CONNECTION_ARGS}, filter: ProjectFilter, includeSubTeams: Boolean = false): ProjectConnection!
  cycles(${CONNECTION_ARGS}, filter: CycleFilter): CycleConnection!
  members(${CONNECTION_ARGS}, filter: UserFilter, includeDisabled: Boolean): UserConnection!
}

type ProjectStatus implements Node { id: ID! name: String! type: ProjectStatusType! color: String! position: Float! }

type Project implements Node {
  id: ID! name: String! description: String! url: String! priority: Int! progress: Float!
  health: ProjectUpdateHealthType lead: User status: ProjectStatus! state: String!
  startDate: TimelessDate targetDate: TimelessDate startedAt: DateTime completedAt: DateTime canceledAt: DateTime
  createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime
  teams(${CONNECTION_ARGS}, filter: TeamFilter): TeamConnection!
  issues(${CONNECTION_ARGS}, filter: IssueFilter): IssueConnection!
  members(${CONNECTION_ARGS}, filter: UserFilter, includeDisabled: Boolean): UserConnection!
}

type Cycle implements Node {
  id: ID! number: Float! name: String startsAt: DateTime! endsAt: DateTime! completedAt: DateTime
  isActive: Boolean! progress: Float! team: Team! scopeHistory: [Float!]! completedScopeHistory: [Float!]!
  createdAt: DateTime! updatedAt: DateTime! archivedAt: DateTime
  issues(${CONNECTION_ARGS}, filter: IssueFilter): IssueConnection!
}

type Issue implements Node {
  id: ID! identifier: String! number: Float! title: String! description: String url: String!
  priority: Float! priorityLabel: String! estimate: Float dueDate: TimelessDate
  createdAt: DateTime! updatedAt: DateTime! startedAt: DateTime completedAt: DateTime canceledAt: DateTime
  archivedAt: DateTime trashed: Boolean
  state: WorkflowState! assignee: User creator: User team: Team! project: Project cycle: Cycle parent: Issue
  labels(${CONNECTION_ARGS}, filter: IssueLabelFilter): IssueLabelConnection!
  labelIds: [String!]!
}
${['Issue', 'Team', 'Project', 'Cycle', 'WorkflowState', 'User', 'IssueLabel'].map(connection).join('\n')}

type IssuePayload { issue: Issue lastSyncId: Float! success: Boolean! }

input DateComparator {
  eq: DateTimeOrDuration gt: DateTimeOrDuration gte: DateTimeOrDuration in: [DateTimeOrDuration!]
  lt: DateTimeOrDuration lte: DateTimeOrDuration neq: DateTimeOrDuration nin: [DateTimeOrDuration!]
}
input NullableDateComparator {
  eq: DateTimeOrDuration gt: DateTimeOrDuration gte: DateTimeOrDuration in: [DateTimeOrDuration!]
  lt: DateTimeOrDuration lte: DateTimeOrDuration neq: DateTimeOrDuration nin: [DateTimeOrDuration!] null: Boolean
}
input NullableTimelessDateComparator {
  eq: TimelessDateOrDuration gt: TimelessDateOrDuration gte: TimelessDateOrDuration in: [TimelessDateOrDuration!]
  lt: TimelessDateOrDuration lte: TimelessDateOrDuration neq: TimelessDateOrDuration nin: [TimelessDateOrDuration!] null: Boolean
}
input IDComparator { eq: ID in: [ID!] neq: ID nin: [ID!] }
input StringComparator {
  contains: String containsIgnoreCase: String endsWith: String eq: String eqIgnoreCase: String in: [String!]
  neq: String nin: [String!] notContains: String startsWith: String
}
input NumberComparator { eq: Float gt: Float gte: Float in: [Float!] lt: Float lte: Float neq: Float nin: [Float!] }
input NullableNumberComparator {
  eq: Float gt: Float gte: Float in: [Float!] lt: Float lte: Float neq: Float nin: [Float!] null: Boolean
}
input BooleanComparator { eq: Boolean neq: Boolean }

input TeamFilter {
  and: [TeamFilter!] or: [TeamFilter!] id: IDComparator key: StringComparator name: StringComparator
  createdAt: DateComparator updatedAt: DateComparator
}
input WorkflowStateFilter {
  and: [WorkflowStateFilter!] or: [WorkflowStateFilter!] id: IDComparator name: StringComparator type: StringComparator
  createdAt: DateComparator updatedAt: DateComparator team: TeamFilter
}
input UserFilter {
  and: [UserFilter!] or: [UserFilter!] id: IDComparator name: StringComparator email: StringComparator
  createdAt: DateComparator updatedAt: DateComparator
}
input NullableUserFilter {
  and: [NullableUserFilter!] or: [NullableUserFilter!] id: IDComparator name: StringComparator email: StringComparator
  null: Boolean createdAt: DateComparator updatedAt: DateComparator
}
input ProjectFilter {
  and: [ProjectFilter!] or: [ProjectFilter!] id: IDComparator name: StringComparator
  createdAt: DateComparator updatedAt: DateComparator
}
input NullableProjectFilter {
  and: [NullableProjectFilter!] or: [NullableProjectFilter!] id: IDComparator name: StringComparator null: Boolean
  createdAt: DateComparator updatedAt: DateComparator
}
input CycleFilter {
  and: [CycleFilter!] or: [CycleFilter!] id: IDComparator number: NumberComparator isActive: BooleanComparator
  createdAt: DateComparator updatedAt: DateComparator team: TeamFilter
}
input NullableCycleFilter {
  and: [NullableCycleFilter!] or: [NullableCycleFilter!] id: IDComparator number: NumberComparator null: Boolean
  isActive: BooleanComparator createdAt: DateComparator updatedAt: DateComparator team: TeamFilter
}
input IssueLabelFilter {
  and: [IssueLabelFilter!] or: [IssueLabelFilter!] id: IDComparator name: StringComparator
  createdAt: DateComparator updatedAt: DateComparator
}
input IssueFilter {
  and: [IssueFilter!] or: [IssueFilter!]
  createdAt: DateComparator updatedAt: DateComparator completedAt: NullableDateComparator canceledAt: NullableDateComparator
  dueDate: NullableTimelessDateComparator number: NumberComparator priority: NullableNumberComparator
  team: TeamFilter state: WorkflowStateFilter project: NullableProjectFilter cycle: NullableCycleFilter
  assignee: NullableUserFilter
}

input IssueCreateInput {
  teamId: String! title: String description: String assigneeId: String stateId: String priority: Int estimate: Int
  dueDate: TimelessDate projectId: String cycleId: String labelIds: [String!] parentId: String id: String
}
input IssueUpdateInput {
  title: String description: String assigneeId: String stateId: String priority: Int estimate: Int
  dueDate: TimelessDate projectId: String cycleId: String labelIds: [String!] addedLabelIds: [String!]
  removedLabelIds: [String!] teamId: String trashed: Boolean
}

type Query {
  viewer: User!
  issue(id: String!): Issue!
  issues(${CONNECTION_ARGS}, filter: IssueFilter): IssueConnection!
  team(id: String!): Team!
  teams(${CONNECTION_ARGS}, filter: TeamFilter): TeamConnection!
  project(id: String!): Project!
  projects(${CONNECTION_ARGS}, filter: ProjectFilter): ProjectConnection!
  cycles(${CONNECTION_ARGS}, filter: CycleFilter): CycleConnection!
  workflowStates(${CONNECTION_ARGS}, filter: WorkflowStateFilter): WorkflowStateConnection!
  users(${CONNECTION_ARGS}, filter: UserFilter, includeDisabled: Boolean): UserConnection!
  issueLabels(${CONNECTION_ARGS}, filter: IssueLabelFilter): IssueLabelConnection!
}

type Mutation {
  issueCreate(input: IssueCreateInput!): IssuePayload!
  issueUpdate(id: String!, input: IssueUpdateInput!): IssuePayload!
}
`;

/**
 * The GraphQL documents the Linear connector sends. Hand-written (not the SDK's lazy getters,
 * which cost one request per relation); every one validates against Linear's published schema
 * (test/linear-documents.test.ts). Page sizes keep each query well under the 10,000-point cap
 * (issues: 200 per page ≈ 7,200 points by the documented estimate; one page for most projects).
 */
export const ISSUES_PAGE_SIZE = 200;
export const PAGE_SIZE = 100;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const VIEWER_QUERY = /* GraphQL */ `
  query KeelViewer {
    viewer { id name email }
  }
`;

export const STATES_QUERY = /* GraphQL */ `
  query KeelWorkflowStates($first: Int!, $after: String, $filter: WorkflowStateFilter) {
    workflowStates(first: $first, after: $after, includeArchived: true, orderBy: updatedAt, filter: $filter) {
      nodes { id name type color position createdAt updatedAt archivedAt team { id } }
      ${PAGE_INFO}
    }
  }
`;

export const CYCLES_QUERY = /* GraphQL */ `
  query KeelCycles($first: Int!, $after: String, $filter: CycleFilter) {
    cycles(first: $first, after: $after, includeArchived: true, orderBy: updatedAt, filter: $filter) {
      nodes { id number name startsAt endsAt completedAt progress createdAt updatedAt archivedAt team { id } }
      ${PAGE_INFO}
    }
  }
`;

export const PROJECTS_QUERY = /* GraphQL */ `
  query KeelProjects($first: Int!, $after: String, $filter: ProjectFilter) {
    projects(first: $first, after: $after, includeArchived: true, orderBy: updatedAt, filter: $filter) {
      nodes {
        id name description url priority progress health
        startDate targetDate startedAt completedAt canceledAt createdAt updatedAt archivedAt
        lead { id }
        status { name type }
      }
      ${PAGE_INFO}
    }
  }
`;

export const ISSUES_QUERY = /* GraphQL */ `
  query KeelIssues($first: Int!, $after: String, $filter: IssueFilter) {
    issues(first: $first, after: $after, includeArchived: true, orderBy: updatedAt, filter: $filter) {
      nodes {
        id identifier number title description url priority estimate dueDate
        createdAt updatedAt startedAt completedAt canceledAt archivedAt trashed
        state { id name type }
        assignee { id name email }
        team { id key }
        project { id }
        cycle { id }
        parent { id }
        labels(first: 20) { nodes { id name } }
      }
      ${PAGE_INFO}
    }
  }
`;

export const ALL_DOCUMENTS = [VIEWER_QUERY, STATES_QUERY, CYCLES_QUERY, PROJECTS_QUERY, ISSUES_QUERY];

export type LinearResource = 'states' | 'cycles' | 'projects' | 'issues';

export const RESOURCE_QUERIES: Record<LinearResource, { query: string; root: string; pageSize: number }> = {
  states: { query: STATES_QUERY, root: 'workflowStates', pageSize: PAGE_SIZE },
  cycles: { query: CYCLES_QUERY, root: 'cycles', pageSize: PAGE_SIZE },
  projects: { query: PROJECTS_QUERY, root: 'projects', pageSize: PAGE_SIZE },
  issues: { query: ISSUES_QUERY, root: 'issues', pageSize: ISSUES_PAGE_SIZE },
};

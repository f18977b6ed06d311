import type { ConnectorConfig } from '../credentials.ts';
import { ConnectorError } from '../errors.ts';
import { createLinearClient } from '../linear/client.ts';
import type { SyncDeps } from '../types.ts';
import { asObject } from '../vendor-json.ts';

/**
 * Creating and updating Linear issues for recommendation actions (GraphQL `issueCreate`,
 * `issueUpdate`). The issue id is chosen by us (IssueCreateInput.id), derived from the action's
 * idempotency key, so `issue(id:)` finds an issue whose create timed out after Linear stored it.
 */
export type LinearIssueRef = { id: string; identifier: string; url: string };
export type IssueFields = { title?: string; description?: string; priority?: number; dueDate?: string };

const ISSUE_FIELDS = 'id identifier url';

const ANOTHER_ISSUE = 'linear: the answer is about another issue (a repeated response)';

export function createLinearIssueWriter(config: ConnectorConfig, deps: SyncDeps) {
  // A create that timed out must not be replayed blindly: the caller looks it up first.
  const client = createLinearClient(config, { ...deps, http: { ...deps.http, retries: 0 } });
  const reader = createLinearClient(config, deps);

  const ref = (value: unknown): LinearIssueRef | null => {
    const o = asObject(value);
    if (!o || typeof o.id !== 'string') return null;
    return { id: o.id, identifier: String(o.identifier ?? ''), url: String(o.url ?? '') };
  };

  return {
    async find(id: string): Promise<LinearIssueRef | null> {
      try {
        const { data } = await reader.request(
          `query IssueById($id: String!) { issue(id: $id) { ${ISSUE_FIELDS} } }`,
          {
            id,
          },
        );
        const issue = ref(data.issue);
        // A repeated page (a proxy serving an earlier answer) names another issue: not an answer.
        if (issue && issue.id !== id) throw new ConnectorError('repeated_page', ANOTHER_ISSUE);
        return issue;
      } catch (error) {
        if (error instanceof ConnectorError && /not found/i.test(error.message)) return null;
        throw error;
      }
    },

    async create(input: IssueFields & { id: string; teamId: string }): Promise<LinearIssueRef> {
      const { data } = await client.request(
        `mutation CreateIssue($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { ${ISSUE_FIELDS} } } }`,
        { input },
      );
      const issue = ref(asObject(data.issueCreate)?.issue);
      if (!issue) throw new ConnectorError('bad_payload', 'linear: issueCreate returned no issue');
      if (issue.id !== input.id) throw new ConnectorError('repeated_page', ANOTHER_ISSUE);
      return issue;
    },

    async update(id: string, input: IssueFields): Promise<LinearIssueRef> {
      const { data } = await reader.request(
        `mutation UpdateIssue($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success issue { ${ISSUE_FIELDS} } } }`,
        { id, input },
      );
      const issue = ref(asObject(data.issueUpdate)?.issue);
      if (!issue) throw new ConnectorError('bad_payload', 'linear: issueUpdate returned no issue');
      return issue;
    },
  };
}

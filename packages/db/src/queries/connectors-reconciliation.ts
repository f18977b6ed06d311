import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../client.ts';

/** Id sets of mirror tables for reconciliation, by vendor id (as text), scoped to the workspace. */
export const RECONCILE_TABLES = {
  cw_inboxes_raw: { id: 'cw_inbox_id', deleted: 'deleted_at' },
  cw_conversations: { id: 'cw_conversation_id', deleted: 'deleted_at' },
  cw_contacts: { id: 'cw_contact_id', deleted: 'deleted_at' },
  // Chatwoot still lists deleted messages (flagged), so they count as present.
  cw_messages: { id: 'cw_message_id', deleted: null },
  linear_states_raw: { id: 'linear_state_id', deleted: null },
  linear_cycles_raw: { id: 'linear_cycle_id', deleted: null },
  linear_projects_raw: { id: 'linear_project_id', deleted: null },
  linear_issues_raw: { id: 'linear_issue_id', deleted: null },
  attio_accounts_raw: { id: 'attio_record_id', deleted: 'deleted_at' },
  attio_people_raw: { id: 'attio_record_id', deleted: 'deleted_at' },
  attio_opportunities_raw: { id: 'attio_record_id', deleted: 'deleted_at' },
  attio_activities_raw: { id: 'attio_activity_id', deleted: 'deleted_at' },
} as const;

export type ReconcileTable = keyof typeof RECONCILE_TABLES;

function base(table: ReconcileTable, accountScopeId: string): { from: SQL; id: SQL } {
  const spec = RECONCILE_TABLES[table];
  const live = spec.deleted ? sql.raw(` and ${spec.deleted} is null`) : sql``;
  return {
    from: sql`from ${sql.identifier(table)} where account_scope_id = ${accountScopeId}${live}`,
    id: sql.raw(`${spec.id}::text`),
  };
}

/** Which of `ids` Keel holds (live), anywhere in the workspace. */
export async function presentIds(
  db: Database,
  table: ReconcileTable,
  accountScopeId: string,
  ids: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const b = base(table, accountScopeId);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select ${b.id} as id ${b.from} and ${b.id} in (${sql.join(
        chunk.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Live ids Keel attributes to the project, optionally narrowed by an extra condition. */
export async function projectIds(
  db: Database,
  table: ReconcileTable,
  scope: { accountScopeId: string; projectId: string },
  extra?: SQL,
): Promise<Set<string>> {
  const b = base(table, scope.accountScopeId);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${b.id} as id ${b.from} and project_id = ${scope.projectId}${extra ? sql` and ${extra}` : sql``}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Message ids per conversation, for the conversations sampled. */
export async function messageIdsOf(
  db: Database,
  accountScopeId: string,
  conversationId: number,
): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select cw_message_id::text as id from cw_messages where account_scope_id = ${accountScopeId} and cw_conversation_id = ${conversationId}`,
  );
  return new Set(rows.map((r) => r.id));
}

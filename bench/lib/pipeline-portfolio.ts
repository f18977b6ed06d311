import type { Database } from '@keel/db/client';
import { queryRows } from '@keel/db/client';
import { sql } from 'drizzle-orm';

/**
 * The mirror of a busy agency for `pnpm bench pipeline`: `projects` projects with about
 * `eventsPerProject` source rows each, written with set-based SQL (generate_series) so a million
 * rows take seconds rather than a sync. The shape per project (1,000 rows):
 *
 * - 85 % Chatwoot messages in conversations of 20, spread over the last 60 days (inside the
 *   detectors' 70-day window), alternating client and agent with a few client messages unanswered;
 *   one conversation in eight still open, two of them waiting for a reply;
 * - 13 % Linear issues created over 90 days: 40 % completed, 30 % started, the rest unstarted or
 *   backlog, due dates from 20 days ago to 40 days ahead (so some are overdue);
 * - the rest CRM deals in four stages, two currencies, closing over the next 90 days.
 *
 * Rows only: nothing is ingested, scored or snapshotted, which is the pipeline's work. Source
 * ids are unique across the workspace (project number × 1,000,000 + row number).
 */
export type PipelinePortfolioShape = {
  messages: number;
  conversations: number;
  issues: number;
  deals: number;
};

export function portfolioShape(eventsPerProject: number): PipelinePortfolioShape {
  const messages = Math.round(eventsPerProject * 0.85);
  const issues = Math.round(eventsPerProject * 0.13);
  return {
    messages,
    conversations: Math.max(1, Math.ceil(messages / 20)),
    issues,
    deals: Math.max(0, eventsPerProject - messages - issues),
  };
}

const DAY_MS = 86_400_000;

/** Writes the projects and their mirror rows; returns the project ids in creation order. */
export async function seedPipelinePortfolio(
  db: Database,
  accountScopeId: string,
  projects: number,
  eventsPerProject: number,
  now: Date,
): Promise<string[]> {
  const shape = portfolioShape(eventsPerProject);
  const at = now.toISOString();
  const ws = sql`${accountScopeId}::uuid`;
  await db.execute(sql`insert into projects (account_scope_id, name, slug, client_name)
    select ${ws}, 'Pipeline project ' || g, 'pipeline-' || lpad(g::text, 6, '0'), 'Client ' || (g % 97)
    from generate_series(1, ${projects}) g`);
  const ids = await queryRows<{ id: string }>(
    db,
    sql`select id from projects where account_scope_id = ${ws} and slug like 'pipeline-%' order by slug`,
  );
  const list = sql`(select id, row_number() over (order by slug) as n from projects
                    where account_scope_id = ${ws} and slug like 'pipeline-%')`;
  const spanMs = 60 * DAY_MS;
  // Conversation c of project n is n * 1e6 + c; message m of it is (n * 1e6 + c) * 100 + m.
  await db.execute(sql`insert into cw_conversations (account_scope_id, project_id, cw_conversation_id, display_id, cw_inbox_id, status, waiting_since, last_activity_at, created_at_source, source_updated_at, raw)
    select ${ws}, p.id, p.n * 1000000 + c, c, p.n,
           case when c % 8 = 0 then 'open' else 'resolved' end,
           case when c % 8 = 0 and c % 16 = 0 then ${at}::timestamptz - make_interval(hours => 6 + c % 40) end,
           ${at}::timestamptz - make_interval(secs => ((${shape.conversations} - c) * ${Math.round(spanMs / 1000 / shape.conversations)})::double precision),
           ${at}::timestamptz - make_interval(secs => ((${shape.conversations} - c + 1) * ${Math.round(spanMs / 1000 / shape.conversations)})::double precision),
           ${at}::timestamptz, '{}'::jsonb
    from ${list} p cross join generate_series(1, ${shape.conversations}) c`);
  // Message i (0-based) of the project sits in conversation i / 20 + 1, in time order over 60 days.
  await db.execute(sql`insert into cw_messages (account_scope_id, project_id, cw_message_id, cw_conversation_id, cw_inbox_id, message_type, private, sender_type, sender_name, content_type, status, content, created_at_source, source_updated_at, raw)
    select ${ws}, p.id, (p.n * 1000000 + i / 20 + 1) * 100 + i % 20, p.n * 1000000 + i / 20 + 1, p.n,
           case when i % 20 in (0, 2, 5, 9, 14) or (i % 20 = 19 and (i / 20) % 8 = 7) then 'incoming' else 'outgoing' end,
           false,
           case when i % 20 in (0, 2, 5, 9, 14) then 'contact' else 'user' end,
           case when i % 20 in (0, 2, 5, 9, 14) then 'Client ' || p.n else 'Agent ' || (i % 3) end,
           'text', 'sent',
           case i % 4 when 0 then 'Can you send the updated timeline for the release?'
                      when 1 then 'The staging build is ready for review, please check the checkout flow.'
                      when 2 then 'We are blocked on the payment provider, any news?'
                      else 'Thanks, that works for us.' end,
           ${at}::timestamptz - make_interval(secs => ((${shape.messages} - i) * ${Math.round(spanMs / 1000 / shape.messages)})::double precision),
           ${at}::timestamptz, '{}'::jsonb
    from ${list} p cross join generate_series(0, ${shape.messages - 1}) i`);
  await db.execute(sql`insert into linear_issues_raw (account_scope_id, project_id, linear_issue_id, identifier, number, title, url, priority, estimate, state_type, state_name, due_date, created_at_source, started_at, completed_at, source_updated_at, assignee_name, raw)
    select ${ws}, p.id, p.n || '-' || i, 'P' || p.n || '-' || i, i, 'Issue ' || i || ' of project ' || p.n,
           'https://linear.app/bench/issue/P' || p.n || '-' || i, i % 5, (i % 8)::real,
           case when i % 10 < 4 then 'completed' when i % 10 < 7 then 'started' when i % 10 < 9 then 'unstarted' else 'backlog' end,
           case when i % 10 < 4 then 'Done' when i % 10 < 7 then 'In Progress' when i % 10 < 9 then 'Todo' else 'Backlog' end,
           case when i % 3 = 0 then null else (${at}::timestamptz + make_interval(days => (i * 7) % 60 - 20))::date end,
           ${at}::timestamptz - make_interval(days => 90 - (i * 90) / ${Math.max(1, shape.issues)}),
           case when i % 10 < 7 then ${at}::timestamptz - make_interval(days => 80 - (i * 80) / ${Math.max(1, shape.issues)}) end,
           case when i % 10 < 4 then ${at}::timestamptz - make_interval(days => 70 - (i * 70) / ${Math.max(1, shape.issues)}) end,
           ${at}::timestamptz - make_interval(hours => i % 48),
           'Engineer ' || (i % 4), '{}'::jsonb
    from ${list} p cross join generate_series(1, ${shape.issues}) i`);
  if (shape.deals > 0)
    await db.execute(sql`insert into crm_opportunities (account_scope_id, project_id, source, external_ref, title, stage, status, amount_minor, currency, probability, expected_close_date, stage_changed_at)
      select ${ws}, p.id, 'manual', 'bench-' || p.n || '-' || d, 'Deal ' || d || ' of project ' || p.n,
             case d % 4 when 0 then 'lead' when 1 then 'proposal' when 2 then 'negotiation' else 'won' end,
             case when d % 4 = 3 then 'won' else 'open' end,
             250000 * (1 + d % 7), case when d % 5 = 0 then 'EUR' else 'USD' end, 0.2 + (d % 4) * 0.2,
             (${at}::timestamptz + make_interval(days => (d * 11) % 90))::date,
             ${at}::timestamptz - make_interval(days => 1 + d % 30)
      from ${list} p cross join generate_series(1, ${shape.deals}) d`);
  await db.execute(sql`analyze`);
  return ids.map((r) => r.id);
}

/**
 * `count` new Chatwoot messages for one project (project number `n`, 1-based as seeded), in a new
 * conversation per call (`batch`), the last one from the client: what a sync writes between two
 * refreshes of a busy project.
 */
export async function addMessages(
  db: Database,
  accountScopeId: string,
  projectId: string,
  n: number,
  batch: number,
  count: number,
  now: Date,
) {
  const at = now.toISOString();
  const conversation = n * 1000000 + 500000 + batch;
  await db.execute(sql`insert into cw_conversations (account_scope_id, project_id, cw_conversation_id, display_id, cw_inbox_id, status, last_activity_at, created_at_source, source_updated_at, raw)
    values (${accountScopeId}::uuid, ${projectId}::uuid, ${conversation}, ${500000 + batch}, ${n}, 'open', ${at}::timestamptz, ${at}::timestamptz - interval '1 hour', ${at}::timestamptz, '{}'::jsonb)`);
  await db.execute(sql`insert into cw_messages (account_scope_id, project_id, cw_message_id, cw_conversation_id, cw_inbox_id, message_type, private, sender_type, sender_name, content_type, status, content, created_at_source, source_updated_at, raw)
    select ${accountScopeId}::uuid, ${projectId}::uuid, 50000000000000 + (${n}::bigint * 1000 + ${batch}) * 1000 + i, ${conversation}, ${n},
           case when i % 3 = 0 or i = ${count} then 'incoming' else 'outgoing' end, false,
           case when i % 3 = 0 or i = ${count} then 'contact' else 'user' end, 'Client ' || ${n}, 'text', 'sent',
           'New message ' || i || ': is the release still on track for Friday?',
           ${at}::timestamptz - make_interval(secs => (${count} - i) * 30), ${at}::timestamptz, '{}'::jsonb
    from generate_series(1, ${count}) i`);
}

import type { Database } from './client.ts';
import { queryRows } from './client.ts';
import { sql } from 'drizzle-orm';

/**
 * A workspace of `projects` projects shaped like a busy agency's, written with set-based SQL
 * (generate_series) so 500 projects take seconds: per project two scores and a week of score
 * history, 3 signals, 2 open recommendations (v2), 20 Linear issues (a third done, some overdue),
 * 10 conversations (3 waiting) with 5 messages each, and 3 CRM deals in two currencies.
 * Benchmarks only (`pnpm bench api`, `pnpm bench web`); other projects of the workspace are
 * left as they are.
 */
export async function seedPortfolio(db: Database, accountScopeId: string, projects: number, now: Date) {
  const at = now.toISOString();
  const ws = sql`${accountScopeId}::uuid`;
  await db.execute(sql`insert into projects (account_scope_id, name, slug, client_name)
    select ${ws}, 'Project ' || g, 'bench-project-' || g, 'Client ' || (g % 97)
    from generate_series(1, ${projects}) g`);
  const ids = await queryRows<{ id: string }>(
    db,
    sql`select id from projects where account_scope_id = ${ws} and slug like 'bench-project-%' order by slug`,
  );
  // Only the projects made here, numbered; Chatwoot ids start far above any sandbox id.
  const list = sql`(select id, 9000000 + row_number() over (order by slug) as n from projects
                    where account_scope_id = ${ws} and slug like 'bench-project-%')`;
  await db.execute(sql`insert into kag_scores (account_scope_id, project_id, score_type, value, config_version, as_of)
    select ${ws}, p.id, t.score_type, case when t.score_type = 'health' then (p.n * 37) % 100 else (p.n * 53) % 100 end, 'bench', ${at}::timestamptz
    from ${list} p cross join (values ('health'), ('risk')) as t(score_type)`);
  await db.execute(sql`insert into kag_score_history (account_scope_id, project_id, score_type, value, config_version, as_of)
    select ${ws}, p.id, 'health', (p.n * 31 + d) % 100, 'bench', ${at}::timestamptz - make_interval(days => d)
    from ${list} p cross join generate_series(1, 8) d`);
  await db.execute(sql`insert into kag_signals (account_scope_id, project_id, key, category, subject_key, severity, title, sentence, first_detected_at, config_version, as_of)
    select ${ws}, p.id, 'signal_' || s, 'communication', 'subject:' || s, ((p.n + s * 7) % 10) / 10.0,
           'Signal ' || s, 'Something needs attention on project ' || p.n || '.', ${at}::timestamptz, 'bench', ${at}::timestamptz
    from ${list} p cross join generate_series(1, 3) s`);
  await db.execute(sql`insert into linear_issues_raw (account_scope_id, project_id, linear_issue_id, identifier, title, url, state_type, due_date, created_at_source, source_updated_at, raw)
    select ${ws}, p.id, p.n || '-' || i, 'ENG-' || i, 'Issue ' || i, 'https://linear.app/bench/issue/ENG-' || i,
           case when i % 3 = 0 then 'completed' else 'started' end,
           (${at}::timestamptz + make_interval(days => i - 10))::date,
           ${at}::timestamptz, ${at}::timestamptz, '{}'::jsonb
    from ${list} p cross join generate_series(1, 20) i`);
  // Each cites two of its project's issues, so the list resolves evidence links as it does live.
  await db.execute(sql`insert into recommendations_v2 (account_scope_id, project_id, type, subject_key, title, body, status, priority, severity, confidence, signal_keys, evidence, suggested_action, config_version, as_of)
    select ${ws}, p.id, case when r = 1 then 'reply_to_client' else 'replan_overdue' end, 'subject:' || r,
           'Do something', 'Because of evidence.', case when r = 1 then 'new' else 'shown' end,
           ((p.n * 7 + r) % 100) / 100.0 * 0.7, ((p.n * 7 + r) % 100) / 100.0, 0.7, '["signal_1"]'::jsonb,
           (select jsonb_agg(jsonb_build_object('table', 'linear_issues_raw', 'id', i.id::text, 'label', i.title))
              from (select li.id, li.title from linear_issues_raw li
                    where li.project_id = p.id order by li.linear_issue_id limit 2) i),
           jsonb_build_object('type', 'create_or_update_task', 'draft', jsonb_build_object('title', 'Do something')),
           'bench', ${at}::timestamptz
    from ${list} p cross join generate_series(1, 2) r`);
  await db.execute(sql`insert into cw_conversations (account_scope_id, project_id, cw_conversation_id, cw_inbox_id, status, waiting_since, last_activity_at, created_at_source, raw)
    select ${ws}, p.id, p.n * 100 + c, p.n, 'open',
           case when c <= 3 then ${at}::timestamptz - make_interval(hours => c * 5) end,
           ${at}::timestamptz, ${at}::timestamptz, '{}'::jsonb
    from ${list} p cross join generate_series(1, 10) c`);
  await db.execute(sql`insert into cw_messages (account_scope_id, project_id, cw_message_id, cw_conversation_id, message_type, content, created_at_source, raw)
    select ${ws}, p.id, (p.n * 100 + c) * 10 + m, p.n * 100 + c,
           case when m % 2 = 1 then 'incoming' else 'outgoing' end,
           'Message ' || m || ' about the release plan.', ${at}::timestamptz - make_interval(hours => c * 5 + m), '{}'::jsonb
    from ${list} p cross join generate_series(1, 10) c cross join generate_series(1, 5) m`);
  await db.execute(sql`insert into crm_opportunities (account_scope_id, project_id, source, title, stage, amount_minor, currency)
    select ${ws}, p.id, 'manual', 'Deal ' || d, 'proposal', 100000 * d, case when d = 3 then 'EUR' else 'USD' end
    from ${list} p cross join generate_series(1, 3) d`);
  return ids.map((r) => r.id);
}

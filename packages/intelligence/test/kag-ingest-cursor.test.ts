import { sql } from 'drizzle-orm';
import { queryRows } from '@keel/db/client';
import { createProject, createWorkspace } from '@keel/db/factories';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestProject } from '../src/kag/ingest.ts';

/**
 * The ingest cursor keeps PostgreSQL's microseconds. Rows written by one sync batch share one
 * `now()`; a cursor cut to milliseconds (a JS Date) compared below every one of them, so each
 * refresh read, mapped and re-inserted the whole last batch again.
 */
let db: TestDatabase;
let scope: { accountScopeId: string; projectId: string };
const now = new Date('2026-03-02T12:00:00.000Z');

async function writeMessages(from: number, count: number) {
  await db.db.execute(sql`insert into cw_messages (account_scope_id, project_id, cw_message_id, cw_conversation_id, message_type, private, content, created_at_source, raw)
    select ${scope.accountScopeId}::uuid, ${scope.projectId}::uuid, ${from} + i, 1, 'incoming', false, 'Message ' || i,
           ${now.toISOString()}::timestamptz - make_interval(mins => i), '{}'::jsonb
    from generate_series(1, ${count}) i`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ws = await createWorkspace(db.db);
  const project = await createProject(db.db, { accountScopeId: ws.id });
  scope = { accountScopeId: ws.id, projectId: project.id };
});

afterAll(async () => {
  await db.close();
});

describe('kag ingest cursor', () => {
  it('when a batch written in one transaction was ingested, then the next refresh reads none of it again', async () => {
    await writeMessages(1000, 50);
    // Microseconds that a millisecond cursor cannot hold (now() rarely falls on a whole millisecond).
    await db.db.execute(
      sql`update cw_messages set updated_at = updated_at + interval '123 microseconds' where project_id = ${scope.projectId}::uuid`,
    );
    const first = await ingestProject(db.db, scope, now);
    expect(first.chatwoot).toEqual({ read: 50, events: 50, inserted: 50 });

    const again = await ingestProject(db.db, scope, now);
    expect(again.chatwoot.read).toBe(0);

    await writeMessages(2000, 3);
    const next = await ingestProject(db.db, scope, now);
    expect(next.chatwoot).toEqual({ read: 3, events: 3, inserted: 3 });
  });
});

/**
 * The daily full pass re-reads a table whole only when its rows at or below what the last full
 * read saw differ from then; otherwise it reads the rows past that point. What it must still
 * catch: rows that land at or below the cursor (a writer's `updated_at` from before the cursor,
 * a transaction committed late), and a new config version.
 */
describe('kag ingest full pass', () => {
  let p: { accountScopeId: string; projectId: string };
  const write = async (from: number, count: number, updatedAt?: string) => {
    await db.db.execute(sql`insert into cw_messages (account_scope_id, project_id, cw_message_id, cw_conversation_id, message_type, private, content, created_at_source, raw, updated_at)
      select ${p.accountScopeId}::uuid, ${p.projectId}::uuid, ${from} + i, 1, 'incoming', false, 'Message ' || i,
             ${now.toISOString()}::timestamptz - make_interval(mins => i), '{}'::jsonb,
             coalesce(${updatedAt ?? null}::timestamptz, now())
      from generate_series(1, ${count}) i`);
  };
  const events = async () =>
    (
      await queryRows<{ n: number }>(
        db.db,
        sql`select count(*)::int as n from kag_events where project_id = ${p.projectId}::uuid`,
      )
    )[0]?.n;

  beforeAll(async () => {
    const ws = await createWorkspace(db.db);
    const project = await createProject(db.db, { accountScopeId: ws.id });
    p = { accountScopeId: ws.id, projectId: project.id };
  });

  it('when nothing changed since the last full read, then the full pass reads no row', async () => {
    await write(1000, 40);
    const first = await ingestProject(db.db, p, now);
    expect(first.chatwoot).toEqual({ read: 40, events: 40, inserted: 40 });
    const daily = await ingestProject(db.db, p, now, 'full');
    expect(daily.chatwoot.read).toBe(0);
    expect(await events()).toBe(40);
  });

  it('when rows arrive past the last full read, then the full pass reads only them', async () => {
    await write(2000, 3);
    const daily = await ingestProject(db.db, p, now, 'full');
    expect(daily.chatwoot).toEqual({ read: 3, events: 3, inserted: 3 });
  });

  it('when rows the refreshes have read since are there too, then the full pass reads them again, not the older ones', async () => {
    await write(3000, 2);
    expect((await ingestProject(db.db, p, now)).chatwoot.read).toBe(2);
    await write(3100, 1);
    expect((await ingestProject(db.db, p, now)).chatwoot.read).toBe(1);
    const daily = await ingestProject(db.db, p, now, 'full');
    expect(daily.chatwoot).toEqual({ read: 3, events: 3, inserted: 0 });
    expect((await ingestProject(db.db, p, now, 'full')).chatwoot.read).toBe(0);
  });

  it('when a row lands below the cursor, then the refresh misses it and the full pass reads the table whole', async () => {
    // A writer whose updated_at is older than the cursor: a transaction that began before it, or an application clock.
    await write(4000, 1, '2020-01-01T00:00:00Z');
    expect((await ingestProject(db.db, p, now)).chatwoot.read).toBe(0);
    const daily = await ingestProject(db.db, p, now, 'full');
    expect(daily.chatwoot).toEqual({ read: 47, events: 47, inserted: 1 });
    expect(await events()).toBe(47);
    expect((await ingestProject(db.db, p, now, 'full')).chatwoot.read).toBe(0);
  });

  it('when a row read before changes without its updated_at moving past the cursor, then the full pass reads the table whole', async () => {
    await db.db.execute(
      sql`update cw_messages set message_type = 'outgoing', updated_at = '2020-01-02T00:00:00Z' where project_id = ${p.projectId}::uuid and cw_message_id = 1001`,
    );
    const daily = await ingestProject(db.db, p, now, 'full');
    expect(daily.chatwoot.read).toBe(47);
    // A message's kind is part of its fact: the outgoing one is a new event beside the incoming one.
    expect(daily.chatwoot.inserted).toBe(1);
  });

  it('when the config version differs from the last full read, then the full pass reads the table whole', async () => {
    await db.db.execute(
      sql`update kag_signal_state set state = jsonb_set(state, '{full,configVersion}', '"kag-v0"') where project_id = ${p.projectId}::uuid and signal_key = 'ingest:chatwoot'`,
    );
    expect((await ingestProject(db.db, p, now, 'full')).chatwoot.read).toBe(47);
    expect((await ingestProject(db.db, p, now, 'full')).chatwoot.read).toBe(0);
  });

  it('when forced, then every row is read again', async () => {
    expect((await ingestProject(db.db, p, now, 'force')).chatwoot).toEqual({
      read: 47,
      events: 47,
      inserted: 0,
    });
  });
});

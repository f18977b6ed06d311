import { and, desc, eq, gte, ilike, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { TimeIdCursor } from '@keel/core/cursor';
import type { Database } from '../client.ts';
import { type CwMessageType, cwContacts, cwConversations, cwMessages } from '../schema/chatwoot.ts';

/**
 * The seed's raw data endpoints (GET /contacts, /conversations, /messages): keyset pagination
 * (newest first, after the last row's time and id), project-scoped, explicit columns. Each list
 * returns up to `limit + 1` rows; the caller cuts the page and issues the cursor.
 */
export type Scope = { accountScopeId: string; projectId: string };

/** Drivers differ: postgres.js hands a Date, PGlite a string; `String(date)` would drop the milliseconds. */
function toIso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** A time parameter for raw SQL expressions: postgres.js cannot bind a Date without a column type. */
function ts(d: Date | string): SQL {
  return sql`${typeof d === 'string' ? d : d.toISOString()}::timestamptz`;
}

function after(timeExpr: SQL, idCol: SQL, cursor: TimeIdCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const t = ts(cursor.t);
  return or(lt(timeExpr, t), and(eq(timeExpr, t), lt(idCol, cursor.id)));
}

export async function listContacts(
  db: Database,
  scope: Scope,
  f: { q?: string; limit: number; cursor: TimeIdCursor | null },
) {
  const time = sql`coalesce(${cwContacts.lastActivityAtSource}, ${cwContacts.createdAt})`;
  return db
    .select({
      id: cwContacts.cwContactId,
      name: cwContacts.name,
      email: cwContacts.email,
      phoneNumber: cwContacts.phoneNumber,
      companyName: cwContacts.companyName,
      lastActivityAt: cwContacts.lastActivityAtSource,
      createdAt: cwContacts.createdAtSource,
      sortAt: sql<string>`${time}`.mapWith(toIso),
    })
    .from(cwContacts)
    .where(
      and(
        eq(cwContacts.accountScopeId, scope.accountScopeId),
        eq(cwContacts.projectId, scope.projectId),
        isNull(cwContacts.deletedAt),
        f.q
          ? or(ilike(cwContacts.name, escapeLike(f.q)), ilike(cwContacts.email, escapeLike(f.q)))
          : undefined,
        after(time, sql`${cwContacts.cwContactId}`, f.cursor),
      ),
    )
    .orderBy(desc(time), desc(cwContacts.cwContactId))
    .limit(f.limit + 1);
}

/**
 * A page of conversations with their contact, last message and message count, in one query:
 * the page is cut first (keyset, limit + 1), then the contact is joined and the last message and
 * the count come from lateral subqueries over the page's rows only (the
 * `(account_scope_id, cw_conversation_id, created_at_source)` index), never per row from the app.
 */
export async function listConversations(
  db: Database,
  scope: Scope,
  f: {
    contactId?: number;
    status?: string;
    since?: Date;
    until?: Date;
    limit: number;
    cursor: TimeIdCursor | null;
  },
) {
  const time = sql`coalesce(${cwConversations.lastActivityAt}, ${cwConversations.createdAtSource})`;
  const pageRows = db
    .select({
      id: cwConversations.cwConversationId,
      inboxId: cwConversations.cwInboxId,
      contactId: cwConversations.cwContactId,
      status: cwConversations.status,
      priority: cwConversations.priority,
      labels: cwConversations.labels,
      unreadCount: cwConversations.unreadCount,
      waitingSince: cwConversations.waitingSince,
      lastActivityAt: cwConversations.lastActivityAt,
      createdAt: cwConversations.createdAtSource,
      sortAt: sql<string>`${time}`.as('sort_at'),
    })
    .from(cwConversations)
    .where(
      and(
        eq(cwConversations.accountScopeId, scope.accountScopeId),
        eq(cwConversations.projectId, scope.projectId),
        isNull(cwConversations.deletedAt),
        f.contactId !== undefined ? eq(cwConversations.cwContactId, f.contactId) : undefined,
        f.status ? sql`${cwConversations.status} = ${f.status}` : undefined,
        f.since ? gte(time, ts(f.since)) : undefined,
        f.until ? lte(time, ts(f.until)) : undefined,
        after(time, sql`${cwConversations.cwConversationId}`, f.cursor),
      ),
    )
    .orderBy(desc(time), desc(cwConversations.cwConversationId))
    .limit(f.limit + 1)
    .as('page');
  const ofConversation = and(
    eq(cwMessages.accountScopeId, scope.accountScopeId),
    eq(cwMessages.projectId, scope.projectId),
    eq(cwMessages.cwConversationId, pageRows.id),
    isNull(cwMessages.deletedAt),
  );
  // The preview is what someone said: activity lines ("marked resolved by …") are skipped.
  const lastMessage = db
    .select({
      content: sql<string | null>`${cwMessages.content}`.as('last_content'),
      createdAt: sql<string>`${cwMessages.createdAtSource}`.as('last_created_at'),
      messageType: sql<CwMessageType>`${cwMessages.messageType}`.as('last_message_type'),
    })
    .from(cwMessages)
    .where(and(ofConversation, ne(cwMessages.messageType, 'activity')))
    .orderBy(desc(cwMessages.createdAtSource), desc(cwMessages.cwMessageId))
    .limit(1)
    .as('last_message');
  const messageCount = db
    .select({ n: sql<number>`count(*)`.as('messages_count') })
    .from(cwMessages)
    .where(ofConversation)
    .as('message_count');
  const rows = await db
    .select({
      id: pageRows.id,
      inboxId: pageRows.inboxId,
      contactId: pageRows.contactId,
      status: pageRows.status,
      priority: pageRows.priority,
      labels: pageRows.labels,
      unreadCount: pageRows.unreadCount,
      waitingSince: pageRows.waitingSince,
      lastActivityAt: pageRows.lastActivityAt,
      createdAt: pageRows.createdAt,
      sortAt: pageRows.sortAt,
      contactName: cwContacts.name,
      contactEmail: cwContacts.email,
      contactCompanyName: cwContacts.companyName,
      contactFound: sql<boolean>`${cwContacts.cwContactId} is not null`,
      lastContent: lastMessage.content,
      lastCreatedAt: lastMessage.createdAt,
      lastMessageType: lastMessage.messageType,
      messagesCount: messageCount.n,
    })
    .from(pageRows)
    .leftJoin(
      cwContacts,
      and(
        eq(cwContacts.accountScopeId, scope.accountScopeId),
        eq(cwContacts.cwContactId, pageRows.contactId),
        isNull(cwContacts.deletedAt),
      ),
    )
    .leftJoinLateral(lastMessage, sql`true`)
    .leftJoinLateral(messageCount, sql`true`)
    .orderBy(desc(pageRows.sortAt), desc(pageRows.id));
  return rows.map((r) => ({
    id: r.id,
    inboxId: r.inboxId,
    contactId: r.contactId,
    status: r.status,
    priority: r.priority,
    labels: r.labels,
    unreadCount: r.unreadCount,
    waitingSince: r.waitingSince,
    lastActivityAt: r.lastActivityAt,
    createdAt: r.createdAt,
    sortAt: toIso(r.sortAt),
    contact:
      r.contactFound && r.contactId !== null
        ? { id: r.contactId, name: r.contactName, email: r.contactEmail, companyName: r.contactCompanyName }
        : null,
    lastMessage:
      r.lastCreatedAt !== null && r.lastMessageType !== null
        ? { content: r.lastContent, createdAt: toIso(r.lastCreatedAt), messageType: r.lastMessageType }
        : null,
    messagesCount: Number(r.messagesCount ?? 0),
  }));
}

export async function listMessages(
  db: Database,
  scope: Scope,
  f: {
    conversationId?: number;
    contactId?: number;
    since?: Date;
    until?: Date;
    q?: string;
    limit: number;
    cursor: TimeIdCursor | null;
  },
) {
  return db
    .select({
      id: cwMessages.cwMessageId,
      conversationId: cwMessages.cwConversationId,
      contactId: cwMessages.cwContactId,
      messageType: cwMessages.messageType,
      private: cwMessages.private,
      senderType: cwMessages.senderType,
      senderName: cwMessages.senderName,
      content: cwMessages.content,
      hasAttachments: cwMessages.hasAttachments,
      createdAt: cwMessages.createdAtSource,
    })
    .from(cwMessages)
    .where(
      and(
        eq(cwMessages.accountScopeId, scope.accountScopeId),
        eq(cwMessages.projectId, scope.projectId),
        isNull(cwMessages.deletedAt),
        f.conversationId !== undefined ? eq(cwMessages.cwConversationId, f.conversationId) : undefined,
        f.contactId !== undefined ? eq(cwMessages.cwContactId, f.contactId) : undefined,
        f.since ? gte(cwMessages.createdAtSource, f.since) : undefined,
        f.until ? lte(cwMessages.createdAtSource, f.until) : undefined,
        f.q ? ilike(cwMessages.content, escapeLike(f.q)) : undefined,
        after(sql`${cwMessages.createdAtSource}`, sql`${cwMessages.cwMessageId}`, f.cursor),
      ),
    )
    .orderBy(desc(cwMessages.createdAtSource), desc(cwMessages.cwMessageId))
    .limit(f.limit + 1);
}

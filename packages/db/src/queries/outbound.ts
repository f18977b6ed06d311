import { and, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { cwMessages } from '../schema/chatwoot.ts';
import {
  contactChannelPolicies,
  type OutboundChannel,
  outboundAttempts,
  outboundMessages,
} from '../schema/outbound.ts';
import { projects } from '../schema/platform.ts';

/** outbound_messages, outbound_attempts and contact_channel_policies (seed: outbox.js). */
type Scope = { accountScopeId: string; projectId: string };
export type OutboundRow = typeof outboundMessages.$inferSelect;
export type OutboundAttemptRow = typeof outboundAttempts.$inferSelect;
export type ContactPolicyRow = typeof contactChannelPolicies.$inferSelect;
export type OutboundInsert = Omit<typeof outboundMessages.$inferInsert, 'accountScopeId' | 'projectId'>;

const inScope = (scope: Scope) =>
  and(
    eq(outboundMessages.accountScopeId, scope.accountScopeId),
    eq(outboundMessages.projectId, scope.projectId),
  );

/** Inserts a draft; the same idempotency key returns the existing row instead of a second one. */
export async function insertOutboundDraft(
  db: Database,
  scope: Scope,
  values: OutboundInsert,
): Promise<{ row: OutboundRow; created: boolean }> {
  const inserted = await db
    .insert(outboundMessages)
    .values({ ...scope, ...values })
    .onConflictDoNothing({ target: [outboundMessages.idempotencyKey, outboundMessages.accountScopeId] })
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const row = await findOutboundByKey(db, scope.accountScopeId, values.idempotencyKey);
  if (!row) throw new Error('outbound draft vanished after insert');
  return { row, created: false };
}

/** Idempotency keys are unique per workspace (the key includes it), so the lookup names it too. */
export async function findOutboundByKey(
  db: Database,
  accountScopeId: string,
  key: string,
): Promise<OutboundRow | undefined> {
  const rows = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.accountScopeId, accountScopeId), eq(outboundMessages.idempotencyKey, key)))
    .limit(1);
  return rows[0];
}

export async function getOutbound(db: Database, scope: Scope, id: string): Promise<OutboundRow | undefined> {
  const rows = await db
    .select()
    .from(outboundMessages)
    .where(and(inScope(scope), eq(outboundMessages.id, id)))
    .limit(1);
  return rows[0];
}

export async function listOutbound(
  db: Database,
  scope: Scope,
  params: { statuses?: string[]; limit: number },
): Promise<OutboundRow[]> {
  const where = params.statuses?.length
    ? and(inScope(scope), inArray(outboundMessages.status, params.statuses as OutboundRow['status'][]))
    : inScope(scope);
  return db
    .select()
    .from(outboundMessages)
    .where(where)
    .orderBy(desc(outboundMessages.createdAt))
    .limit(params.limit);
}

export async function listAttemptsOf(db: Database, ids: string[]): Promise<OutboundAttemptRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(outboundAttempts)
    .where(inArray(outboundAttempts.outboundMessageId, ids))
    .orderBy(outboundAttempts.attemptNo);
}

/** draft → approved, once; null when the row was not a draft. */
export async function markApproved(
  db: Database,
  scope: Scope,
  id: string,
  by: string | null,
  now: Date,
  dueAt: Date = now,
): Promise<OutboundRow | undefined> {
  const rows = await db
    .update(outboundMessages)
    .set({ status: 'approved', approvedBy: by, approvedAt: now, nextAttemptAt: dueAt, updatedAt: now })
    .where(and(inScope(scope), eq(outboundMessages.id, id), eq(outboundMessages.status, 'draft')))
    .returning();
  return rows[0];
}

/**
 * Claims one message for sending under a lease: an approved message whose time has come, or a
 * `sending` one whose lease ran out (its worker died). One UPDATE, so two workers never both win.
 */
export async function claimForSending(
  db: Database,
  scope: Scope,
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<OutboundRow | undefined> {
  const due = or(sql`${outboundMessages.nextAttemptAt} is null`, lte(outboundMessages.nextAttemptAt, now));
  const rows = await db
    .update(outboundMessages)
    .set({
      status: 'sending',
      nextAttemptAt: new Date(now.getTime() + leaseMs),
      attempts: sql`${outboundMessages.attempts} + 1`,
      meta: sql`${outboundMessages.meta} || ${JSON.stringify({ leaseOwner: owner })}::jsonb`,
      updatedAt: now,
    })
    .where(
      and(
        inScope(scope),
        eq(outboundMessages.id, id),
        sql`${outboundMessages.approvedAt} is not null`,
        inArray(outboundMessages.status, ['approved', 'sending']),
        due,
      ),
    )
    .returning();
  return rows[0];
}

/** Ends a send the lease holder still owns; null when the lease was lost to another worker. */
export async function finishSending(
  db: Database,
  id: string,
  owner: string,
  set: Partial<typeof outboundMessages.$inferInsert>,
): Promise<OutboundRow | undefined> {
  const rows = await db
    .update(outboundMessages)
    .set(set)
    .where(
      and(
        eq(outboundMessages.id, id),
        eq(outboundMessages.status, 'sending'),
        sql`${outboundMessages.meta}->>'leaseOwner' = ${owner}`,
      ),
    )
    .returning();
  return rows[0];
}

export async function mergeOutboundMeta(
  db: Database,
  id: string,
  meta: Record<string, unknown>,
): Promise<void> {
  await db
    .update(outboundMessages)
    .set({ meta: sql`${outboundMessages.meta} || ${JSON.stringify(meta)}::jsonb` })
    .where(eq(outboundMessages.id, id));
}

export async function insertAttempt(
  db: Database,
  row: Pick<OutboundRow, 'accountScopeId' | 'projectId' | 'id' | 'attempts'>,
  values: Partial<typeof outboundAttempts.$inferInsert> & { status: OutboundAttemptRow['status'] },
  now: Date,
): Promise<void> {
  await db
    .insert(outboundAttempts)
    .values({
      accountScopeId: row.accountScopeId,
      projectId: row.projectId,
      outboundMessageId: row.id,
      attemptNo: row.attempts,
      startedAt: now,
      ...values,
    })
    .onConflictDoUpdate({
      target: [
        outboundAttempts.outboundMessageId,
        outboundAttempts.attemptNo,
        outboundAttempts.accountScopeId,
      ],
      set: {
        status: values.status,
        error: values.error ?? null,
        response: values.response ?? null,
        externalMessageId: values.externalMessageId ?? null,
        finishedAt: values.finishedAt ?? now,
      },
    });
}

/** Attempts left `started` by a worker that died (its lease expired): marked failed with why. */
export async function abandonStartedAttempts(
  db: Database,
  row: Pick<OutboundRow, 'id' | 'attempts'>,
  now: Date,
) {
  await db
    .update(outboundAttempts)
    .set({
      status: 'failed',
      error: 'The worker stopped before it finished (lease expired).',
      finishedAt: now,
    })
    .where(
      and(
        eq(outboundAttempts.outboundMessageId, row.id),
        eq(outboundAttempts.status, 'started'),
        lt(outboundAttempts.attemptNo, row.attempts),
      ),
    );
}

/** Messages whose send is due: approved and due, or sending with an expired lease. */
export async function listDueOutboundIds(
  db: Database,
  scope: Scope,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(
      and(
        inScope(scope),
        inArray(outboundMessages.status, ['approved', 'sending']),
        sql`${outboundMessages.approvedAt} is not null`,
        or(sql`${outboundMessages.nextAttemptAt} is null`, lte(outboundMessages.nextAttemptAt, now)),
      ),
    )
    .orderBy(outboundMessages.nextAttemptAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Sent times of our messages to the contact since `since`, any channel. */
export async function recentSentTo(
  db: Database,
  scope: Scope,
  contactRef: string,
  since: Date,
): Promise<Date[]> {
  const rows = await db
    .select({ sentAt: outboundMessages.sentAt })
    .from(outboundMessages)
    .where(
      and(
        inScope(scope),
        eq(outboundMessages.contactRef, contactRef),
        eq(outboundMessages.status, 'sent'),
        gt(outboundMessages.sentAt, since),
      ),
    );
  return rows.flatMap((r) => (r.sentAt ? [r.sentAt] : []));
}

/** The contact's latest incoming Chatwoot messages since `since` (for the sentiment hold). */
export async function recentIncomingFrom(
  db: Database,
  scope: Scope,
  cwContactId: number,
  since: Date,
  limit: number,
): Promise<Array<{ at: Date; text: string | null }>> {
  const rows = await db
    .select({ at: cwMessages.createdAtSource, text: cwMessages.content })
    .from(cwMessages)
    .where(
      and(
        eq(cwMessages.accountScopeId, scope.accountScopeId),
        eq(cwMessages.projectId, scope.projectId),
        eq(cwMessages.cwContactId, cwContactId),
        eq(cwMessages.messageType, 'incoming'),
        gt(cwMessages.createdAtSource, since),
      ),
    )
    .orderBy(desc(cwMessages.createdAtSource))
    .limit(limit);
  return rows;
}

export async function getContactPolicy(
  db: Database,
  scope: Scope,
  contactRef: string,
  channel: OutboundChannel,
): Promise<ContactPolicyRow | undefined> {
  const rows = await db
    .select()
    .from(contactChannelPolicies)
    .where(
      and(
        eq(contactChannelPolicies.projectId, scope.projectId),
        eq(contactChannelPolicies.contactRef, contactRef),
        eq(contactChannelPolicies.channel, channel),
      ),
    )
    .limit(1);
  return rows[0];
}

export type PolicyPatch = Partial<
  Pick<
    ContactPolicyRow,
    | 'optedOut'
    | 'optedOutAt'
    | 'optOutReason'
    | 'maxMessagesPerWindow'
    | 'windowHours'
    | 'quietHoursStartMinute'
    | 'quietHoursEndMinute'
    | 'timezone'
    | 'lastSentAt'
  >
>;

export async function upsertContactPolicy(
  db: Database,
  scope: Scope,
  contactRef: string,
  channel: OutboundChannel,
  patch: PolicyPatch,
  now: Date,
): Promise<ContactPolicyRow> {
  const rows = await db
    .insert(contactChannelPolicies)
    .values({ ...scope, contactRef, channel, ...patch, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        contactChannelPolicies.projectId,
        contactChannelPolicies.contactRef,
        contactChannelPolicies.channel,
        contactChannelPolicies.accountScopeId,
      ],
      set: { ...patch, updatedAt: now },
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('contact policy upsert returned nothing');
  return row;
}

export async function projectTimezone(db: Database, scope: Scope): Promise<string | null> {
  const rows = await db
    .select({ settings: projects.settings })
    .from(projects)
    .where(and(eq(projects.id, scope.projectId), eq(projects.accountScopeId, scope.accountScopeId)))
    .limit(1);
  const tz = rows[0]?.settings?.timezone;
  return typeof tz === 'string' ? tz : null;
}

import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { type DigestSection, dailyDigests, digestDeliveries, weeklyDigests } from '../schema/analytics.ts';
import { kagScores } from '../schema/kag-core.ts';
import { users, workspaceMembers } from '../schema/platform.ts';

/** Digest rows per project (daily_digests / weekly_digests) and per reader (digest_deliveries). */

export type DigestKind = 'daily' | 'weekly';
export type DigestChannel = 'in_app' | 'email';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export type ProjectDigestWrite = {
  projectId: string;
  locale: string;
  sections: DigestSection[];
  renderedText: string;
  asOf: Date;
};

/** Upserts one row per (project, period, locale): a rerun in the same period replaces it. */
export async function upsertProjectDigests(
  db: Database,
  accountScopeId: string,
  kind: DigestKind,
  periodKey: string,
  rows: readonly ProjectDigestWrite[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const set = {
    sections: sql`excluded.sections`,
    renderedText: sql`excluded.rendered_text`,
    asOf: sql`excluded.as_of`,
    updatedAt: sql`now()`,
  };
  const values = rows.map((r) => ({ ...r, accountScopeId }));
  if (kind === 'daily') {
    const out = await db
      .insert(dailyDigests)
      .values(values.map((v) => ({ ...v, digestDate: periodKey })))
      .onConflictDoUpdate({
        target: [
          dailyDigests.projectId,
          dailyDigests.digestDate,
          dailyDigests.locale,
          dailyDigests.accountScopeId,
        ],
        set,
      })
      .returning({ id: dailyDigests.id });
    return out.length;
  }
  const out = await db
    .insert(weeklyDigests)
    .values(values.map((v) => ({ ...v, weekStart: periodKey })))
    .onConflictDoUpdate({
      target: [
        weeklyDigests.projectId,
        weeklyDigests.weekStart,
        weeklyDigests.locale,
        weeklyDigests.accountScopeId,
      ],
      set,
    })
    .returning({ id: weeklyDigests.id });
  return out.length;
}

/** The period's per-project digests of a workspace in one language (only the given projects). */
export async function listProjectDigests(
  db: Database,
  accountScopeId: string,
  kind: DigestKind,
  periodKey: string,
  locale: string,
  projectIds: readonly string[],
): Promise<{ projectId: string; sections: DigestSection[]; asOf: Date }[]> {
  if (projectIds.length === 0) return [];
  const t = kind === 'daily' ? dailyDigests : weeklyDigests;
  const period =
    kind === 'daily' ? eq(dailyDigests.digestDate, periodKey) : eq(weeklyDigests.weekStart, periodKey);
  return db
    .select({ projectId: t.projectId, sections: t.sections, asOf: t.asOf })
    .from(t)
    .where(
      and(
        eq(t.accountScopeId, accountScopeId),
        inArray(t.projectId, [...projectIds]),
        eq(t.locale, locale),
        period,
      ),
    );
}

/** The workspace's members who can sign in, with their role (digest readers). */
export async function listDigestReaders(db: Database, accountScopeId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.accountScopeId, accountScopeId), sql`${users.disabledAt} is null`))
    .orderBy(users.email);
}

export type DeliveryRow = typeof digestDeliveries.$inferSelect;

export type DeliveryWrite = {
  accountScopeId: string;
  userId: string;
  kind: DigestKind;
  periodKey: string;
  locale: string;
  projectIds: string[];
  sections: DigestSection[];
  renderedText: string;
  nothingNew: boolean;
  asOf: Date;
};

/**
 * Writes the reader's digest for one channel (content refreshed on a rerun in the same period).
 * The status is set only on insert; `markDelivery` moves it.
 */
export async function upsertDelivery(
  db: Database,
  row: DeliveryWrite & {
    channel: DigestChannel;
    status: DeliveryStatus;
    error: string | null;
    sentAt?: Date | null;
  },
): Promise<DeliveryRow> {
  const [out] = await db
    .insert(digestDeliveries)
    .values(row)
    .onConflictDoUpdate({
      target: [
        digestDeliveries.userId,
        digestDeliveries.kind,
        digestDeliveries.periodKey,
        digestDeliveries.channel,
        digestDeliveries.accountScopeId,
      ],
      set: {
        locale: sql`excluded.locale`,
        projectIds: sql`excluded.project_ids`,
        sections: sql`excluded.sections`,
        renderedText: sql`excluded.rendered_text`,
        nothingNew: sql`excluded.nothing_new`,
        asOf: sql`excluded.as_of`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!out) throw new Error('digest delivery upsert returned no row');
  return out;
}

/** Records how a delivery went (an attempt counts when one was made). */
export async function markDelivery(
  db: Database,
  id: string,
  outcome: { status: DeliveryStatus; error: string | null; attempted: boolean; sentAt: Date | null },
): Promise<void> {
  await db
    .update(digestDeliveries)
    .set({
      status: outcome.status,
      error: outcome.error,
      sentAt: outcome.sentAt,
      attempts: outcome.attempted ? sql`${digestDeliveries.attempts} + 1` : digestDeliveries.attempts,
      updatedAt: sql`now()`,
    })
    .where(eq(digestDeliveries.id, id));
}

/** The reader's in-app digest of an earlier period (the one "nothing new" compares with). */
export async function findPreviousDelivery(
  db: Database,
  accountScopeId: string,
  userId: string,
  kind: DigestKind,
  beforePeriodKey: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(digestDeliveries)
    .where(
      and(
        eq(digestDeliveries.accountScopeId, accountScopeId),
        eq(digestDeliveries.userId, userId),
        eq(digestDeliveries.kind, kind),
        eq(digestDeliveries.channel, 'in_app'),
        lt(digestDeliveries.periodKey, beforePeriodKey),
      ),
    )
    .orderBy(desc(digestDeliveries.periodKey))
    .limit(1);
  return row;
}

/**
 * The reader's digests of one kind, newest period first, every channel of each period; periods
 * strictly before `beforePeriodKey` when given (the cursor). Returns up to `limit + 1` periods'
 * rows so the caller knows whether there is a next page.
 */
export async function listReaderDeliveries(
  db: Database,
  accountScopeId: string,
  userId: string,
  kind: DigestKind,
  options: { beforePeriodKey: string | null; periodKey: string | null; limit: number },
): Promise<DeliveryRow[]> {
  const base = [
    eq(digestDeliveries.accountScopeId, accountScopeId),
    eq(digestDeliveries.userId, userId),
    eq(digestDeliveries.kind, kind),
  ];
  const periods = await db
    .selectDistinct({ periodKey: digestDeliveries.periodKey })
    .from(digestDeliveries)
    .where(
      and(
        ...base,
        options.periodKey ? eq(digestDeliveries.periodKey, options.periodKey) : undefined,
        options.beforePeriodKey ? lt(digestDeliveries.periodKey, options.beforePeriodKey) : undefined,
      ),
    )
    .orderBy(desc(digestDeliveries.periodKey))
    .limit(options.limit + 1);
  if (periods.length === 0) return [];
  return db
    .select()
    .from(digestDeliveries)
    .where(
      and(
        ...base,
        inArray(
          digestDeliveries.periodKey,
          periods.map((p) => p.periodKey),
        ),
      ),
    )
    .orderBy(desc(digestDeliveries.periodKey), digestDeliveries.channel);
}

/** One delivery of a reader's digest (the unique (user, kind, period, channel) row). */
export async function findDelivery(
  db: Database,
  key: { userId: string; kind: DigestKind; periodKey: string; channel: DigestChannel },
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(digestDeliveries)
    .where(
      and(
        eq(digestDeliveries.userId, key.userId),
        eq(digestDeliveries.kind, key.kind),
        eq(digestDeliveries.periodKey, key.periodKey),
        eq(digestDeliveries.channel, key.channel),
      ),
    );
  return row;
}

/** Whether the pipeline has scored the project yet (a digest before that would be empty). */
export async function hasProjectScores(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
): Promise<boolean> {
  const rows = await db
    .select({ id: kagScores.id })
    .from(kagScores)
    .where(and(eq(kagScores.accountScopeId, scope.accountScopeId), eq(kagScores.projectId, scope.projectId)))
    .limit(1);
  return rows.length > 0;
}

/** Whether the project has a digest row for the period yet. */
export async function hasProjectDigest(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  kind: DigestKind,
  periodKey: string,
): Promise<boolean> {
  const t = kind === 'daily' ? dailyDigests : weeklyDigests;
  const period =
    kind === 'daily' ? eq(dailyDigests.digestDate, periodKey) : eq(weeklyDigests.weekStart, periodKey);
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.accountScopeId, scope.accountScopeId), eq(t.projectId, scope.projectId), period))
    .limit(1);
  return rows.length > 0;
}

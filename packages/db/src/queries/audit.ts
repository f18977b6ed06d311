import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { auditEvents, projects, users } from '../schema/platform.ts';

export type AuditEventInput = {
  accountScopeId: string;
  projectId?: string | null;
  actorUserId?: string | null;
  actorType: 'user' | 'api_key' | 'system';
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  status?: 'ok' | 'failed';
  requestId?: string | null;
  ip?: string | null;
  payload?: Record<string, unknown>;
  evidenceRefs?: unknown[];
  at?: Date;
};

/** Appends one audit row; every mutation of the product calls this (seed: writeAuditEvent). */
export async function writeAuditEvent(db: Database, input: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    accountScopeId: input.accountScopeId,
    projectId: input.projectId ?? null,
    actorUserId: input.actorUserId ?? null,
    actorType: input.actorType,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    status: input.status ?? 'ok',
    requestId: input.requestId ?? null,
    ip: input.ip ?? null,
    payload: input.payload ?? {},
    evidenceRefs: input.evidenceRefs ?? [],
    ...(input.at ? { createdAt: input.at } : {}),
  });
}

export type ListAuditParams = {
  accountScopeId: string;
  projectId?: string | undefined;
  action?: string | undefined;
  /** Matches every action starting with this (e.g. `connector.`). */
  actionPrefix?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset cursor: the created_at of the last row already seen. */
  before?: Date | undefined;
  limit: number;
};

export async function listAuditEvents(db: Database, p: ListAuditParams) {
  const where: SQL[] = [eq(auditEvents.accountScopeId, p.accountScopeId)];
  if (p.projectId) where.push(eq(auditEvents.projectId, p.projectId));
  if (p.action) where.push(eq(auditEvents.action, p.action));
  if (p.actionPrefix) where.push(like(auditEvents.action, `${p.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`));
  if (p.from) where.push(gte(auditEvents.createdAt, p.from));
  if (p.to) where.push(lte(auditEvents.createdAt, p.to));
  if (p.before) where.push(lt(auditEvents.createdAt, p.before));
  return db
    .select({
      id: auditEvents.id,
      projectId: auditEvents.projectId,
      actorUserId: auditEvents.actorUserId,
      actorType: auditEvents.actorType,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      status: auditEvents.status,
      requestId: auditEvents.requestId,
      payload: auditEvents.payload,
      evidenceRefs: auditEvents.evidenceRefs,
      createdAt: auditEvents.createdAt,
      actorName: users.name,
      actorEmail: users.email,
      projectName: projects.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(projects, eq(projects.id, auditEvents.projectId))
    .where(and(...where))
    .orderBy(desc(auditEvents.createdAt))
    .limit(p.limit);
}

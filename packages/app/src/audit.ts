import type { Database } from '@keel/db/client';
import { type AuditEventInput, writeAuditEvent } from '@keel/db/queries/audit';
import type { AppDeps } from './deps.ts';
import type { AuthIdentity } from './identity.ts';

/**
 * The one audit entry point. Every mutation a use case performs is recorded here, either on
 * behalf of the caller (a user's session or API key, with the request id that ties it to the
 * logs) or as the system (a scheduled job acting on its own).
 */
export type AuditActor =
  | { kind: 'caller'; auth: AuthIdentity; requestId: string | null; ip?: string | null }
  | { kind: 'system'; accountScopeId: string };

export type AuditFields = Omit<
  AuditEventInput,
  'accountScopeId' | 'actorUserId' | 'actorType' | 'requestId' | 'ip'
>;

export async function audit(db: Database, actor: AuditActor, fields: AuditFields): Promise<void> {
  if (actor.kind === 'system') {
    await writeAuditEvent(db, { ...fields, accountScopeId: actor.accountScopeId, actorType: 'system' });
    return;
  }
  await writeAuditEvent(db, {
    ...fields,
    accountScopeId: actor.auth.accountScopeId,
    actorUserId: actor.auth.userId,
    actorType: actor.auth.via === 'api_key' ? 'api_key' : 'user',
    requestId: actor.requestId,
    ip: actor.ip ?? null,
  });
}

/**
 * Who a use case acts for: the caller and the request that ties its audit rows to the logs,
 * with the slice of the app's deps the use case needs (`Actor<'clock'>` adds the clock to `db`).
 * A procedure passes its `ctx`.
 */
export type Actor<D extends keyof AppDeps = never> = {
  deps: Pick<AppDeps, 'db' | D>;
  requestId: string;
  ip: string;
  auth: AuthIdentity;
};

/** Audits a mutation on behalf of the caller of a procedure. */
export async function auditAs(actor: Actor, fields: AuditFields) {
  await audit(
    actor.deps.db,
    { kind: 'caller', auth: actor.auth, requestId: actor.requestId, ip: actor.ip },
    fields,
  );
}

/** Audits what a job did on its own (no user behind it). */
export async function auditAsSystem(db: Database, accountScopeId: string, fields: AuditFields) {
  await audit(db, { kind: 'system', accountScopeId }, fields);
}
